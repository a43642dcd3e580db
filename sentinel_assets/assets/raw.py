"""raw: each billing delivery copied into the lake as it came, one immutable folder per period and delivery."""

# No `from __future__ import annotations` here: Dagster reads these functions' annotations at runtime.

from collections.abc import Iterator

from dagster import (
    AssetExecutionContext,
    Failure,
    MaterializeResult,
    MetadataValue,
    TableColumn,
    TableRecord,
    TableSchema,
    asset,
)

from sentinel.deliveries.discover import SetAside
from sentinel.deliveries.landing import Landed, Rejection
from sentinel_assets.interfaces import Crawler, DeliveryStore, Lake
from sentinel_assets.keys import NO_DELIVERY, OWNERS, RAW_DELIVERIES
from sentinel_assets.partitions import billing_periods
from sentinel_assets.schemas import RAW_DELIVERIES as RAW_SCHEMA

_DELIVERY_TABLE = TableSchema(columns=[
    TableColumn("export", "string"), TableColumn("delivery_id", "string"), TableColumn("format", "string"),
    TableColumn("files", "int"), TableColumn("bytes", "int"), TableColumn("manifest", "string"),
    TableColumn("delivered_at", "string"), TableColumn("landed_now", "bool"),
])


@asset(
    key=RAW_DELIVERIES,
    partitions_def=billing_periods,
    group_name="raw",
    kinds={"python", "file"},
    owners=OWNERS,
    tags={"layer": "raw"},
    description=(
        "Billing deliveries (export files and manifest) copied from the delivery store into "
        "`lake/raw/billing_period=P/export=E/delivery=D/`, byte for byte, with `_delivery.json`. "
        "A delivery already landed is never modified or deleted; a restated month lands beside it."
    ),
    metadata={"dagster/column_schema": RAW_SCHEMA, "dagster/table_name": "raw.deliveries"},
    # A period nothing was ever delivered for is not materialized, and the steps after it are skipped: the
    # run says "no delivery" instead of failing every check of an empty period.
    output_required=False,
)
def billing_deliveries(
    context: AssetExecutionContext, delivery_store: DeliveryStore, lake: Lake, crawler: Crawler
) -> Iterator[MaterializeResult]:
    period = context.partition_key
    outcomes = delivery_store.land(period, lake)
    landed = [item for item in outcomes if isinstance(item, Landed)]
    refused = [item for item in outcomes if isinstance(item, Rejection)]
    set_aside = [item for item in outcomes if isinstance(item, SetAside)]
    new = {item.record.delivery_id for item in landed if item.created}
    for item in landed:
        context.log.info(f"{'landed' if item.created else 'already in raw'}: {item.folder}")
    for refusal in refused:
        context.log.warning(f"{'rejected' if refusal.new else 'rejected earlier, skipped'}: {refusal.reason}")
    for dataset in set_aside:
        context.log.info(dataset.note)
    if new:
        crawler.crawl()  # raw.deliveries lists the new delivery even if silver fails later
    fresh = [refusal for refusal in refused if refusal.new]
    if fresh:  # said once, loudly; later runs skip the refused delivery and build from the good ones
        raise Failure(description="; ".join(refusal.reason for refusal in fresh), allow_retries=False,
                      metadata={"rejected": MetadataValue.json([
                          {"export": r.found.export_name, "delivery_id": r.found.delivery_id, "reason": r.reason}
                          for r in fresh])})
    records = lake.newest(period)
    if not records:
        context.log.info(f"{NO_DELIVERY} for billing period {period} in {delivery_store.describe()} nor in raw: "
                         "nothing to build")
        return
    rows = [
        TableRecord({
            "export": r.export_name, "delivery_id": r.delivery_id, "format": r.format.value,
            "files": len(r.files), "bytes": r.total_bytes, "manifest": r.manifest or "",
            "delivered_at": r.delivered_at, "landed_now": r.delivery_id in new,
        })
        for r in records
    ]
    newest = max(records, key=lambda r: r.arrival)
    yield MaterializeResult(metadata={
        "billing_period": period,
        "delivery_ids": MetadataValue.json([r.delivery_id for r in records]),
        "delivery_id": newest.delivery_id,
        "manifest": newest.manifest or "(none: bare files)",
        "file_count": sum(len(r.files) for r in records),
        "bytes": sum(r.total_bytes for r in records),
        "delivered_at": newest.delivered_at,
        "new_deliveries": len(new),
        "rejected": MetadataValue.json([{"export": r.found.export_name, "delivery_id": r.found.delivery_id,
                                         "reason": r.reason} for r in refused]),
        "deliveries": MetadataValue.table(rows, schema=_DELIVERY_TABLE),
        "datasets_set_aside": MetadataValue.json([{"file": s.path, "dataset": s.dataset} for s in set_aside]),
        "folder": MetadataValue.path(lake.delivery_uri(newest)),
        "store": delivery_store.describe(),
    })
