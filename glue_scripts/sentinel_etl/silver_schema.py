"""The canonical silver line-item columns, in order: the contract every format normalises to."""

from __future__ import annotations

from pyspark.sql import types as T

from sentinel_etl.columns import MONEY, TAG_MAP

SILVER_COLUMNS: tuple[tuple[str, T.DataType], ...] = (
    ("billing_period", T.StringType()),
    ("provider", T.StringType()),
    ("source_format", T.StringType()),
    ("line_item_id", T.StringType()),
    ("time_interval", T.StringType()),
    ("invoice_id", T.StringType()),
    ("payer_account_id", T.StringType()),
    ("payer_account_name", T.StringType()),
    ("usage_account_id", T.StringType()),
    ("usage_account_name", T.StringType()),
    ("line_item_type", T.StringType()),
    ("charge_category", T.StringType()),
    ("usage_start", T.TimestampType()),
    ("usage_end", T.TimestampType()),
    ("usage_date", T.DateType()),
    ("service_code", T.StringType()),
    ("service_name", T.StringType()),
    ("region", T.StringType()),
    ("availability_zone", T.StringType()),
    ("operation", T.StringType()),
    ("usage_type", T.StringType()),
    ("resource_id", T.StringType()),
    ("usage_amount", T.DoubleType()),
    ("usage_unit", T.StringType()),
    ("pricing_term", T.StringType()),
    ("currency", T.StringType()),
    ("unblended_cost", MONEY),
    ("net_unblended_cost", MONEY),
    ("amortized_cost", MONEY),
    ("public_cost", MONEY),
    ("tags", TAG_MAP),
    ("cost_categories", TAG_MAP),
    ("source_file", T.StringType()),
    ("delivery_id", T.StringType()),
)

SILVER_COLUMN_NAMES = tuple(name for name, _ in SILVER_COLUMNS)
# The partition column lives in the folder name (billing_period=YYYY-MM), not in the files.
SILVER_FILE_COLUMNS = tuple(name for name in SILVER_COLUMN_NAMES if name != "billing_period")


def silver_file_schema() -> T.StructType:
    """The silver files' schema, for reading them without asking the engine (a DESCRIBE on DuckDB)."""
    return T.StructType([T.StructField(name, data_type) for name, data_type in SILVER_COLUMNS if name != "billing_period"])
