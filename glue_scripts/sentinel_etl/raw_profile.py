"""Per-period row counts and money sums of the raw rows, plus counts of values that do not parse.

This is the raw side of reconciliation (computed before normalisation, straight from the export's own
columns) and the guard against bad input: a non-numeric cost or an unparseable date fails the run, unless
it is in a column the row's line item type never reads (USED_ONLY_BY), where it is only counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pyspark.sql import Column
from pyspark.sql import functions as F

from sentinel_etl.charges import AMORTIZED_ONLY_INPUTS, amortized_cost
from sentinel_etl.columns import MONEY_SQL, Source, absent, column_type, has, money, period_of, try_cast
from sentinel_etl.formats import SourceFormat
from sentinel_etl.money import MoneyTotals, to_money

# Columns whose values must parse, per format: (column, SQL type). A column that already has that type
# (a Parquet timestamp, a DECIMAL(38,10)) cannot fail and is not tested.
_CUR_CHECKED: tuple[tuple[str, str], ...] = (
    ("line_item_unblended_cost", MONEY_SQL),
    ("line_item_net_unblended_cost", MONEY_SQL),
    ("pricing_public_on_demand_cost", MONEY_SQL),
    *((column, MONEY_SQL) for column in AMORTIZED_ONLY_INPUTS),
    ("line_item_usage_amount", "double"),
    ("line_item_usage_start_date", "timestamp"),
    ("bill_billing_period_start_date", "timestamp"),
)
CHECKED_COLUMNS: dict[SourceFormat, tuple[tuple[str, str], ...]] = {
    SourceFormat.LEGACY_CUR_CSV: _CUR_CHECKED,
    SourceFormat.LEGACY_CUR_PARQUET: _CUR_CHECKED,
    SourceFormat.CUR2: _CUR_CHECKED,
    SourceFormat.FOCUS: (
        ("billed_cost", MONEY_SQL),
        ("effective_cost", MONEY_SQL),
        ("list_cost", MONEY_SQL),
        ("consumed_quantity", "double"),
        ("charge_period_start", "timestamp"),
        ("billing_period_start", "timestamp"),
    ),
}
# Checked columns that only some line item types read (column → those types), per format: on other rows a
# value that does not parse is counted apart and reported as a warning, since it changes nothing.
USED_ONLY_BY: dict[SourceFormat, dict[str, tuple[str, ...]]] = {
    SourceFormat.LEGACY_CUR_CSV: AMORTIZED_ONLY_INPUTS,
    SourceFormat.LEGACY_CUR_PARQUET: AMORTIZED_ONLY_INPUTS,
    SourceFormat.CUR2: AMORTIZED_ONLY_INPUTS,
    SourceFormat.FOCUS: {},
}
LINE_ITEM_TYPE = "line_item_line_item_type"  # what USED_ONLY_BY's types are values of

# Columns every line item must have a value in (silver's usage_start and unblended_cost are never null):
# an empty one is bad input naming the file, line and column, not a failed schema check after the write.
_CUR_REQUIRED = ("line_item_usage_start_date", "line_item_unblended_cost")
REQUIRED_COLUMNS: dict[SourceFormat, tuple[str, ...]] = {
    SourceFormat.LEGACY_CUR_CSV: _CUR_REQUIRED,
    SourceFormat.LEGACY_CUR_PARQUET: _CUR_REQUIRED,
    SourceFormat.CUR2: _CUR_REQUIRED,
    SourceFormat.FOCUS: ("charge_period_start", "billed_cost"),
}


class Problem(StrEnum):
    UNPARSEABLE = "unparseable"  # a value that does not parse, on a row that reads the column
    UNPARSEABLE_UNUSED = "unparseable_unused"  # ... on a row whose line item type never reads it
    EMPTY = "empty"  # no value in a column every line item needs


@dataclass
class RawProfile:
    periods: dict[str, MoneyTotals] = field(default_factory=dict)
    unparseable: dict[str, int] = field(default_factory=dict)  # column → count of values that do not parse
    # column → count of values that do not parse on rows that never read the column (USED_ONLY_BY)
    unparseable_unused: dict[str, int] = field(default_factory=dict)
    empty: dict[str, int] = field(default_factory=dict)  # required column → count of rows without a value

    def counts(self, problem: Problem) -> dict[str, int]:
        return {Problem.UNPARSEABLE: self.unparseable, Problem.UNPARSEABLE_UNUSED: self.unparseable_unused,
                Problem.EMPTY: self.empty}[problem]


# The profile travels as extra columns beside the silver columns of the same select, so the engine can
# total them during the one scan that writes silver (Engine.write_tallied). Names are fixed across formats
# so the frames of several exports union. Which problems a row has is one bitmask (bit i: SLOTS[format][i]);
# the tally reports how many rows have each bit set as BAD_SLOTS[bit].
FILE_KEY = "profile__file"
PERIOD_KEY = "profile__period"
SUMMED = ("profile__unblended", "profile__amortized", "profile__public")
BAD_MASK = "profile__bad"


def _slots(fmt: SourceFormat) -> tuple[tuple[Problem, str], ...]:
    checked = [column for column, _ in CHECKED_COLUMNS[fmt]]
    return (
        *((Problem.UNPARSEABLE, column) for column in checked),
        *((Problem.UNPARSEABLE_UNUSED, column) for column in checked if column in USED_ONLY_BY[fmt]),
        *((Problem.EMPTY, column) for column in REQUIRED_COLUMNS[fmt]),
    )


SLOTS: dict[SourceFormat, tuple[tuple[Problem, str], ...]] = {fmt: _slots(fmt) for fmt in SourceFormat}
BAD_SLOTS = tuple(f"profile__bad_{i}" for i in range(max(len(slots) for slots in SLOTS.values())))


def profile_columns(src: Source, fmt: SourceFormat, *, file_index: int) -> list[Column]:
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
    bit = {slot: 1 << index for index, slot in enumerate(SLOTS[fmt])}
    mask: Column = F.lit(0)
    for column, sql_type in CHECKED_COLUMNS[fmt]:
        if not has(src, column) or _has_type(src, column, sql_type):
            continue
        # The cast first: it is NULL for almost no value that is present, and silver computes it anyway.
        bad = try_cast(column, sql_type).isNull() & ~absent(src, column)
        flag: Column = F.lit(bit[(Problem.UNPARSEABLE, column)])
        users = USED_ONLY_BY[fmt].get(column)
        if users and has(src, LINE_ITEM_TYPE):  # the raw type, as amortized_cost compares it
            flag = F.when(F.col(LINE_ITEM_TYPE).isin(*users), flag) \
                .otherwise(bit[(Problem.UNPARSEABLE_UNUSED, column)])
        mask = mask + F.when(bad, flag).otherwise(0)
    for column in REQUIRED_COLUMNS[fmt]:
        if has(src, column):
            mask = mask + F.when(absent(src, column), bit[(Problem.EMPTY, column)]).otherwise(0)
    columns.append(mask.cast("int").alias(BAD_MASK))
    return columns


def _has_type(src: Source, column: str, sql_type: str) -> bool:
    """The column's values are already of the checked type, so none can fail to parse (timestamp() reads
    any timestamp type as it is)."""
    kind = column_type(src, column)
    return kind == sql_type or (sql_type == "timestamp" and kind.startswith("timestamp"))


def read_tally(rows: list[dict[str, Any]], fmt: SourceFormat, file_index: int) -> RawProfile:
    """One file's profile from the totals per (file, period) that Engine.write_tallied returns."""
    result = RawProfile()
    for values in rows:
        if values[FILE_KEY] != file_index:
            continue
        result.periods[values[PERIOD_KEY] or ""] = MoneyTotals(
            rows=int(values["rows"]),
            unblended=to_money(values[SUMMED[0]]),
            amortized=to_money(values[SUMMED[1]]),
            public=to_money(values[SUMMED[2]]),
        )
        for (problem, column), slot in zip(SLOTS[fmt], BAD_SLOTS, strict=False):
            count = int(values[slot] or 0)
            if count:
                counts = result.counts(problem)
                counts[column] = counts.get(column, 0) + count
    return result


def exact_sum(column: Column) -> Column:
    # As text, because sqlframe hands DECIMAL results back as floats; the string keeps every digit.
    return F.sum(column).cast("string")
