"""Failure path only: find the first offending line of a CSV so the error can name it."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator

NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")


def _rows(path: str) -> Iterator[list[str]]:
    raw = gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")  # noqa: SIM115
    with raw, io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="") as text:
        yield from csv.reader(text)


def first_bad_value(path: str, column_index: int, kind: str) -> tuple[int, str] | None:
    """(line number, value) of the first value in the column that is not a number/timestamp."""
    pattern = TIMESTAMP if kind == "timestamp" else NUMBER
    for line_number, row in enumerate(_rows(path), start=1):
        if line_number == 1 or column_index >= len(row):
            continue
        value = row[column_index]
        if value not in ("", "NULL") and not pattern.match(value):
            return line_number, value
    return None


def first_empty_value(path: str, column_index: int) -> int | None:
    """Line number of the first row whose value in the column is empty (or the NULL marker)."""
    for line_number, row in enumerate(_rows(path), start=1):
        if line_number > 1 and (column_index >= len(row) or row[column_index] in ("", "NULL")):
            return line_number
    return None
