from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.answers import json_answer
from api.deps import CatalogDep, SnapshotDep
from api.filters import FiltersDep, invalid
from api.queries.columns import Dimension
from api.queries.costs import Grouping, choose_table
from api.queries.summary import (
    Ranges,
    counts_query,
    forecast,
    month_to_date_query,
    previous_range,
    totals_query,
)
from api.routers.costs import date_range, label
from api.schemas import ActiveCounts, DateRange, MonthToDate, Mover, Summary
from api.settings import MAX_TOP

router = APIRouter(tags=["summary"])


def _pct(change: Decimal, base: Decimal) -> float | None:
    return float(change / abs(base)) if base else None


@router.get("/summary", response_model=Summary, summary="Total, previous range, month-to-date and top movers")
async def get(
    f: FiltersDep,
    catalog: CatalogDep,
    snapshot: SnapshotDep,
    movers_by: Annotated[Dimension, Query(description="Dimension of the top movers (not tag)")] = Dimension.service,
    movers: Annotated[int, Query(ge=0, le=MAX_TOP, description="How many movers")] = 5,
) -> Response:
    if movers_by is Dimension.tag:
        raise invalid("movers_by", "movers by tag are not available; use /costs/breakdown?dimension=tag")
    previous_start, previous_end = previous_range(f.start, f.end)
    ranges = Ranges(f.start, f.end, previous_start, previous_end)
    group = Grouping(movers_by)
    # gold.cost_monthly only when both ranges are whole, exactly-billed months (one scan splits them).
    monthly = snapshot.periods.months_aligned(f.start, f.end) and snapshot.periods.months_aligned(
        previous_start, previous_end
    )
    table = choose_table(f, snapshot.periods, group, daily=not monthly, field="movers_by")
    daily_table = choose_table(f, snapshot.periods, Grouping(), daily=True)

    as_of = snapshot.periods.latest_usage_date
    # Parts shared with other summaries: the active counts do not depend on the view, and the open
    # month's month-to-date does not depend on the range. Each is kept on its own.
    counts_key = ("summary_counts", f.start, f.end, f.values, f.tags, table.name)
    month_key = ("summary_month_to_date", f.view, f.values, f.tags, daily_table.name, as_of)

    def compute() -> Summary:
        # Each part from the rollups when they can answer it, the rest in one round of statements.
        rollups = snapshot.rollups
        rows = rollups.totals(table, f, ranges, movers_by, snapshot.periods)
        queries = {} if rows is not None else {"totals": totals_query(f, table, ranges, movers_by, snapshot.periods)}
        counts = catalog.peek(snapshot, counts_key)
        counted = counts is None
        if counted:
            counts = rollups.counts(table, f)
            if counts is None:
                queries["counts"] = counts_query(f, table)
        daily = catalog.peek(snapshot, month_key) if as_of is not None else None
        month_rows = None
        if as_of is not None and daily is None:
            month_rows = rollups.month_to_date(daily_table, f, as_of, snapshot.periods)
            if month_rows is None:
                queries["month"] = month_to_date_query(f, daily_table, as_of, snapshot.periods)
        results = dict(zip(queries, catalog.engine.execute_many(list(queries.values())), strict=True))
        if "counts" in results:
            (counts,) = results["counts"].rows
        if counted:
            counts = tuple(int(n) for n in counts)
            catalog.store(snapshot, counts_key, counts)
        if "month" in results:
            month_rows = results["month"].rows
        if month_rows is not None:
            daily = dict(month_rows)
            catalog.store(snapshot, month_key, daily)
        if rows is None:
            rows = results["totals"].rows
        current = sum((Decimal(c or 0) for _, c, _ in rows), Decimal(0))
        previous = sum((Decimal(p or 0) for _, _, p in rows), Decimal(0))
        changes = sorted(
            ((key, Decimal(c or 0), Decimal(p or 0)) for key, c, p in rows if (c or 0) != (p or 0)),
            key=lambda r: (-abs(r[1] - r[2]), r[0]),
        )
        top = [
            Mover(key=key, label=label(key, group), current=float(c), previous=float(p), change=float(c - p),
                  change_pct=_pct(c - p, p))
            for key, c, p in changes[:movers]
        ]
        accounts, services, regions = counts
        month = None
        if as_of is not None and daily is not None:
            projection = forecast(as_of, daily)
            month = MonthToDate(
                month=projection.month, as_of=projection.as_of, days_elapsed=projection.days_elapsed,
                days_in_month=projection.days_in_month, cost=projection.cost, forecast=projection.forecast,
                complete=projection.complete,
            )
        return Summary(
            view=f.view, range=date_range(f),
            previous_range=DateRange(start=previous_start, end=previous_end,
                                     days=(previous_end - previous_start).days + 1),
            total=float(current), previous_total=float(previous), change=float(current - previous),
            change_pct=_pct(current - previous, previous), month_to_date=month,
            active=ActiveCounts(accounts=int(accounts), services=int(services), regions=int(regions)),
            movers_by=movers_by, top_movers=top, source=table.name,
        )

    inline = snapshot.rollups.covers(table, f) and snapshot.rollups.covers(daily_table, f)
    return await json_answer(catalog, snapshot, ("summary", f.key(), movers_by, movers), compute, inline=inline)
