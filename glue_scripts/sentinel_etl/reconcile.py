"""Money is conserved: the same per-period sums before and after every step, exactly (every sum is of
DECIMAL(38,10) values, so there is nothing to round)."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from sentinel_etl.raw_profile import PeriodTotals, exact_sum, to_decimal


def totals_of(df: DataFrame, *, count_column: str | None = None) -> PeriodTotals:
    """Sums of a silver or gold frame (gold carries line_item_count instead of one row per item)."""
    rows = F.sum(F.col(count_column)) if count_column else F.count(F.lit(1))
    row = df.agg(
        rows.cast("long").alias("rows"),
        exact_sum(F.col("unblended_cost")).alias("unblended"),
        exact_sum(F.col("amortized_cost")).alias("amortized"),
        exact_sum(F.col("public_cost")).alias("public"),
    ).collect()[0].asDict()
    return PeriodTotals(
        rows=int(row["rows"] or 0),
        unblended=to_decimal(row["unblended"]),
        amortized=to_decimal(row["amortized"]),
        public=to_decimal(row["public"]),
    )


def differences(expected: PeriodTotals, actual: PeriodTotals) -> list[str]:
    problems = []
    if expected.rows != actual.rows:
        problems.append(f"rows {actual.rows} != {expected.rows}")
    for name in ("unblended", "amortized", "public"):
        want, got = getattr(expected, name), getattr(actual, name)
        if want != got:
            problems.append(f"{name} {got} != {want} (by {got - want})")
    return problems

