"""raw → silver for one billing period: read the newest delivery of each export, check, normalise, publish.

Nothing in silver changes unless every check passes: the new version is written beside the published
one and swapped in at the end.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from sentinel_etl.delivery_record import RECORD_NAME, DeliveryRecord
from sentinel_etl.diagnose import first_bad_value
from sentinel_etl.engine import Engine
from sentinel_etl.errors import CheckFailed, InputError
from sentinel_etl.lake import LocalLake
from sentinel_etl.names import snake_case_all
from sentinel_etl.normalize import to_silver
from sentinel_etl.raw_profile import CHECKED_COLUMNS, PeriodTotals, RawProfile, profile
from sentinel_etl.raw_reader import RawFile, read_delivery
from sentinel_etl.reconcile import differences, totals_of
from sentinel_etl.reporting import Reporter
from sentinel_etl.silver_schema import SILVER_FILE_COLUMNS
from sentinel_etl.validation import SILVER_SCHEMA, validate_files

ASSET_KEY = "silver/line_items"


@dataclass
class SilverResult:
    period: str
    raw: PeriodTotals
    silver: PeriodTotals
    version: str
    seconds: float


def run(engine: Engine, lake: LocalLake, period: str, delivery_dirs: list[str], reporter: Reporter) -> SilverResult:
    started = time.monotonic()
    if not delivery_dirs:
        raise InputError(lake.root, f"no delivery landed for billing period {period}")
    raw_totals = PeriodTotals()
    frames: list[DataFrame] = []
    records = []
    for folder in delivery_dirs:
        record = _load_record(folder)
        records.append(record)
        for raw in read_delivery(engine, record, folder):
            totals = _checked_profile(raw, period)
            if totals.rows == 0:
                continue
            raw_totals.add(totals)
            silver = to_silver(raw.frame, record.format, source_file=raw.file.path, delivery_id=record.delivery_id)
            frames.append(silver.where(F.col("billing_period") == period))
    if raw_totals.rows == 0:
        files = ", ".join(f.path for r in records for f in r.files)
        raise InputError(files, f"no line items for billing period {period} (empty or header-only delivery)")

    union = functools.reduce(lambda a, b: a.unionByName(b), frames)
    version = lake.new_version("silver", "line_items", period)
    try:
        engine.write_parquet(union.select(*SILVER_FILE_COLUMNS), version)
        silver_totals = totals_of(engine.read_parquet(version))
        _check(reporter, "reconciles_with_raw", differences(raw_totals, silver_totals),
               {"raw": raw_totals.as_dict(), "silver": silver_totals.as_dict()})
        validation = validate_files(SILVER_SCHEMA, lake.parquet_files(version))
        _check(reporter, "pandera_schema", validation.failures, {"rows_validated": validation.rows})
    except BaseException:
        lake.discard(version)
        raise
    lake.publish("silver", "line_items", period, version)
    seconds = time.monotonic() - started
    reporter.materialization(ASSET_KEY, {
        "billing_period": period,
        "rows": silver_totals.rows,
        "unblended_cost": float(silver_totals.unblended),
        "amortized_cost": float(silver_totals.amortized),
        "public_cost": float(silver_totals.public),
        "deliveries": [r.delivery_id for r in records],
        "source_formats": sorted({r.format.value for r in records}),
        "engine": engine.name,
        "version": os.path.basename(version),
        "duration_seconds": round(seconds, 3),
    })
    return SilverResult(period, raw_totals, silver_totals, version, seconds)


def _check(reporter: Reporter, name: str, problems: list[str], metadata: dict[str, object]) -> None:
    reporter.check(ASSET_KEY, name, not problems, {**metadata, "problems": problems})
    if problems:
        raise CheckFailed(f"{ASSET_KEY} check {name} failed: " + "; ".join(problems))


def _load_record(folder: str) -> DeliveryRecord:
    path = os.path.join(folder, RECORD_NAME)
    try:
        with open(path, encoding="utf-8") as handle:
            return DeliveryRecord.from_json(handle.read())
    except FileNotFoundError:
        raise InputError(path, "delivery record missing: land the delivery in raw first") from None


def _checked_profile(raw: RawFile, period: str) -> PeriodTotals:
    record = raw.record
    try:
        result: RawProfile = profile(raw.frame, record.format, is_csv=raw.is_csv)
    except InputError:
        raise
    except Exception as error:  # the engine's own read error: name the file
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InputError(raw.location, f"could not be read: {first_line}") from error
    if result.unparseable:
        column, count = next(iter(result.unparseable.items()))
        raise _unparseable_error(raw, column, count)
    others = sorted(p for p in result.periods if p != period)
    if others and record.period_from_manifest:
        column = "billing_period_start" if record.format.value == "focus" else "bill_billing_period_start_date"
        raise InputError(raw.location, f"has rows of billing period {', '.join(others)} but the manifest is for {period}",
                         column=column)
    return result.periods.get(period, PeriodTotals())


def _unparseable_error(raw: RawFile, column: str, count: int) -> InputError:
    kind = dict(CHECKED_COLUMNS[raw.record.format])[column]
    names = snake_case_all(raw.file.columns)
    original = raw.file.columns[names.index(column)] if column in names else column
    found = first_bad_value(raw.location, names.index(column), kind) if column in names else None
    expected = "a timestamp" if kind == "timestamp" else "a number"
    if found:
        line, value = found
        return InputError(raw.location, f"{value!r} is not {expected} ({count} such values)", column=original, line=line)
    return InputError(raw.location, f"{count} values are not {expected}", column=original)
