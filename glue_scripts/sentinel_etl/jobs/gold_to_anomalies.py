"""gold → gold.cost_anomalies for one billing period: score every usage account × service series against
its own past (this period and the two before it), name each anomaly's drivers, settle statuses against
what was published for the period before, validate, and publish the table into the period's release.

The engine aggregates (gold.cost_daily and a filtered slice of silver); the scoring runs in Python on the
aggregates, which hold one value per series and day: small on any month.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from sentinel_etl.anomalies.detection import Flagged, SeriesKey, flag_series
from sentinel_etl.anomalies.drivers import Breakdown, top_drivers
from sentinel_etl.anomalies.restatement import AnomalyRow, merge
from sentinel_etl.anomalies.rules import DetectionRules
from sentinel_etl.anomalies.table import SCHEMA, as_tuple, from_record
from sentinel_etl.billing_periods import first_day, last_day, shift
from sentinel_etl.engine import Engine
from sentinel_etl.errors import CheckFailed, InputError
from sentinel_etl.lake import VersionedLake
from sentinel_etl.reporting import Reporter

HISTORY_PERIODS = 2  # the periods before this one read for the baseline (28 days reach back at most one)
TABLE = "cost_anomalies"
PLACES = Decimal("0.0000000001")


@dataclass
class AnomalyResult:
    period: str
    series: int
    scored_through: str | None
    anomalies: int
    by_status: dict[str, int]
    seconds: float


def usage_only(frame: DataFrame) -> DataFrame:
    """Series points are usage: tax, credits, refunds, fees, purchases and Savings Plans negation are not.
    (Gold writes a missing line item type as '', silver keeps the null: both read the same here.)"""
    return frame.filter((F.col("charge_category") == "Usage")
                        & (F.coalesce(F.col("line_item_type"), F.lit("")) != "SavingsPlanNegation"))


def run(engine: Engine, lake: VersionedLake, period: str, rules: DetectionRules, reporter: Reporter,
        now: datetime | None = None) -> AnomalyResult:
    started = time.monotonic()
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    periods = [shift(period, -offset) for offset in range(HISTORY_PERIODS, -1, -1)]
    daily_paths = {p: path for p in periods if (path := lake.input_partition("gold", "cost_daily", p))}
    if period not in daily_paths:
        raise InputError(lake.partition_path("gold", "cost_daily", period),
                         f"gold has no cost_daily for billing period {period}: run silver_to_gold first")
    daily = usage_only(engine.union_by_name([engine.read_parquet(path) for path in daily_paths.values()]))
    through = _complete_through(engine, lake, period)
    exact = _series(daily, rules.column)
    series = {key: {day: float(cost) for day, cost in costs.items()} for key, costs in exact.items()}
    scored_days = _days(first_day(shift(period, -1)), through) if through else []
    flagged = [f for key, costs in series.items() for f in flag_series(key, costs, scored_days, rules)
               if f.expectation.day >= first_day(period)]
    breakdowns = _breakdowns(engine, lake, daily, periods, flagged, rules)
    scored = [_row(f, exact[f.series][f.expectation.day], breakdowns.get(f.series, {}), rules, now)
              for f in flagged]
    published = _published(engine, lake, period)
    rows = merge(scored, published)

    version = lake.new_version("gold", TABLE, period)
    try:
        engine.write_parquet(engine.frame_of([as_tuple(r) for r in rows], SCHEMA), version)
        from sentinel_etl.validation import GOLD_SCHEMAS, validate_files

        validation = validate_files(GOLD_SCHEMAS[TABLE], lake.parquet_files(version))
        reporter.check(f"gold/{TABLE}", "pandera_schema", not validation.failures,
                       {"rows_validated": validation.rows, "problems": validation.failures})
        if validation.failures:
            raise CheckFailed(f"gold/{TABLE} check pandera_schema failed: " + "; ".join(validation.failures))
    except BaseException:
        lake.discard(version)
        raise
    lake.publish(period, {("gold", TABLE): version})
    by_status = {status: sum(r.status == status for r in rows) for status in ("new", "ongoing", "revised", "withdrawn")}
    seconds = time.monotonic() - started
    reporter.materialization(f"gold/{TABLE}", {
        "billing_period": period, "engine": engine.name, "version": os.path.basename(version),
        "duration_seconds": round(seconds, 3), "view": rules.view, "series": len(series),
        "scored_through": through.isoformat() if through else None, "anomalies": len(rows), **by_status,
        "impact": float(sum((r.impact for r in rows if r.status != "withdrawn"), Decimal(0))),
    })
    return AnomalyResult(period, len(series), through.isoformat() if through else None, len(rows), by_status,
                         seconds)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _complete_through(engine: Engine, lake: VersionedLake, period: str) -> date | None:
    """The last usage day the period's data covers completely: the day before the one its last usage ends
    in (the end of hour 23 is the next day's midnight), never past the period. An open month's last
    delivered day is partial, so it is never scored."""
    silver = lake.input_partition("silver", "line_items", period)
    if silver is None:
        return None
    ends = usage_only(engine.read_parquet(silver)).agg(F.max("usage_end").alias("end")).collect()
    end = ends[0]["end"] if ends else None
    if end is None:
        return None
    if end.tzinfo is not None:
        end = end.astimezone(UTC)
    return min(end.date() - timedelta(days=1), last_day(period))


def _series(daily: DataFrame, column: str) -> dict[SeriesKey, dict[date, Decimal]]:
    """Each series' exact daily cost."""
    rows = daily.groupBy("usage_account_id", "service_code", "service", "usage_date").agg(
        F.sum(F.col(column)).alias("cost")).collect()
    series: dict[SeriesKey, dict[date, Decimal]] = defaultdict(dict)
    for row in rows:
        key = SeriesKey(row["usage_account_id"], row["service_code"], row["service"])
        series[key][_date(row["usage_date"])] = Decimal(str(row["cost"] or 0))
    return dict(series)


def _date(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def _series_filter(flagged: Iterable[Flagged]) -> Column:
    pairs = sorted({f"{f.series.usage_account_id}|{f.series.service_code}" for f in flagged})
    return F.concat_ws("|", F.col("usage_account_id"), F.coalesce(F.col("service_code"), F.lit(""))).isin(pairs)


def _breakdowns(engine: Engine, lake: VersionedLake, daily: DataFrame, periods: list[str], flagged: list[Flagged],
                rules: DetectionRules) -> dict[SeriesKey, Breakdown]:
    """Per flagged series, the daily cost of each usage type and region (gold) and resource (silver) over
    the flagged days and their windows."""
    if not flagged:
        return {}
    start = min(f.expectation.day for f in flagged) - timedelta(days=rules.window_days)
    end = max(f.expectation.day for f in flagged)
    keys = {(f.series.usage_account_id, f.series.service_code): f.series for f in flagged}
    in_range = (F.col("usage_date") >= F.lit(start)) & (F.col("usage_date") <= F.lit(end))
    out: dict[SeriesKey, Breakdown] = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    sliced = daily.filter(in_range & _series_filter(flagged))
    for dimension in ("usage_type", "region"):
        for row in sliced.groupBy("usage_account_id", "service_code", "usage_date", dimension).agg(
                F.sum(F.col(rules.column)).alias("cost")).collect():
            key = keys.get((row["usage_account_id"], row["service_code"]))
            if key is not None:
                out[key][dimension][row[dimension] or "(none)"][_date(row["usage_date"])] = float(row["cost"] or 0)
    silver_paths = [path for p in periods if (path := lake.input_partition("silver", "line_items", p))]
    silver = usage_only(engine.union_by_name([engine.read_parquet(path) for path in silver_paths]))
    resources = silver.filter(in_range & _series_filter(flagged) & F.col("resource_id").isNotNull()
                              & (F.col("resource_id") != ""))
    for row in resources.groupBy("usage_account_id", "service_code", "usage_date", "resource_id").agg(
            F.sum(F.col(rules.column)).alias("cost")).collect():
        key = keys.get((row["usage_account_id"], row["service_code"] or ""))
        if key is not None:
            out[key]["resource"][row["resource_id"]][_date(row["usage_date"])] = float(row["cost"] or 0)
    return out


def _money(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(PLACES)


def _row(flagged: Flagged, actual: Decimal, breakdown: Breakdown, rules: DetectionRules, now: datetime) -> AnomalyRow:
    e = flagged.expectation
    window_start = e.day - timedelta(days=rules.window_days)
    drivers = [d.as_json() for d in top_drivers(breakdown, e.day, window_start)]
    actual, expected = actual.quantize(PLACES), _money(e.expected)
    return AnomalyRow(
        anomaly_id=flagged.anomaly_id, episode_id=flagged.episode_id, usage_date=e.day,
        usage_account_id=flagged.series.usage_account_id, service_code=flagged.series.service_code,
        service=flagged.series.service, actual_cost=actual, expected_cost=expected, impact=actual - expected,
        score=round(e.score, 4), status="new", first_seen_at=now, drivers=json.dumps(drivers),
        episode_start=flagged.episode_start,
    )


def _published(engine: Engine, lake: VersionedLake, period: str) -> list[AnomalyRow]:
    path = lake.input_partition("gold", TABLE, period)
    if path is None or not lake.parquet_files(path):
        return []
    return [from_record(row.asDict()) for row in engine.read_parquet(path).collect()]
