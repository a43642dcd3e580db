"""Gold aggregations: sums conserved, keys never null, tags exploded per key."""

from __future__ import annotations

from typing import Any

from pyspark.sql import functions as F
from sentinel_etl.formats import SourceFormat
from sentinel_etl.gold import cost_by_tag_daily, cost_daily, cost_monthly, period_summary
from sentinel_etl.normalize import to_silver

COLUMNS = ["bill_billing_period_start_date", "line_item_line_item_type", "line_item_usage_start_date",
           "line_item_unblended_cost", "line_item_product_code", "product_region", "resource_tags_user_team"]
ROWS = [
    ("2024-03-01T00:00:00Z", "Usage", "2024-03-01T01:00:00Z", "1.10", "AmazonEC2", "us-east-1", "core"),
    ("2024-03-01T00:00:00Z", "Usage", "2024-03-01T02:00:00Z", "2.20", "AmazonEC2", "us-east-1", None),
    ("2024-03-01T00:00:00Z", "Usage", "2024-03-02T02:00:00Z", "3.30", "AmazonS3", None, "data"),
    ("2024-03-01T00:00:00Z", "Tax", "2024-03-01T00:00:00Z", "0.66", "AmazonEC2", None, None),
]


def _silver(string_frame: Any) -> Any:
    frame = string_frame(ROWS, COLUMNS)
    return to_silver(frame, SourceFormat.LEGACY_CUR_CSV, source_file="f", delivery_id="d")


def _sum(frame: Any, column: str = "unblended_cost") -> float:
    return round(float(frame.agg(F.sum(column).cast("double").alias("s")).collect()[0]["s"]), 10)


def test_cost_daily_groups_and_conserves_money(string_frame: Any) -> None:
    daily = cost_daily(_silver(string_frame))
    rows = {(str(r["usage_date"]), r["service"], r["region"], r["line_item_type"]): r for r in daily.collect()}
    assert set(rows) == {
        ("2024-03-01", "AmazonEC2", "us-east-1", "Usage"),
        ("2024-03-02", "AmazonS3", "", "Usage"),
        ("2024-03-01", "AmazonEC2", "", "Tax"),
    }
    ec2 = rows[("2024-03-01", "AmazonEC2", "us-east-1", "Usage")]
    assert ec2["line_item_count"] == 2
    assert round(float(ec2["unblended_cost"]), 10) == 3.3
    assert _sum(daily) == 7.26


def test_cost_monthly_and_period_summary_conserve_money(string_frame: Any) -> None:
    silver = _silver(string_frame)
    assert _sum(cost_monthly(silver)) == 7.26
    summary = period_summary(silver, "2024-03-31 10:00:00").collect()
    assert len(summary) == 1
    assert summary[0]["line_item_count"] == 4
    assert (str(summary[0]["first_usage_date"]), str(summary[0]["last_usage_date"])) == ("2024-03-01", "2024-03-02")


def test_cost_by_tag_daily_has_one_row_per_tag_value(string_frame: Any) -> None:
    tags = cost_by_tag_daily(_silver(string_frame)).collect()
    assert sorted((r["tag_key"], r["tag_value"], round(float(r["unblended_cost"]), 2)) for r in tags) == [
        ("user_team", "core", 1.1), ("user_team", "data", 3.3),
    ]
