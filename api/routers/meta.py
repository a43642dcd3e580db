from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter

from api.deps import CatalogDep, SettingsDep, SnapshotDep
from api.pagination import MAX_CURSOR_LENGTH
from api.queries.columns import (
    DIMENSION_LABELS,
    FILTER_DIMENSIONS,
    MONEY_COLUMNS,
    MONTHLY_DIMENSIONS,
    SILVER_DIMENSIONS,
    TAG_DIMENSIONS,
    Dimension,
)
from api.queries.meta import deliveries_query, tag_keys_query
from api.queries.periods import ProviderPeriod
from api.schemas import DimensionInfo, ExportInfo, Limits, Meta, PeriodInfo, ViewInfo
from api.services.shaping import span
from api.settings import MAX_TOP, ApiSettings
from api.snapshot import Snapshot
from sentinel.engines.base import QueryEngine

router = APIRouter(tags=["meta"])


@router.get("/meta", response_model=Meta, summary="What the catalog holds: periods, freshness, dimensions")
def get(catalog: CatalogDep, snapshot: SnapshotDep, settings: SettingsDep) -> Meta:
    meta, _ = catalog.cached(snapshot, ("meta",), lambda: build_meta(catalog.engine, snapshot, settings))
    return meta


def _utc(value: datetime | None) -> datetime | None:
    """raw.deliveries (and Athena) store UTC instants as timestamps without zone."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _exports(records: list[dict[str, Any]], counted: dict[str, list[str]]) -> list[ExportInfo]:
    """Each export's newest good delivery, counted (for the providers silver took from it) or set aside
    (another export of its bills is counted), and every rejected delivery with its reason. Records come in
    arrival order; `counted` is the providers each delivery id is counted for."""
    newest: dict[str, dict[str, Any]] = {}
    rejected = []
    for record in records:
        if record["rejected"]:
            rejected.append(record)
        else:
            newest[record["export_name"]] = record
    exports = [
        ExportInfo(export_name=r["export_name"], format=r["format"], delivery_id=r["delivery_id"],
                   delivered_at=_utc(r["delivered_at"]),
                   status="counted" if r["delivery_id"] in counted else "set_aside",
                   counted_for=counted.get(r["delivery_id"], []), reason=None)
        for r in newest.values()
    ]
    exports += [
        ExportInfo(export_name=r["export_name"], format=r["format"], delivery_id=r["delivery_id"],
                   delivered_at=_utc(r["delivered_at"]), status="rejected", counted_for=[],
                   reason=r["rejected"])
        for r in rejected
    ]
    return exports


def _counted_for(rows: list[ProviderPeriod]) -> dict[str, list[str]]:
    counted: dict[str, list[str]] = {}
    for row in rows:
        for delivery in row.delivery_ids:
            counted.setdefault(delivery, []).append(row.provider)
    return counted


def build_meta(engine: QueryEngine, snapshot: Snapshot, settings: ApiSettings) -> Meta:
    index = snapshot.periods
    landed: dict[str, list[dict[str, Any]]] = {}
    if engine.has_table("raw.deliveries"):
        for row in engine.execute(deliveries_query()).dicts():
            landed.setdefault(row["billing_period"], []).append(row)
    periods = []
    for period in index.periods:
        rows = [r for r in index.rows if r.billing_period == period]
        firsts = [r.first_usage_date for r in rows if r.first_usage_date]
        lasts = [r.last_usage_date for r in rows if r.last_usage_date]
        materialized = [r.materialized_at for r in rows if r.materialized_at]

        def total(column: str, rows: list = rows) -> float | None:
            values = [r.costs[column] for r in rows if r.costs.get(column) is not None]
            return float(sum(values)) if values else None

        records = landed.get(period)
        delivered = _utc(max((r["delivered_at"] for r in records if r["delivered_at"]), default=None)) \
            if records else None
        periods.append(PeriodInfo(
            billing_period=period,
            providers=sorted({r.provider for r in rows}),
            currencies=sorted({r.currency for r in rows if r.currency}),
            source_formats=sorted({f for r in rows for f in r.source_formats}),
            line_items=sum(r.line_items for r in rows),
            first_usage_date=min(firsts) if firsts else None,
            last_usage_date=max(lasts) if lasts else None,
            unblended_cost=total("unblended_cost"),
            net_unblended_cost=total("net_unblended_cost"),
            amortized_cost=total("amortized_cost"),
            public_cost=total("public_cost"),
            materialized_at=_utc(max(materialized)) if materialized else None,
            deliveries=len(records) if records else None,
            latest_delivery_at=delivered,
            exports=_exports(records or [], _counted_for(rows)),
        ))
    currencies = Counter[str]()
    for r in index.rows:
        if r.currency:
            currencies[r.currency] += r.line_items
    tag_keys: list[str] = []
    if index.periods and engine.has_table("gold.cost_by_tag_daily"):
        result = engine.execute(tag_keys_query((index.periods[0], index.periods[-1])))
        tag_keys = [row[0] for row in result.rows]
    default = None
    if index.latest_usage_date is not None:
        start, end = index.default_range(date.today())
        default = span(start, end, index)
    materialized_all = [p.materialized_at for p in periods if p.materialized_at]
    return Meta(
        engine=engine.name,
        periods=periods,
        providers=sorted({r.provider for r in index.rows}),
        currencies=sorted(currencies),
        currency=currencies.most_common(1)[0][0] if currencies else None,
        views=[
            ViewInfo(id=view, column=column,
                     available=any(r.costs.get(column) is not None for r in index.rows))
            for view, column in MONEY_COLUMNS.items()
        ],
        dimensions=[
            DimensionInfo(
                id=d, label=DIMENSION_LABELS[d],
                filter_param=d.value if d in FILTER_DIMENSIONS else "tag",
                tag_compatible=d in TAG_DIMENSIONS or d is Dimension.tag,
                monthly=d in MONTHLY_DIMENSIONS,
                line_items=d in SILVER_DIMENSIONS,
            )
            for d in Dimension
        ],
        tag_keys=tag_keys,
        default_range=default,
        latest_usage_date=index.latest_usage_date,
        materialized_at=max(materialized_all) if materialized_all else None,
        limits=Limits(
            max_range_days=settings.max_range_days, max_daily_range_days=settings.max_daily_range_days,
            max_line_item_range_days=settings.max_line_item_range_days, max_page_size=settings.max_page_size,
            max_top=MAX_TOP, max_filter_values=settings.max_filter_values, max_cursor_length=MAX_CURSOR_LENGTH,
        ),
    )

