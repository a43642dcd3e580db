"""Raw export rows (snake_case columns) → canonical silver rows. Pure: DataFrame in, DataFrame out."""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from sentinel_etl.charges import amortized_cost, charge_category
from sentinel_etl.columns import (
    MONEY,
    TAG_MAP,
    Source,
    column_type,
    drop_empty_entries,
    has,
    map_without_nulls,
    money,
    null_of,
    number,
    period_of,
    text,
    timestamp,
    without_markers,
)
from sentinel_etl.formats import SourceFormat
from sentinel_etl.silver_schema import SILVER_COLUMNS

TAG_PREFIX = "resource_tags_"
COST_CATEGORY_PREFIX = "cost_category_"


def to_silver(df: DataFrame, fmt: SourceFormat, *, source_file: str, delivery_id: str) -> DataFrame:
    """Normalise one format's rows; the final select is the schema contract."""
    return df.select(*silver_columns(Source.of(df), fmt, source_file=source_file, delivery_id=delivery_id))


def silver_columns(src: Source, fmt: SourceFormat, *, source_file: str, delivery_id: str) -> list[Column]:
    """The silver columns as expressions over the raw columns, for a select that may add more (the raw profile)."""
    columns = _focus_columns(src) if fmt is SourceFormat.FOCUS else _cur_columns(src, fmt)
    columns["source_format"] = F.lit(fmt.value)
    columns["source_file"] = F.lit(source_file)
    columns["delivery_id"] = F.lit(delivery_id)
    columns["usage_date"] = F.to_date(columns["usage_start"])
    return [columns[name].cast(dtype).alias(name) for name, dtype in SILVER_COLUMNS]


def _cur_columns(src: Source, fmt: SourceFormat) -> dict[str, Column]:
    line_item_type = text(src, "line_item_line_item_type")
    service_code = text(src, "line_item_product_code", "product_servicecode")
    cur2 = fmt is SourceFormat.CUR2  # CUR 2.0 keeps tags and cost categories in map columns
    return {
        "billing_period": period_of("bill_billing_period_start_date"),
        "provider": F.lit("AWS"),
        "line_item_id": text(src, "identity_line_item_id"),
        "time_interval": text(src, "identity_time_interval"),
        "invoice_id": text(src, "bill_invoice_id"),
        "payer_account_id": text(src, "bill_payer_account_id"),
        "payer_account_name": text(src, "bill_payer_account_name"),
        "usage_account_id": text(src, "line_item_usage_account_id"),
        "usage_account_name": text(src, "line_item_usage_account_name"),
        "line_item_type": line_item_type,
        # The raw column, not its ''-to-NULL form: both map to Adjustment, and the CASE stays flat.
        "charge_category": charge_category(
            F.col("line_item_line_item_type") if has(src, "line_item_line_item_type") else line_item_type
        ),
        "usage_start": timestamp(src, "line_item_usage_start_date"),
        "usage_end": timestamp(src, "line_item_usage_end_date"),
        "service_code": service_code,
        "service_name": F.coalesce(
            text(src, "product_product_name"),
            _map_value(src, "product", "product_name"),
            text(src, "product_servicename"),
            service_code,
        ),
        "region": F.coalesce(
            text(src, "product_region_code"),
            _map_value(src, "product", "region_code"),
            _map_value(src, "product", "region"),
            text(src, "product_region"),
        ),
        "availability_zone": text(src, "line_item_availability_zone"),
        "operation": text(src, "line_item_operation"),
        "usage_type": text(src, "line_item_usage_type"),
        "resource_id": text(src, "line_item_resource_id"),
        "usage_amount": number(src, "line_item_usage_amount"),
        "usage_unit": text(src, "pricing_unit"),
        "pricing_term": text(src, "pricing_term"),
        "currency": text(src, "line_item_currency_code"),
        "unblended_cost": money(src, "line_item_unblended_cost"),
        "net_unblended_cost": money(src, "line_item_net_unblended_cost"),
        "amortized_cost": amortized_cost(src),
        "public_cost": money(src, "pricing_public_on_demand_cost"),
        "tags": drop_empty_entries("resource_tags") if cur2 and has(src, "resource_tags") else _prefixed_map(src, TAG_PREFIX),
        "cost_categories": drop_empty_entries("cost_category")
        if cur2 and has(src, "cost_category")
        else _prefixed_map(src, COST_CATEGORY_PREFIX),
    }


def _focus_columns(src: Source) -> dict[str, Column]:
    charge = text(src, "charge_category")
    start = text(src, "charge_period_start")
    end = text(src, "charge_period_end")
    return {
        "billing_period": period_of("billing_period_start"),
        "provider": _focus_provider(src),
        "line_item_id": null_of(T.StringType()),
        "time_interval": F.concat_ws("/", start, end),
        "invoice_id": text(src, "invoice_id"),
        "payer_account_id": text(src, "billing_account_id"),
        "payer_account_name": text(src, "billing_account_name"),
        "usage_account_id": text(src, "sub_account_id"),
        "usage_account_name": text(src, "sub_account_name"),
        "line_item_type": charge,
        "charge_category": charge,
        "usage_start": timestamp(src, "charge_period_start"),
        "usage_end": timestamp(src, "charge_period_end"),
        "service_code": F.coalesce(text(src, "x_service_code"), text(src, "service_name")),
        "service_name": text(src, "service_name"),
        "region": text(src, "region_id"),
        "availability_zone": text(src, "availability_zone"),
        "operation": text(src, "x_operation"),
        "usage_type": text(src, "x_usage_type"),
        "resource_id": text(src, "resource_id"),
        "usage_amount": number(src, "consumed_quantity"),
        "usage_unit": text(src, "consumed_unit", "pricing_unit"),
        "pricing_term": text(src, "pricing_category"),
        "currency": text(src, "billing_currency"),
        "unblended_cost": money(src, "billed_cost"),
        "net_unblended_cost": null_of(MONEY),
        "amortized_cost": money(src, "effective_cost"),
        "public_cost": money(src, "list_cost"),
        "tags": _focus_tags(src),
        "cost_categories": null_of(TAG_MAP),
    }


def _focus_provider(src: Source) -> Column:
    """Per row: ServiceProviderName (FOCUS 1.3+), else ProviderName (1.0-1.2, deprecated in 1.3), else 'unknown'.

    A row at a time, because one file can mix generations (a 1.3 file keeping the deprecated column, rows
    merged from several providers' exports). HostProviderName is not a fallback: it names the infrastructure
    underneath (AWS under a marketplace seller's product) or 'Not Applicable', not whom the cost is for;
    InvoiceIssuerName names whoever invoices (a reseller), so neither is the provider."""
    return F.coalesce(
        text(src, "service_provider_name"), text(src, "provider_name"), text(src, "provider"), F.lit("unknown")
    )


def _focus_tags(src: Source) -> Column:
    if not has(src, "tags"):
        return null_of(TAG_MAP)
    if column_type(src, "tags").startswith("map"):
        return drop_empty_entries("tags")
    return F.from_json(text(src, "tags"), TAG_MAP)  # type: ignore[arg-type]  # PySpark accepts MapType since 2.3


def _prefixed_map(src: Source, prefix: str) -> Column:
    pairs = [(name[len(prefix):], name) for name in src.names if name.startswith(prefix) and name != prefix]
    return map_without_nulls(pairs)


def _map_value(src: Source, map_column: str, key: str) -> Column:
    if not has(src, map_column) or not column_type(src, map_column).startswith("map"):
        return null_of(T.StringType())
    return without_markers(F.col(map_column).getItem(key))
