"""The shared filter query parameters of every data endpoint, parsed into CostFilters (api.filters)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query
from pydantic import StringConstraints

from api.deps import SettingsDep, SnapshotDep
from api.filters import (
    EARLIEST,
    LATEST,
    CostFilters,
    FilterValue,
    TagKey,
    TagParam,
    check_range,
    distinct_values,
    invalid,
    parse_tags,
)
from api.queries.columns import FILTER_DIMENSIONS, Dimension, View
from api.queries.periods import month_end
from api.settings import MAX_TOP

Values = Annotated[list[FilterValue] | None, Query()]
TopParam = Annotated[int, Query(ge=1, le=MAX_TOP, description="Groups to return; the rest are summed as other")]
TagKeyParam = Annotated[TagKey | None, Query(description="The tag key, with group_by/dimension=tag")]


async def cost_filters(
    snapshot: SnapshotDep,
    settings: SettingsDep,
    start: Annotated[date | None, Query(description="First usage day (inclusive, UTC). Default: the first day "
                                                    "of the month of the newest usage.")] = None,
    end: Annotated[date | None, Query(description="Last usage day (inclusive, UTC). Default: the last day of "
                                                  "start's month.")] = None,
    view: Annotated[View, Query(description="Money column: unblended_cost, net_unblended_cost, "
                                            "amortized_cost or public_cost.")] = View.unblended,
    provider: Values = None,
    billing_period: Annotated[list[Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")]] | None,
                              Query(description="Billing periods (YYYY-MM), as on the invoice.")] = None,
    account: Annotated[list[FilterValue] | None, Query(description="Usage account ids.")] = None,
    payer_account: Values = None,
    service: Values = None,
    region: Values = None,
    operation: Values = None,
    usage_type: Values = None,
    charge_category: Values = None,
    line_item_type: Values = None,
    resource: Annotated[list[FilterValue] | None, Query(description="Resource ids (answered from silver line "
                                                                    "items: gold has no resource column).")] = None,
    tag: Annotated[list[TagParam] | None, Query(description="key=value; repeat for several values.")] = None,
) -> CostFilters:
    if start is None and end is None:
        start, end = snapshot.periods.default_range(date.today())
    elif start is None:
        assert end is not None
        start = end.replace(day=1)
    elif end is None:
        end = month_end(start)
    for name, day in (("start", start), ("end", end)):
        if not EARLIEST <= day <= LATEST:
            raise invalid(name, f"dates must be between {EARLIEST} and {LATEST}", day.isoformat())
    check_range(start, end, settings.max_range_days)
    raw = {
        Dimension.provider: provider, Dimension.billing_period: billing_period, Dimension.account: account,
        Dimension.payer_account: payer_account, Dimension.service: service, Dimension.region: region,
        Dimension.operation: operation, Dimension.usage_type: usage_type,
        Dimension.charge_category: charge_category, Dimension.line_item_type: line_item_type,
        Dimension.resource: resource,
    }
    assert set(raw) == set(FILTER_DIMENSIONS)
    values = tuple(
        (d, v) for d in FILTER_DIMENSIONS if (v := distinct_values(d.value, raw[d], settings.max_filter_values))
    )
    return CostFilters(
        start=start, end=end, view=view, values=values, tags=parse_tags(tag, settings.max_filter_values),
        periods=snapshot.periods.prune(start, end),
    )


FiltersDep = Annotated[CostFilters, Depends(cost_filters)]
