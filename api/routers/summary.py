from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Response

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
def get(
    f: FiltersDep,
    catalog: CatalogDep,
    snapshot: SnapshotDep,
    response: Response,
    movers_by: Annotated[Dimension, Query(description="Dimension of the top movers (not tag)")] = Dimension.service,
    movers: Annotated[int, Query(ge=0, le=MAX_TOP, description="How many movers")] = 5,
) -> Summary:
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

    def compute() -> Summary:
        as_of = snapshot.periods.latest_usage_date
        queries = [totals_query(f, table, ranges, movers_by, snapshot.periods), counts_query(f, table)]
        if as_of is not None:
            queries.append(month_to_date_query(f, daily_table, as_of, snapshot.periods))
        results = catalog.engine.execute_many(queries)
        rows = results[0].rows
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
        ((accounts, services, regions),) = results[1].rows
        month = None
        if as_of is not None:
            projection = forecast(as_of, dict(results[2].rows))
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

    result, hit = catalog.cached(snapshot, ("summary", f.key(), movers_by, movers), compute)
    response.headers["X-Cache"] = "hit" if hit else "miss"
    return result
