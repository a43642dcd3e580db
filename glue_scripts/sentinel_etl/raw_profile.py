"""Per-period row counts and money sums of the raw rows, plus counts of values that do not parse.

This is the raw side of reconciliation (computed before normalisation, straight from the export's own
columns) and the guard against bad input: a non-numeric cost or an unparseable date fails the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from sentinel_etl.charges import amortized_cost
from sentinel_etl.columns import Source, has, money, period_of, try_cast
from sentinel_etl.formats import SourceFormat

# Columns whose values must parse, per format: (column, SQL type).
CHECKED_COLUMNS: dict[SourceFormat, tuple[tuple[str, str], ...]] = {
    SourceFormat.LEGACY_CUR_CSV: (
        ("line_item_unblended_cost", "decimal(38,10)"),
        ("line_item_net_unblended_cost", "decimal(38,10)"),
        ("pricing_public_on_demand_cost", "decimal(38,10)"),
        ("reservation_effective_cost", "decimal(38,10)"),
        ("savings_plan_savings_plan_effective_cost", "decimal(38,10)"),
        ("line_item_usage_amount", "double"),
        ("line_item_usage_start_date", "timestamp"),
        ("bill_billing_period_start_date", "timestamp"),
    ),
    SourceFormat.FOCUS: (
        ("billed_cost", "decimal(38,10)"),
        ("effective_cost", "decimal(38,10)"),
        ("list_cost", "decimal(38,10)"),
        ("consumed_quantity", "double"),
        ("charge_period_start", "timestamp"),
        ("billing_period_start", "timestamp"),
    ),
}


@dataclass
class PeriodTotals:
    rows: int = 0
    unblended: Decimal = Decimal(0)
    amortized: Decimal = Decimal(0)
    public: Decimal = Decimal(0)

    def add(self, other: PeriodTotals) -> None:
        self.rows += other.rows
        self.unblended += other.unblended
        self.amortized += other.amortized
        self.public += other.public

    def as_dict(self) -> dict[str, float | int]:
        return {"rows": self.rows, "unblended": float(self.unblended), "amortized": float(self.amortized),
                "public": float(self.public)}


@dataclass
class RawProfile:
    periods: dict[str, PeriodTotals] = field(default_factory=dict)
    unparseable: dict[str, int] = field(default_factory=dict)  # column → count of values that do not parse


def profile_frame(df: DataFrame, fmt: SourceFormat, *, is_csv: bool) -> tuple[DataFrame, list[str]]:
    """The aggregate query behind a profile, and the columns whose parse failures it counts."""
    src = Source.of(df)
    focus = fmt is SourceFormat.FOCUS
    period_column = "billing_period_start" if focus else "bill_billing_period_start_date"
    unblended = money(src, "billed_cost" if focus else "line_item_unblended_cost")
    amortized = money(src, "effective_cost") if focus else amortized_cost(src)
    public = money(src, "list_cost" if focus else "pricing_public_on_demand_cost")
    checked = [(c, t) for c, t in CHECKED_COLUMNS.get(fmt, ()) if is_csv and has(src, c)]
    aggregates: list[Column] = [
        F.count(F.lit(1)).alias("rows"),
        exact_sum(unblended).alias("unblended"),
        exact_sum(amortized).alias("amortized"),
        exact_sum(public).alias("public"),
    ]
    aggregates += [
        F.sum(F.when(F.col(c).isNotNull() & (F.col(c) != "") & try_cast(c, t).isNull(), 1).otherwise(0)).alias(
            f"bad__{c}"
        )
        for c, t in checked
    ]
    frame = df.groupBy(period_of(period_column).alias("period")).agg(*aggregates)
    return frame, [c for c, _ in checked]


def read_profile(rows: list[dict[str, Any]], checked: list[str]) -> RawProfile:
    result = RawProfile()
    for values in rows:
        period = values["period"] or ""
        result.periods[period] = PeriodTotals(
            rows=int(values["rows"]),
            unblended=to_decimal(values["unblended"]),
            amortized=to_decimal(values["amortized"]),
            public=to_decimal(values["public"]),
        )
        for column in checked:
            bad = int(values[f"bad__{column}"] or 0)
            if bad:
                result.unparseable[column] = result.unparseable.get(column, 0) + bad
    return result


def exact_sum(column: Column) -> Column:
    # As text, because sqlframe hands DECIMAL results back as floats; the string keeps every digit.
    return F.sum(column).cast("string")


def to_decimal(value: object) -> Decimal:
    return Decimal(0) if value in (None, "") else Decimal(str(value)).quantize(Decimal("1e-10"))
