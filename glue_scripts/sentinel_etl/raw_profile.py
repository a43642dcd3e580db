"""Per-period row counts and money sums of the raw rows, plus counts of values that do not parse.

This is the raw side of reconciliation (computed before normalisation, straight from the export's own
columns) and the guard against bad input: a non-numeric cost or an unparseable date fails the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pyspark.sql import Column
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

# Columns every line item must have a value in (silver's usage_start and unblended_cost are never null):
# an empty one is bad input naming the file, line and column, not a failed schema check after the write.
REQUIRED_COLUMNS: dict[SourceFormat, tuple[str, ...]] = {
    SourceFormat.LEGACY_CUR_CSV: ("line_item_usage_start_date", "line_item_unblended_cost"),
    SourceFormat.FOCUS: ("charge_period_start", "billed_cost"),
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
    empty: dict[str, int] = field(default_factory=dict)  # required column → count of rows without a value


# The profile travels as extra columns beside the silver columns of the same select, so the engine can
# total them during the one scan that writes silver (Engine.write_tallied). Names are fixed across formats
# so the frames of several exports union. Which checked values do not parse is one bitmask per row (bit i:
# CHECKED_COLUMNS[format][i]; bit EMPTY_BIT + j: REQUIRED_COLUMNS[format][j] is empty); the tally reports
# how many rows have each bit set as BAD_SLOTS[bit].
FILE_KEY = "profile__file"
PERIOD_KEY = "profile__period"
SUMMED = ("profile__unblended", "profile__amortized", "profile__public")
BAD_MASK = "profile__bad"
EMPTY_BIT = max(len(c) for c in CHECKED_COLUMNS.values())
BAD_SLOTS = tuple(f"profile__bad_{i}" for i in range(EMPTY_BIT + max(len(c) for c in REQUIRED_COLUMNS.values())))


def profile_columns(src: Source, fmt: SourceFormat, *, is_csv: bool, file_index: int) -> list[Column]:
    """Per raw row: which file and period it belongs to, its money, and which checked values do not parse.

    Computed from the export's own columns, not from the silver columns beside them, so that
    reconciliation also catches a normalisation that changes money.
    """
    focus = fmt is SourceFormat.FOCUS
    period_column = "billing_period_start" if focus else "bill_billing_period_start_date"
    unblended = money(src, "billed_cost" if focus else "line_item_unblended_cost")
    amortized = money(src, "effective_cost") if focus else amortized_cost(src)
    public = money(src, "list_cost" if focus else "pricing_public_on_demand_cost")
    columns: list[Column] = [
        F.lit(file_index).cast("int").alias(FILE_KEY),
        period_of(period_column).alias(PERIOD_KEY),
        *(c.alias(name) for c, name in zip((unblended, amortized, public), SUMMED, strict=True)),
    ]
    mask: Column = F.lit(0)
    if is_csv:
        for bit, (c, t) in enumerate(CHECKED_COLUMNS.get(fmt, ())):
            if has(src, c):
                mask = mask + F.when(F.col(c).isNotNull() & (F.col(c) != "") & try_cast(c, t).isNull(), 1 << bit) \
                    .otherwise(0)
        for j, c in enumerate(REQUIRED_COLUMNS.get(fmt, ())):
            if has(src, c):
                mask = mask + F.when(F.col(c).isNull() | (F.col(c) == ""), 1 << (EMPTY_BIT + j)).otherwise(0)
    columns.append(mask.cast("int").alias(BAD_MASK))
    return columns


def read_tally(rows: list[dict[str, Any]], fmt: SourceFormat, file_index: int) -> RawProfile:
    """One file's profile from the totals per (file, period) that Engine.write_tallied returns."""
    result = RawProfile()
    checked = CHECKED_COLUMNS.get(fmt, ())
    for values in rows:
        if values[FILE_KEY] != file_index:
            continue
        result.periods[values[PERIOD_KEY] or ""] = PeriodTotals(
            rows=int(values["rows"]),
            unblended=to_decimal(values[SUMMED[0]]),
            amortized=to_decimal(values[SUMMED[1]]),
            public=to_decimal(values[SUMMED[2]]),
        )
        for (column, _), slot in zip(checked, BAD_SLOTS, strict=False):
            bad = int(values[slot] or 0)
            if bad:
                result.unparseable[column] = result.unparseable.get(column, 0) + bad
        for column, slot in zip(REQUIRED_COLUMNS.get(fmt, ()), BAD_SLOTS[EMPTY_BIT:], strict=False):
            missing = int(values[slot] or 0)
            if missing:
                result.empty[column] = result.empty.get(column, 0) + missing
    return result


def exact_sum(column: Column) -> Column:
    # As text, because sqlframe hands DECIMAL results back as floats; the string keeps every digit.
    return F.sum(column).cast("string")


def to_decimal(value: object) -> Decimal:
    return Decimal(0) if value in (None, "") else Decimal(str(value)).quantize(Decimal("1e-10"))
