"""Silver line items → the gold tables the API and dashboard read. Pure: DataFrame in, DataFrame out.

Group columns are made non-null ('' for missing) so that filters and group-bys in the API are exact.
"""

from __future__ import annotations

from collections.abc import Callable

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from sentinel_etl.columns import MONEY
from sentinel_etl.money import MONEY_COLUMNS


def _key(name: str) -> Column:
    return F.coalesce(F.col(name).cast(T.StringType()), F.lit(""))


def _service() -> Column:
    return F.coalesce(F.col("service_name"), F.col("service_code"), F.lit("")).alias("service")


def _names(*columns: str) -> list[Column]:
    # An account's name is an attribute of its id, not a key: one row per id even where a delivery leaves
    # the name off some line items (the API shows the name and filters by the id).
    return [F.coalesce(F.max(F.col(c)), F.lit("")).alias(c) for c in columns]


ACCOUNT_NAMES = ("payer_account_name", "usage_account_name")


def _sums(with_usage: bool = True) -> list[Column]:
    sums = [F.sum(F.col(c)).cast(MONEY).alias(c) for c in MONEY_COLUMNS]
    if with_usage:
        sums.insert(0, F.sum(F.col("usage_amount")).cast(T.DoubleType()).alias("usage_amount"))
    return [*sums, F.count(F.lit(1)).cast(T.LongType()).alias("line_item_count")]


def cost_daily(silver: DataFrame) -> DataFrame:
    keys = [
        F.col("usage_date"),
        _key("billing_period").alias("billing_period"),
        _key("provider").alias("provider"),
        _key("payer_account_id").alias("payer_account_id"),
        _key("usage_account_id").alias("usage_account_id"),
        _service(),
        _key("service_code").alias("service_code"),
        _key("region").alias("region"),
        _key("operation").alias("operation"),
        _key("usage_type").alias("usage_type"),
        _key("usage_unit").alias("unit"),
        _key("charge_category").alias("charge_category"),
        _key("line_item_type").alias("line_item_type"),
        _key("currency").alias("currency"),
    ]
    return silver.groupBy(*keys).agg(*_names(*ACCOUNT_NAMES), *_sums())


def cost_monthly(silver: DataFrame) -> DataFrame:
    keys = [
        _key("billing_period").alias("billing_period"),
        _key("provider").alias("provider"),
        _key("payer_account_id").alias("payer_account_id"),
        _key("usage_account_id").alias("usage_account_id"),
        _service(),
        _key("service_code").alias("service_code"),
        _key("region").alias("region"),
        _key("charge_category").alias("charge_category"),
        _key("currency").alias("currency"),
    ]
    return silver.groupBy(*keys).agg(*_names(*ACCOUNT_NAMES), *_sums(with_usage=False))


def cost_by_tag_daily(silver: DataFrame) -> DataFrame:
    # explode(map_entries(...)) spelled as SQL: sqlframe cannot alias a map explode to two columns.
    exploded = silver.select(
        "usage_date", "billing_period", "provider", "usage_account_id", "usage_account_name", "service_name", "service_code", "region",
        *MONEY_COLUMNS, F.expr("explode(map_entries(tags))").alias("tag"),
    ).select("*", F.col("tag.key").alias("tag_key"), F.col("tag.value").alias("tag_value"))
    keys = [
        F.col("usage_date"),
        _key("billing_period").alias("billing_period"),
        _key("provider").alias("provider"),
        _key("usage_account_id").alias("usage_account_id"),
        _service(),
        _key("region").alias("region"),
        _key("tag_key").alias("tag_key"),
        _key("tag_value").alias("tag_value"),
    ]
    return exploded.groupBy(*keys).agg(*_names("usage_account_name"), *_sums(with_usage=False))


def period_summary(silver: DataFrame, materialized_at: str) -> DataFrame:
    keys = [
        _key("billing_period").alias("billing_period"),
        _key("provider").alias("provider"),
    ]
    return silver.groupBy(*keys).agg(
        # array_join, not concat_ws: sqlframe renders concat_ws over an array as the list's text on DuckDB.
        F.array_join(F.sort_array(F.collect_set(F.col("source_format"))), ",").alias("source_format"),
        F.array_join(F.sort_array(F.collect_set(F.col("delivery_id"))), ",").alias("delivery_ids"),
        F.coalesce(F.max(F.col("currency")), F.lit("")).alias("currency"),
        F.min(F.col("usage_date")).alias("first_usage_date"),
        F.max(F.col("usage_date")).alias("last_usage_date"),
        *_sums(with_usage=False),
        F.to_timestamp(F.lit(materialized_at)).alias("materialized_at"),
    )


GoldTransform = Callable[[DataFrame], DataFrame]

GOLD_TABLES: dict[str, GoldTransform] = {
    "cost_daily": cost_daily,
    "cost_monthly": cost_monthly,
    "cost_by_tag_daily": cost_by_tag_daily,
}
