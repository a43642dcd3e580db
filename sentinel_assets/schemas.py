"""Column schemas of the lake tables, as documented in docs/schema.md (a test keeps the two in step).

They become each asset's `dagster/column_schema` metadata, so the UI shows every table's columns.
"""

from __future__ import annotations

from dagster import TableColumn, TableSchema

MONEY = "DECIMAL(38,10)"

_MONEY_SUMS = (
    TableColumn("unblended_cost", MONEY, "sum of the cost as billed"),
    TableColumn("net_unblended_cost", MONEY, "sum of the cost after discounts, where the export has it"),
    TableColumn("amortized_cost", MONEY, "sum of the Well-Architected / CID amortized cost"),
    TableColumn("public_cost", MONEY, "sum of the public on-demand / list cost"),
)
_LINE_ITEM_COUNT = TableColumn("line_item_count", "BIGINT", "silver line items aggregated into the row")
_PERIOD = TableColumn("billing_period", "VARCHAR", "`YYYY-MM` of the bill (the partition)")


def _text(*names_and_meanings: tuple[str, str]) -> list[TableColumn]:
    return [TableColumn(name, "VARCHAR", meaning) for name, meaning in names_and_meanings]


RAW_DELIVERIES = TableSchema(columns=[
    _PERIOD,
    *_text(
        ("export_name", "the export (report) name"),
        ("delivery_id", "assembly / execution id from the manifest, else a content hash of the files"),
        ("format", "legacy_cur_csv, legacy_cur_parquet, cur2 or focus"),
    ),
    TableColumn("files", "INTEGER", "data files in the delivery"),
    TableColumn("bytes", "BIGINT", "bytes of the data files"),
    *_text(("manifest", "the export's manifest file, if any"), ("source", "where the delivery was found")),
    TableColumn("delivered_at", "TIMESTAMP", "when AWS delivered it (manifest or file time), UTC"),
    TableColumn("landed_at", "TIMESTAMP", "when Sentinel copied it into raw, UTC"),
    TableColumn("folder", "VARCHAR", "the immutable delivery folder in raw"),
    TableColumn("rejected", "VARCHAR", "why validation refused the delivery (NULL: it was not refused)"),
])

SILVER_LINE_ITEMS = TableSchema(columns=[
    _PERIOD,
    *_text(
        ("provider", "cloud provider"),
        ("source_format", "legacy_cur_csv, legacy_cur_parquet, cur2 or focus"),
        ("line_item_id", "provider's line item id (repeats across hours)"),
        ("time_interval", "the line item's interval"),
        ("invoice_id", "invoice"),
        ("payer_account_id", "paying (billing) account"),
        ("payer_account_name", "paying account name"),
        ("usage_account_id", "account that used the resource"),
        ("usage_account_name", "usage account name"),
        ("line_item_type", "CUR line item type"),
        ("charge_category", "FOCUS charge category: Usage, Purchase, Tax, Credit, Adjustment"),
    ),
    TableColumn("usage_start", "TIMESTAMP", "start of usage, UTC"),
    TableColumn("usage_end", "TIMESTAMP", "end of usage, UTC"),
    TableColumn("usage_date", "DATE", "UTC day of usage_start"),
    *_text(
        ("service_code", "service code"),
        ("service_name", "service display name (falls back to the code)"),
        ("region", "region code"),
        ("availability_zone", "availability zone"),
        ("operation", "operation"),
        ("usage_type", "usage type"),
        ("resource_id", "resource id"),
    ),
    TableColumn("usage_amount", "DOUBLE", "usage quantity"),
    *_text(("usage_unit", "usage unit"), ("pricing_term", "OnDemand, Reserved, Spot, ..."),
           ("currency", "currency")),
    TableColumn("unblended_cost", MONEY, "cost as billed"),
    TableColumn("net_unblended_cost", MONEY, "after discounts, where the export has it"),
    TableColumn("amortized_cost", MONEY, "Well-Architected / CID amortized cost"),
    TableColumn("public_cost", MONEY, "public on-demand / list cost"),
    TableColumn("tags", "MAP(VARCHAR, VARCHAR)", "resource tags, keys normalised, null values dropped"),
    TableColumn("cost_categories", "MAP(VARCHAR, VARCHAR)", "AWS cost categories"),
    *_text(("source_file", "the raw file the row came from"), ("delivery_id", "the delivery the row came from")),
])

