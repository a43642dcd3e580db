"""gold.cost_anomalies: its columns, as written and as read back (one row per anomalous series-day)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pyspark.sql import types as T

from sentinel_etl.anomalies.restatement import AnomalyRow
from sentinel_etl.columns import MONEY

COLUMNS: list[tuple[str, T.DataType]] = [
    ("anomaly_id", T.StringType()),
    ("episode_id", T.StringType()),
    ("usage_date", T.DateType()),
    ("usage_account_id", T.StringType()),
    ("service_code", T.StringType()),
    ("service", T.StringType()),
    ("actual_cost", MONEY),
    ("expected_cost", MONEY),
    ("impact", MONEY),
    ("score", T.DoubleType()),
    ("status", T.StringType()),
    ("first_seen_at", T.TimestampType()),
    ("drivers", T.StringType()),
    ("episode_start", T.DateType()),
]
SCHEMA = T.StructType([T.StructField(name, kind) for name, kind in COLUMNS])
STATUSES = ("new", "ongoing", "revised", "withdrawn")


def as_tuple(row: AnomalyRow) -> tuple[Any, ...]:
    return tuple(getattr(row, name) for name, _ in COLUMNS)


def from_record(record: dict[str, Any]) -> AnomalyRow:
    """A row read back from a published version (the engine's Row as a dict)."""
    values = {name: record[name] for name, _ in COLUMNS}
    for name in ("actual_cost", "expected_cost", "impact"):
        values[name] = Decimal(str(values[name]))
    for name in ("usage_date", "episode_start"):
        if isinstance(values[name], datetime):
            values[name] = values[name].date()
        elif isinstance(values[name], str):
            values[name] = date.fromisoformat(values[name])
    return AnomalyRow(**values)
