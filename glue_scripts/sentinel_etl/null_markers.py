"""The texts exports write for "no value": NULL in every format (koku-nise writes `None`, others `NULL`)."""

from __future__ import annotations

NULL_MARKERS = ("", "NULL", "null", "None")