_GROUPS = {
    "provider": "cloud provider",
    "payer_account_id": "paying account",
    "usage_account_id": "usage account",
    "service": "service display name (service_name, falling back to service_code)",
    "service_code": "service code",
    "region": "region code",
    "operation": "operation",
    "usage_type": "usage type",
    "unit": "usage unit",
    "charge_category": "FOCUS charge category",
    "line_item_type": "CUR line item type",
    "currency": "currency",
    "tag_key": "normalised tag key",
    "tag_value": "tag value",
}


_NAMES = {
    "payer_account_name": "paying account's name",
    "usage_account_name": "usage account's name",
}


def _gold(*groups: str, daily: bool, usage: bool = False, names: tuple[str, ...] = ()) -> TableSchema:
    columns = [TableColumn("usage_date", "DATE", "UTC day of usage")] if daily else []
    columns.append(_PERIOD)
    columns += [TableColumn(g, "VARCHAR", f"{_GROUPS[g]} ('' when missing)") for g in groups]
    columns += [TableColumn(n, "VARCHAR", f"{_NAMES[n]} (not a group key; '' when missing)") for n in names]
    if usage:
        columns.append(TableColumn("usage_amount", "DOUBLE", "sum of usage"))
    return TableSchema(columns=[*columns, *_MONEY_SUMS, _LINE_ITEM_COUNT])


GOLD_TABLES: dict[str, TableSchema] = {
    "cost_daily": _gold(
        "provider", "payer_account_id", "usage_account_id", "service", "service_code", "region", "operation",
        "usage_type", "unit", "charge_category", "line_item_type", "currency", daily=True, usage=True,
        names=tuple(_NAMES),
    ),
    "cost_monthly": _gold(
        "provider", "payer_account_id", "usage_account_id", "service", "service_code", "region",
        "charge_category", "currency", daily=False, names=tuple(_NAMES),
    ),
    "cost_by_tag_daily": _gold(
        "provider", "usage_account_id", "service", "region", "tag_key", "tag_value", daily=True,
        names=("usage_account_name",),
    ),
    "period_summary": TableSchema(columns=[
        _PERIOD,
        *_text(
            ("provider", "cloud provider"),
            ("source_format", "formats the period was built from"),
            ("delivery_ids", "deliveries the period was built from (comma-separated)"),
            ("currency", "currency"),
        ),
        TableColumn("first_usage_date", "DATE", "first day with usage"),
        TableColumn("last_usage_date", "DATE", "last day with usage"),
        *_MONEY_SUMS,
        _LINE_ITEM_COUNT,
        TableColumn("materialized_at", "TIMESTAMP", "when gold was built, UTC"),
    ]),
}

GOLD_ANOMALIES_SCHEMA = TableSchema(columns=[
    *_text(("anomaly_id", "the series and day, hashed: stable across runs"),
           ("episode_id", "the series and the first day of its run of consecutive anomalous days")),
    TableColumn("usage_date", "DATE", "the anomalous UTC day"),
    _PERIOD,
    *_text(("usage_account_id", "usage account of the series"), ("service_code", "service code of the series"),
           ("service", "service name")),
    TableColumn("actual_cost", MONEY, "the day's usage cost in the anomaly view (amortized by default)"),
    TableColumn("expected_cost", MONEY, "what the baseline expected for that day"),
    TableColumn("impact", MONEY, "actual_cost - expected_cost"),
    TableColumn("score", "DOUBLE", "impact over the baseline's robust spread"),
    TableColumn("status", "VARCHAR", "new, ongoing, revised or withdrawn"),
    TableColumn("first_seen_at", "TIMESTAMP", "when a run first flagged it, UTC"),
    TableColumn("drivers", "VARCHAR", "JSON list of the top usage types, regions and resources by impact"),
    TableColumn("episode_start", "DATE", "first day of its episode"),
])
