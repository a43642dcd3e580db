"""Response models: the contract the dashboard's generated client is built from.

Money is a JSON number (the sum of DECIMAL(38,10) values, rounded once to a double: exact to well
below a cent for any bill); the CSV export carries the exact decimals.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.queries.columns import Dimension, View
from api.queries.line_items import Order, SortKey


class ErrorResponse(BaseModel):
    detail: str
    request_id: str | None = None


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    engine: str


class DateRange(BaseModel):
    start: date = Field(description="First usage day, inclusive")
    end: date = Field(description="Last usage day, inclusive")
    days: int
    covered: bool = Field(description="Every calendar month of the range has a loaded billing period. A "
                                      "range that is not covered has missing data, not zero spend: do not "
                                      "compare with it.")


class DateSpan(BaseModel):
    start: date = Field(description="First usage day, inclusive")
    end: date = Field(description="Last usage day, inclusive")


class ExportInfo(BaseModel):
    export_name: str
    format: str
    delivery_id: str = Field(description="The export's newest delivery (or the rejected one)")
    delivered_at: datetime | None
    status: Literal["counted", "set_aside", "rejected"] = Field(
        description="counted: silver reads its bills; set_aside: another export of the same bills is counted; "
                    "rejected: validation refused this delivery")
    counted_for: list[str] = Field(description="The providers whose bills silver takes from this export")
    reason: str | None = Field(None, description="Why a delivery was rejected")


class PeriodInfo(BaseModel):
    billing_period: str
    providers: list[str]
    currencies: list[str]
    source_formats: list[str]
    line_items: int
    first_usage_date: date | None
    last_usage_date: date | None
    unblended_cost: float | None
    net_unblended_cost: float | None
    amortized_cost: float | None
    public_cost: float | None
    materialized_at: datetime | None = Field(description="When gold was last built for this period (UTC)")
    deliveries: int | None = Field(None, description="Deliveries landed (local pipeline only)")
    latest_delivery_at: datetime | None = Field(None, description="Newest delivery time (local pipeline only)")
    exports: list[ExportInfo] = Field(default_factory=list, description="Exports landed (local pipeline only)")


class ViewInfo(BaseModel):
    id: View
    column: str
    available: bool = Field(description="False when no period has this money column (e.g. net unblended)")


class DimensionInfo(BaseModel):
    id: Dimension
    label: str
    filter_param: str | None = Field(description="The query parameter that filters on it")
    tag_compatible: bool = Field(description="Can be combined with a tag filter or a tag group-by")
    monthly: bool = Field(description="Answerable from gold.cost_monthly")
    line_items: bool = Field(description="Answered from silver line items only (gold has no such column)")


class Limits(BaseModel):
    max_range_days: int
    max_daily_range_days: int
    max_line_item_range_days: int
    max_page_size: int
    max_top: int
    max_filter_values: int
    max_cursor_length: int


class Meta(BaseModel):
    engine: str
    periods: list[PeriodInfo]
    providers: list[str]
    currencies: list[str]
    currency: str | None = Field(description="The currency of most line items")
    views: list[ViewInfo]
    dimensions: list[DimensionInfo]
    tag_keys: list[str]
    default_range: DateRange | None
    latest_usage_date: date | None
    materialized_at: datetime | None
    limits: Limits


class MonthToDate(BaseModel):
    month: str
    as_of: date = Field(description="The newest usage day in the catalog")
    days_elapsed: int
    days_in_month: int
    cost: float
    forecast: float = Field(description="Month-end projection: settled days plus a 7-day run rate")
    complete: bool = Field(description="as_of is the month's last day: the forecast is the actual")


class ActiveCounts(BaseModel):
    accounts: int
    services: int
    regions: int


class Mover(BaseModel):
    key: str
    label: str
    current: float
    previous: float
    change: float
    change_pct: float | None


class Summary(BaseModel):
    view: View
    range: DateRange
    previous_range: DateRange
    total: float
    previous_total: float
    change: float
    change_pct: float | None = Field(description="None when the previous total is zero")
    month_to_date: MonthToDate | None
    active: ActiveCounts
    movers_by: Dimension
    top_movers: list[Mover]
    comparable_range: DateSpan | None = Field(
        description="Only where the change cannot be shown (either range lacks loaded data): the nearest range "
        "of the same shape, moved by whole months, whose own and previous ranges both have loaded data; None "
        "when there is none.")
    source: str = Field(description="The gold table that answered")


class Series(BaseModel):
    key: str | None = Field(description="Group value; None for the sum of the groups outside the top N")
    label: str
    is_other: bool
    total: float
    values: list[float] = Field(description="One value per bucket")


class Timeseries(BaseModel):
    view: View
    granularity: Literal["day", "month"]
    group_by: Dimension | None
    tag_key: str | None
    range: DateRange
    buckets: list[str] = Field(description="ISO days (YYYY-MM-DD) or months (YYYY-MM)")
    series: list[Series]
    total: float
    source: str


class BreakdownItem(BaseModel):
    key: str
    label: str
    cost: float
    share: float | None = Field(description="cost / total; None when the total is zero")
    line_items: int


class BreakdownOther(BaseModel):
    groups: int
    cost: float
    share: float | None
    line_items: int


class Breakdown(BaseModel):
    view: View
    dimension: Dimension
    tag_key: str | None
    range: DateRange
    total: float
    groups: int
    items: list[BreakdownItem]
    other: BreakdownOther | None
    source: str


class DimensionValue(BaseModel):
    key: str
    label: str
    cost: float


class DimensionValues(BaseModel):
    dimension: Dimension
    tag_key: str | None
    range: DateRange
    values: list[DimensionValue]
    offset: int = Field(description="Values skipped before the first one here")
    truncated: bool = Field(description="More values follow: ask again with offset + the number returned")


class LineItem(BaseModel):
    billing_period: str
    provider: str
    usage_date: date
    usage_start: datetime
    usage_end: datetime | None
    payer_account_id: str | None
    usage_account_id: str | None
    usage_account_name: str | None
    service: str | None
    service_code: str | None
    region: str | None
    availability_zone: str | None
    operation: str | None
    usage_type: str | None
    line_item_type: str | None
    charge_category: str | None
    resource_id: str | None
    usage_amount: float | None
    usage_unit: str | None
    pricing_term: str | None
    currency: str | None
    cost: float | None
    unblended_cost: float
    net_unblended_cost: float | None
    amortized_cost: float | None
    public_cost: float | None
    tags: dict[str, Any]
    line_item_id: str | None
    source_file: str
    delivery_id: str | None
    invoice_id: str | None


class LineItemPage(BaseModel):
    items: list[LineItem]
    next_cursor: str | None = Field(description="Pass as cursor= for the next page; None on the last page")
    limit: int
    sort: SortKey
    order: Order
    view: View
    range: DateRange


class AnomalyDriver(BaseModel):
    dimension: Literal["usage_type", "region", "resource"]
    key: str
    actual: float
    expected: float
    impact: float


class Anomaly(BaseModel):
    anomaly_id: str
    episode_id: str
    usage_date: date
    billing_period: str
    account: str = Field(description="usage account id")
    service_code: str
    service: str
    actual_cost: float
    expected_cost: float
    impact: float = Field(description="actual_cost - expected_cost")
    score: float = Field(description="impact over the baseline's robust spread")
    status: Literal["new", "ongoing", "revised", "withdrawn"]
    first_seen_at: datetime
    episode_start: date
    drivers: list[AnomalyDriver]


class AnomalyList(BaseModel):
    view: str = Field(description="the cost view the detector scores (SENTINEL_ANOMALY_VIEW)")
    range: DateRange
    matched: int = Field(description="anomalies matching the filters (the list is cut at limit)")
    open_impact: float = Field(description="total impact of the matching anomalies not withdrawn")
    anomalies: list[Anomaly]


class AnomalySeriesPoint(BaseModel):
    usage_date: date
    actual: float
    expected: float | None = Field(description="None while the series has under 14 days of history")
    low: float | None
    high: float | None = Field(description="where an increase starts to alert (threshold × spread, or the floors)")
    flagged: bool


class AnomalyDetail(BaseModel):
    view: str
    anomaly: Anomaly
    series: list[AnomalySeriesPoint]
