"""Synthetic AWS billing exports (legacy CUR CSV and Parquet, CUR 2.0, FOCUS) in AWS's delivery
layouts, at any scale, deterministic, with the exact totals a pipeline must reproduce.

    from sentinel.generate import generate
    report = generate(Path("out"), formats="all", months=3, rows_per_month=100_000, seed=7)
    report.current("cur2", "2024-02").totals.total.unblended   # exact: a DECIMAL(38,10) Decimal

The names below load on first use, so the CLI (which registers `sentinel generate`) starts without numpy
and the generator.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sentinel.generate.options import FORMATS, SOURCE_FORMATS

if TYPE_CHECKING:
    from sentinel.generate.delivery import Delivery
    from sentinel.generate.expected import DeliveryTotals
    from sentinel.generate.runner import GenerationReport, generate

__all__ = ["FORMATS", "SOURCE_FORMATS", "Delivery", "DeliveryTotals", "GenerationReport", "generate"]
_LAZY = {"Delivery": "delivery", "DeliveryTotals": "expected", "GenerationReport": "runner", "generate": "runner"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"sentinel.generate.{_LAZY[name]}"), name)
    raise AttributeError(name)
