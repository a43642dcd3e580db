"""The headline numbers: the range against the previous one, active counts, the open month's
month-to-date and forecast, and the top movers; one round of statements (api.queries.summary)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from api.filters import CostFilters
from api.queries.columns import Dimension
from api.queries.costs import Grouping, choose_table
from api.queries.periods import PeriodIndex, month_end, month_start
from api.queries.summary import (
    Ranges,
    comparable_range,
    counts_query,
    forecast,
    month_to_date_query,
    previous_range,
    totals_query,
)
from api.schemas import ActiveCounts, DateSpan, MonthToDate, Mover, Summary
from api.services.shaping import date_range, label, span
from sentinel.engines.base import Query, QueryEngine


def _pct(change: Decimal, base: Decimal) -> float | None:
    return float(change / abs(base)) if base else None


def month_card_as_of(periods: PeriodIndex, end: date) -> date | None:
    """The month card shows the month the range ends in, through its last delivered day: a closed month
    whole, the open month to date; None when that month has no loaded billing period."""
    latest = periods.latest_usage_date
    if latest is None or not periods.covers(month_start(end), month_start(end)) or latest < month_start(end):
        return None
    return min(month_end(end), latest)


def summary(engine: QueryEngine, periods: PeriodIndex, f: CostFilters, movers_by: Dimension,
            movers: int) -> Summary:
    previous_start, previous_end = previous_range(f.start, f.end)
    ranges = Ranges(f.start, f.end, previous_start, previous_end)
    group = Grouping(movers_by)
    # gold.cost_monthly only when both ranges are whole, exactly-billed months (one scan splits them).
    monthly = periods.months_aligned(f.start, f.end) and periods.months_aligned(previous_start, previous_end)
    table = choose_table(f, periods, group, daily=not monthly, field="movers_by")
    current_range, previous = date_range(f, periods), span(previous_start, previous_end, periods)
    as_of = month_card_as_of(periods, f.end)
    queries: list[Query] = [totals_query(f, table, ranges, movers_by, periods), counts_query(f, table)]
    if as_of is not None:
        daily_table = choose_table(f, periods, Grouping(), daily=True)
        queries.append(month_to_date_query(f, daily_table, as_of, periods))
    totals, counts, *month = engine.execute_many(queries)
    rows = totals.rows
    current = sum((Decimal(c or 0) for _, _, c, _ in rows), Decimal(0))
    previous_total = sum((Decimal(p or 0) for _, _, _, p in rows), Decimal(0))
    changes = sorted(
        ((key, name, Decimal(c or 0), Decimal(p or 0)) for key, name, c, p in rows if (c or 0) != (p or 0)),
        key=lambda r: (-abs(r[2] - r[3]), r[0]),
    )
    top = [
        Mover(key=key, label=label(key, group, name), current=float(c), previous=float(p), change=float(c - p),
              change_pct=_pct(c - p, p))
        for key, name, c, p in changes[:movers]
    ] if current_range.covered and previous.covered else []  # a change against missing data is no change
    ((accounts, services, regions),) = counts.rows
    month_to_date = None
    if as_of is not None:
        projection = forecast(as_of, dict(month[0].rows))
        month_to_date = MonthToDate(
            month=projection.month, as_of=projection.as_of, days_elapsed=projection.days_elapsed,
            days_in_month=projection.days_in_month, cost=projection.cost, forecast=projection.forecast,
            complete=projection.complete,
        )
    comparable = None
    if not (current_range.covered and previous.covered):
        nearest = comparable_range(f.start, f.end, periods)
        comparable = DateSpan(start=nearest[0], end=nearest[1]) if nearest else None
    return Summary(
        view=f.view, range=current_range, previous_range=previous,
        total=float(current), previous_total=float(previous_total), change=float(current - previous_total),
        change_pct=_pct(current - previous_total, previous_total), month_to_date=month_to_date,
        active=ActiveCounts(accounts=int(accounts), services=int(services), regions=int(regions)),
        movers_by=movers_by, top_movers=top, comparable_range=comparable, source=table.name,
    )
