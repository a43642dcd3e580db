"""silver → gold for one billing period: aggregate, validate, reconcile with silver, then publish the staged
silver (raw_to_silver's, when there is one) and every gold table as the period's one new release."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from sentinel_etl.engine import Engine
from sentinel_etl.errors import CheckFailed, InputError
from sentinel_etl.file_totals import file_totals
from sentinel_etl.gold import GOLD_TABLES, period_summary
from sentinel_etl.lake import VersionedLake
from sentinel_etl.money import MoneyTotals, differences
from sentinel_etl.reconcile import totals_of
from sentinel_etl.reporting import Reporter
from sentinel_etl.silver_schema import silver_file_schema
from sentinel_etl.timing import Stopwatch

# Tables whose rows partition the silver rows, so their sums must equal silver's.
RECONCILED_TABLES = ("cost_daily", "cost_monthly", "period_summary")


@dataclass
class GoldResult:
    period: str
    silver: MoneyTotals
    tables: dict[str, MoneyTotals]
    seconds: float


def run(engine: Engine, lake: VersionedLake, period: str, reporter: Reporter) -> GoldResult:
    started = time.monotonic()
    watch = Stopwatch()
    staged = lake.staged("silver", "line_items", period)  # S3 staged: a local copy
    silver_path = staged or lake.input_partition("silver", "line_items", period)
    if silver_path is None:
        raise InputError(lake.partition_path("silver", "line_items", period),
                         f"silver has no partition for billing period {period}: run raw_to_silver first")
    silver = engine.read_parquet(silver_path, silver_file_schema()).withColumn("billing_period", F.lit(period))
    with watch.step("silver_totals"):
        # Read from the files where they are local; in S3 direct mode the engine sums where the data is.
        silver_totals = totals_of(silver) if silver_path.startswith("s3://") \
            else file_totals(lake.parquet_files(silver_path))
    materialized_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    builders: dict[str, Callable[[], DataFrame]] = {
        **{name: functools.partial(build, silver) for name, build in GOLD_TABLES.items()},
        "period_summary": functools.partial(period_summary, silver, materialized_at),
    }

    versions: dict[str, str] = {}
    results: dict[str, MoneyTotals] = {}
    try:
        # All writes first (each table planned while the previous ones write), then the checks.
        for name in builders:
            versions[name] = lake.new_version("gold", name, period)
        with watch.step("write"):
            engine.write_parquet_all(_planned(builders, versions), exclude=["billing_period"])
        from sentinel_etl.validation import GOLD_SCHEMAS, validate_files

        for name, version in versions.items():
            files = lake.parquet_files(version)
            with watch.step("validate"):
                validation = validate_files(GOLD_SCHEMAS[name], files)
            _check(reporter, name, "pandera_schema", validation.failures, {"rows_validated": validation.rows})
            if name in RECONCILED_TABLES:
                with watch.step("reconcile"):
                    results[name] = file_totals(files, count_column="line_item_count")
                _check(reporter, name, "reconciles_with_silver", differences(silver_totals, results[name]),
                       {"silver": silver_totals.as_dict(), "gold": results[name].as_dict()})
    except BaseException:
        for version in versions.values():
            lake.discard(version)
        raise
    release = {("gold", name): version for name, version in versions.items()}
    if staged is not None:
        release[("silver", "line_items")] = staged
    lake.publish(period, release)
    seconds = time.monotonic() - started
    for name, version in versions.items():
        totals = results.get(name)
        reporter.materialization(f"gold/{name}", {
            "billing_period": period,
            "engine": engine.name,
            "version": os.path.basename(version),
            "duration_seconds": round(seconds, 3),
            "step_seconds": watch.steps,
            **({"line_items": totals.rows, "unblended_cost": float(totals.unblended),
                "amortized_cost": float(totals.amortized or 0), "public_cost": float(totals.public)} if totals else {}),
        })
    return GoldResult(period, silver_totals, results, seconds)


def _planned(builders: dict[str, Callable[[], DataFrame]], versions: dict[str, str]) -> Iterator[tuple[str, DataFrame]]:
    """Each table is built while the previous ones write."""
    for name, build in builders.items():
        yield versions[name], build()


def _check(reporter: Reporter, table: str, name: str, problems: list[str], metadata: dict[str, object]) -> None:
    asset_key = f"gold/{table}"
    reporter.check(asset_key, name, not problems, {**metadata, "problems": problems})
    if problems:
        raise CheckFailed(f"{asset_key} check {name} failed: " + "; ".join(problems))
