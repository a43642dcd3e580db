"""raw → silver for one billing period: read the newest delivery of each export, check, normalise, publish.

Nothing in silver changes unless every check passes: the new version is written beside the published
one and swapped in at the end.
"""

from __future__ import annotations

import functools
import os
import posixpath
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from pyspark.sql import functions as F

from sentinel_etl.delivery_record import RECORD_NAME, DeliveryRecord
from sentinel_etl.diagnose import first_bad_value
from sentinel_etl.engine import Engine
from sentinel_etl.errors import CheckFailed, InputError
from sentinel_etl.lake import VersionedLake
from sentinel_etl.names import snake_case_all
from sentinel_etl.normalize import to_silver
from sentinel_etl.raw_profile import CHECKED_COLUMNS, PeriodTotals, RawProfile, profile_frame, read_profile
from sentinel_etl.raw_reader import RawFile, read_delivery
from sentinel_etl.reconcile import differences, totals_of
from sentinel_etl.reporting import Reporter
from sentinel_etl.silver_schema import SILVER_FILE_COLUMNS
from sentinel_etl.timing import Stopwatch
from sentinel_etl.validation import SILVER_SCHEMA, validate_files

ASSET_KEY = "silver/line_items"


@dataclass
class SilverResult:
    period: str
    raw: PeriodTotals
    silver: PeriodTotals
    version: str
    seconds: float


def run(engine: Engine, lake: VersionedLake, period: str, delivery_dirs: list[str], reporter: Reporter) -> SilverResult:
    started = time.monotonic()
    watch = Stopwatch()
    if not delivery_dirs:
        raise InputError(lake.root, f"no delivery landed for billing period {period}")
    delivery_dirs = [lake.input_folder(folder) for folder in delivery_dirs]  # S3 staged: a local copy
    records = [_load_record(lake, folder) for folder in delivery_dirs]
    raws = [raw for record, folder in zip(records, delivery_dirs, strict=True) for raw in read_delivery(engine, record, folder)]
    # The raw profile (counts, sums, unparseable values) runs beside the silver write: one more scan of
    # the raw files, overlapped with the main one.
    profiles = [(raw, *profile_frame(raw.frame, raw.record.format, is_csv=raw.is_csv)) for raw in raws]
    pending = [(raw, checked, engine.collect_async(frame)) for raw, frame, checked in profiles]
    silver_frames = [
        to_silver(raw.frame, raw.record.format, source_file=raw.file.path, delivery_id=raw.record.delivery_id)
        .where(F.col("billing_period") == period)
        for raw in raws
    ]
    union = functools.reduce(lambda a, b: a.unionByName(b), silver_frames)
    version = lake.new_version("silver", "line_items", period)
    try:
        write_error: Exception | None = None
        try:
            with watch.step("write"):
                engine.write_parquet(union.select(*SILVER_FILE_COLUMNS), version)
        except Exception as error:  # reported after the profiles, which name the file precisely
            write_error = error
        raw_totals = PeriodTotals()
        with watch.step("raw_profile_wait"):
            for raw, checked, future in pending:
                raw_totals.add(_checked_profile(raw, period, future, checked))
        if write_error is not None:
            raise InputError(", ".join(r.location for r in raws), f"could not be read: {_first_line(write_error)}") \
                from write_error
        if raw_totals.rows == 0:
            files = ", ".join(f.path for r in records for f in r.files)
            raise InputError(files, f"no line items for billing period {period} (empty or header-only delivery)")
        with watch.step("reconcile"):
            silver_totals = totals_of(engine.read_parquet(version))
        _check(reporter, "reconciles_with_raw", differences(raw_totals, silver_totals),
               {"raw": raw_totals.as_dict(), "silver": silver_totals.as_dict()})
        with watch.step("validate"):
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
        "step_seconds": watch.steps,
    })
    return SilverResult(period, raw_totals, silver_totals, version, seconds)


def _check(reporter: Reporter, name: str, problems: list[str], metadata: dict[str, object]) -> None:
    reporter.check(ASSET_KEY, name, not problems, {**metadata, "problems": problems})
    if problems:
        raise CheckFailed(f"{ASSET_KEY} check {name} failed: " + "; ".join(problems))


def _load_record(lake: VersionedLake, folder: str) -> DeliveryRecord:
    path = posixpath.join(folder, RECORD_NAME)
    try:
        return DeliveryRecord.from_json(lake.read_text(path))
    except FileNotFoundError:  # the S3 lake raises it for a missing key too
        raise InputError(path, "delivery record missing: land the delivery in raw first") from None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _checked_profile(raw: RawFile, period: str, future: Future[list[dict[str, Any]]], checked: list[str]) -> PeriodTotals:
    record = raw.record
    try:
        result: RawProfile = read_profile(future.result(), checked)
    except Exception as error:  # the engine's own read error: name the file
        raise InputError(raw.location, f"could not be read: {_first_line(error)}") from error
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
