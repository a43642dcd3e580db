"""Money is conserved: the same per-period sums before and after every step, exactly (every sum is of
DECIMAL(38,10) values, so there is nothing to round)."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from sentinel_etl.money import MoneyTotals, to_money
from sentinel_etl.raw_profile import exact_sum


def totals_of(df: DataFrame, *, count_column: str | None = None) -> MoneyTotals:
    """Sums of a silver or gold frame (gold carries line_item_count instead of one row per item)."""
    rows = F.sum(F.col(count_column)) if count_column else F.count(F.lit(1))
    row = df.agg(
        rows.cast("long").alias("rows"),
        exact_sum(F.col("unblended_cost")).alias("unblended"),
        exact_sum(F.col("amortized_cost")).alias("amortized"),
        exact_sum(F.col("public_cost")).alias("public"),
    ).collect()[0].asDict()
    return MoneyTotals(
        rows=int(row["rows"] or 0),
        unblended=to_money(row["unblended"]),
        amortized=to_money(row["amortized"]),
        public=to_money(row["public"]),
    )
