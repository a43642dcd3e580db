"""The headline numbers: a range against the previous range of the same length, active counts, and the
open month's month-to-date with a run-rate forecast."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from api.filters import CostFilters, where
from api.queries.columns import Dimension, Table, money
from api.queries.periods import PeriodIndex, add_months, month_end, month_of, month_start, parse_month
from sentinel.engines.base import Query

RUN_RATE_DAYS = 7


@dataclass(frozen=True)
class Ranges:
    start: date
    end: date
    previous_start: date
    previous_end: date


def previous_range(start: date, end: date) -> tuple[date, date]:
    """Whole calendar months compare with the same number of months before (September with August);
    any other range with the same number of days just before it."""
    if start == month_start(start) and end == month_end(end):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return add_months(start, -months), start - timedelta(days=1)
    days = (end - start).days + 1
    return start - timedelta(days=days), start - timedelta(days=1)


def shift_months(start: date, end: date, months: int) -> tuple[date, date]:
    """The range moved by whole months, keeping its shape: whole months stay whole months (February's end
    is its 28th), any other range keeps its length from the same day of the month (clamped)."""
    if start == month_start(start) and end == month_end(end):
        return add_months(start, months), month_end(add_months(month_start(end), months))
    moved = add_months(start, months)
    return moved, moved + (end - start)


def comparable_range(start: date, end: date, periods: PeriodIndex) -> tuple[date, date] | None:
    """The nearest range of the same shape whose own and previous ranges both have loaded billing data
    (the more recent one on a tie); None when the loaded periods hold none."""
    loaded = periods.periods
    if not loaded:
        return None
    first, last = parse_month(loaded[0]), parse_month(loaded[-1])
    reach = max(abs((last.year - start.year) * 12 + last.month - start.month),
                abs((first.year - start.year) * 12 + first.month - start.month)) + 1
    for distance in range(1, reach + 1):
        for months in (distance, -distance):
            candidate = shift_months(start, end, months)
            if periods.covers(*candidate) and periods.covers(*previous_range(*candidate)):
                return candidate
    return None


def totals_query(f: CostFilters, table: Table, ranges: Ranges, group: Dimension, periods: PeriodIndex) -> Query:
    """Rows (grp, name, current, previous): both ranges in one scan, split on the date (or the period)."""
    m = money(f.view)
    split_column = table.date_column or "billing_period"
    split_value: date | str = ranges.start if table.date_column else month_of(ranges.start)
    w = where(f, table, dates=(ranges.previous_start, ranges.end),
              periods=periods.prune(ranges.previous_start, ranges.end))
    return Query(
        f"SELECT coalesce({table.column(group)}, '') AS grp, {table.name_expr(group)} AS name, "
        f"sum(CASE WHEN {split_column} >= ? THEN {m} END) AS current_cost, "
        f"sum(CASE WHEN {split_column} < ? THEN {m} END) AS previous_cost "
        f"FROM {table.name} WHERE {w.text} GROUP BY 1",
        (split_value, split_value, *w.params),
        "summary_totals",
    )


def counts_query(f: CostFilters, table: Table) -> Query:
    w = where(f, table)
    distinct = ", ".join(
        f"count(DISTINCT nullif({table.column(d)}, '')) AS {d.value}"
        for d in (Dimension.account, Dimension.service, Dimension.region)
    )
    return Query(
        f"SELECT {distinct} FROM {table.name} WHERE {w.text}",
        w.params,
        "summary_counts",
    )


def month_to_date_query(f: CostFilters, table: Table, as_of: date, periods: PeriodIndex) -> Query:
    first = month_start(as_of)
    w = where(f, table, dates=(first, as_of), periods=periods.prune(first, as_of))
    return Query(
        f"SELECT usage_date AS day, sum({money(f.view)}) AS cost FROM {table.name} WHERE {w.text} GROUP BY 1",
        w.params,
        "summary_month_to_date",
    )


@dataclass(frozen=True)
class Forecast:
    month: str
    as_of: date
    days_elapsed: int
    days_in_month: int
    cost: float
    forecast: float
    complete: bool


def forecast(as_of: date, daily: dict[date, Any]) -> Forecast:
    """Month-to-date through as_of, and a month-end forecast: the days before as_of (the newest day is
    usually still being delivered) plus their trailing run rate for the rest of the month."""
    days_in_month = calendar.monthrange(as_of.year, as_of.month)[1]
    value = {d: Decimal(v or 0) for d, v in daily.items()}
    mtd = sum(value.values(), Decimal(0))
    complete = as_of.day == days_in_month
    if complete:
        projected = mtd
    else:
        settled = [as_of.replace(day=d) for d in range(1, as_of.day)]
        window = settled[-RUN_RATE_DAYS:] or [as_of]
        rate = sum((value.get(d, Decimal(0)) for d in window), Decimal(0)) / len(window)
        projected = sum((value.get(d, Decimal(0)) for d in settled), Decimal(0)) + rate * (
            days_in_month - len(settled)
        )
    return Forecast(month_of(as_of), as_of, as_of.day, days_in_month, float(mtd), float(projected), complete)
