"""Synthetic AWS billing exports (legacy CUR CSV and Parquet, CUR 2.0, FOCUS) in AWS's delivery
layouts, at any scale, deterministic, with the exact totals a pipeline must reproduce.

    from sentinel.generate import generate
    report = generate(Path("out"), formats="all", months=3, rows_per_month=100_000, seed=7)
    report.current("cur2", "2024-02").totals.total.unblended   # exact: a DECIMAL(38,10) Decimal
"""

from sentinel.generate.delivery import Delivery
from sentinel.generate.expected import DeliveryTotals
from sentinel.generate.runner import FORMATS, SOURCE_FORMATS, GenerationReport, generate

__all__ = ["FORMATS", "SOURCE_FORMATS", "Delivery", "DeliveryTotals", "GenerationReport", "generate"]
