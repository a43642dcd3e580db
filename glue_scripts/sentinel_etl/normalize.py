"""Raw export rows (snake_case columns) → canonical silver rows. Pure: DataFrame in, DataFrame out."""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from sentinel_etl.charges import amortized_cost, charge_category
from sentinel_etl.columns import (
    MONEY,
    TAG_MAP,
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
)
from sentinel_etl.formats import SourceFormat
from sentinel_etl.silver_schema import SILVER_COLUMNS

TAG_PREFIX = "resource_tags_"
COST_CATEGORY_PREFIX = "cost_category_"


def to_silver(df: DataFrame, fmt: SourceFormat, *, source_file: str, delivery_id: str) -> DataFrame:
    """Normalise one format's rows; the final select is the schema contract."""
    columns = _focus_columns(df) if fmt is SourceFormat.FOCUS else _cur_columns(df, fmt)
    columns["source_format"] = F.lit(fmt.value)
    columns["source_file"] = F.lit(source_file)
    columns["delivery_id"] = F.lit(delivery_id)
    columns["usage_date"] = F.to_date(columns["usage_start"])
    return df.select(*[columns[name].cast(dtype).alias(name) for name, dtype in SILVER_COLUMNS])


def _cur_columns(df: DataFrame, fmt: SourceFormat) -> dict[str, Column]:
    line_item_type = text(df, "line_item_line_item_type")
    service_code = text(df, "line_item_product_code", "product_servicecode")
    cur2 = fmt is SourceFormat.CUR2  # CUR 2.0 keeps tags and cost categories in map columns
    return {
        "billing_period": period_of(df, "bill_billing_period_start_date"),
        "provider": F.lit("AWS"),
        "line_item_id": text(df, "identity_line_item_id"),
        "time_interval": text(df, "identity_time_interval"),
        "invoice_id": text(df, "bill_invoice_id"),
        "payer_account_id": text(df, "bill_payer_account_id"),
        "payer_account_name": text(df, "bill_payer_account_name"),
        "usage_account_id": text(df, "line_item_usage_account_id"),
        "usage_account_name": text(df, "line_item_usage_account_name"),
        "line_item_type": line_item_type,
        "charge_category": charge_category(line_item_type),
        "usage_start": timestamp(df, "line_item_usage_start_date"),
        "usage_end": timestamp(df, "line_item_usage_end_date"),
        "service_code": service_code,
        "service_name": F.coalesce(
            text(df, "product_product_name"),
            _map_value(df, "product", "product_name"),
            text(df, "product_servicename"),
            service_code,
        ),
        "region": F.coalesce(
            text(df, "product_region_code"),
            _map_value(df, "product", "region_code"),
            _map_value(df, "product", "region"),
            text(df, "product_region"),
        ),
        "availability_zone": text(df, "line_item_availability_zone"),
        "operation": text(df, "line_item_operation"),
        "usage_type": text(df, "line_item_usage_type"),
        "resource_id": text(df, "line_item_resource_id"),
        "usage_amount": number(df, "line_item_usage_amount"),
        "usage_unit": text(df, "pricing_unit"),
        "pricing_term": text(df, "pricing_term"),
        "currency": text(df, "line_item_currency_code"),
        "unblended_cost": money(df, "line_item_unblended_cost"),
        "net_unblended_cost": money(df, "line_item_net_unblended_cost"),
        "amortized_cost": amortized_cost(df),
        "public_cost": money(df, "pricing_public_on_demand_cost"),
        "tags": drop_empty_entries("resource_tags") if cur2 and has(df, "resource_tags") else _prefixed_map(df, TAG_PREFIX),
        "cost_categories": drop_empty_entries("cost_category")
        if cur2 and has(df, "cost_category")
        else _prefixed_map(df, COST_CATEGORY_PREFIX),
    }


def _focus_columns(df: DataFrame) -> dict[str, Column]:
    charge = text(df, "charge_category")
    start = text(df, "charge_period_start")
    end = text(df, "charge_period_end")
    return {
        "billing_period": period_of(df, "billing_period_start"),
        "provider": F.coalesce(text(df, "provider_name", "provider"), F.lit("unknown")),
        "line_item_id": null_of(T.StringType()),
        "time_interval": F.concat_ws("/", start, end),
        "invoice_id": text(df, "invoice_id"),
        "payer_account_id": text(df, "billing_account_id"),
        "payer_account_name": text(df, "billing_account_name"),
        "usage_account_id": text(df, "sub_account_id"),
        "usage_account_name": text(df, "sub_account_name"),
        "line_item_type": charge,
        "charge_category": charge,
        "usage_start": timestamp(df, "charge_period_start"),
        "usage_end": timestamp(df, "charge_period_end"),
        "service_code": F.coalesce(text(df, "x_service_code"), text(df, "service_name")),
        "service_name": text(df, "service_name"),
        "region": text(df, "region_id"),
        "availability_zone": text(df, "availability_zone"),
        "operation": text(df, "x_operation"),
        "usage_type": text(df, "x_usage_type"),
        "resource_id": text(df, "resource_id"),
        "usage_amount": number(df, "consumed_quantity"),
        "usage_unit": text(df, "consumed_unit", "pricing_unit"),
        "pricing_term": text(df, "pricing_category"),
        "currency": text(df, "billing_currency"),
        "unblended_cost": money(df, "billed_cost"),
        "net_unblended_cost": null_of(MONEY),
        "amortized_cost": money(df, "effective_cost"),
        "public_cost": money(df, "list_cost"),
        "tags": _focus_tags(df),
        "cost_categories": null_of(TAG_MAP),
    }


def _focus_tags(df: DataFrame) -> Column:
    if not has(df, "tags"):
        return null_of(TAG_MAP)
    if column_type(df, "tags").startswith("map"):
        return drop_empty_entries("tags")
    return F.from_json(text(df, "tags"), TAG_MAP)


def _prefixed_map(df: DataFrame, prefix: str) -> Column:
    pairs = [(name[len(prefix):], name) for name in df.columns if name.startswith(prefix) and name != prefix]
    return map_without_nulls(pairs)


def _map_value(df: DataFrame, map_column: str, key: str) -> Column:
    if not has(df, map_column) or not column_type(df, map_column).startswith("map"):
        return null_of(T.StringType())
    value = F.col(map_column).getItem(key)
    return F.when(value != "", value)
