"""raw → silver for one billing period: read the newest delivery of each export, check, normalise, publish.

Nothing in silver changes unless every check passes: the new version is written beside the published
one and swapped in at the end.
"""

from __future__ import annotations

import functools
import os
import posixpath
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pyspark.sql import DataFrame

from sentinel_etl.delivery_record import RECORD_NAME, DeliveryRecord
from sentinel_etl.diagnose import first_bad_value, first_empty_value
from sentinel_etl.engine import Engine, Tally
from sentinel_etl.errors import CheckFailed, InputError
from sentinel_etl.file_totals import file_totals
from sentinel_etl.lake import VersionedLake
from sentinel_etl.names import snake_case_all
from sentinel_etl.normalize import silver_columns
from sentinel_etl.preload import import_in_background
from sentinel_etl.raw_profile import (
    BAD_MASK,
    BAD_SLOTS,
    CHECKED_COLUMNS,
    FILE_KEY,
    PERIOD_KEY,
    SUMMED,
    PeriodTotals,
    RawProfile,
    profile_columns,
    read_tally,
)
from sentinel_etl.raw_reader import RawFile, read_delivery
from sentinel_etl.reconcile import differences
from sentinel_etl.reporting import Reporter
from sentinel_etl.silver_schema import SILVER_FILE_COLUMNS
from sentinel_etl.timing import Stopwatch

ASSET_KEY = "silver/line_items"
PROFILE_TALLY = Tally(keys=(FILE_KEY, PERIOD_KEY), sums=SUMMED, mask=BAD_MASK, bits=BAD_SLOTS)


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
    # One select per file: the silver columns and, beside them, the raw profile's (counts, sums and
    # unparseable values, from the export's own columns). The engine writes the first and totals the
    # second in the same scan.
    frames = [_profiled_silver(raw, index) for index, raw in enumerate(raws)]
    union = functools.reduce(lambda a, b: a.unionByName(b), frames)
    version = lake.new_version("silver", "line_items", period)
    # Pandera is needed once the file is written. Imported now, after the planning (Python, holding the
    # GIL), it runs while DuckDB scans and writes, which leaves the GIL free most of the time.
    import_in_background("sentinel_etl.validation", warm_up="warm_up")
    try:
        with watch.step("write"):
            try:
                tally = engine.write_tallied(union, version, columns=SILVER_FILE_COLUMNS, keep=("billing_period", period),
                                             tally=PROFILE_TALLY)
            except Exception as error:
                raise _read_error(raws, error) from error
        raw_totals = PeriodTotals()
        for index, raw in enumerate(raws):
            raw_totals.add(_checked_profile(raw, period, read_tally(tally, raw.record.format, index)))
        if raw_totals.rows == 0:
            files = ", ".join(f.path for r in records for f in r.files)
            raise InputError(files, f"no line items for billing period {period} (empty or header-only delivery)")
        written = lake.parquet_files(version)
        from sentinel_etl.validation import SILVER_SCHEMA, validate_files

        # Both checks read the written file (pyarrow and polars, outside the GIL): side by side.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sentinel-validate") as pool:
            validating = pool.submit(validate_files, SILVER_SCHEMA, written)
            with watch.step("reconcile"):
                silver_totals = file_totals(written)
            _check(reporter, "reconciles_with_raw", differences(raw_totals, silver_totals),
                   {"raw": raw_totals.as_dict(), "silver": silver_totals.as_dict()})
            with watch.step("validate"):
                validation = validating.result()
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


def _profiled_silver(raw: RawFile, index: int) -> DataFrame:
    src = raw.source
    fmt = raw.record.format
    return raw.frame.select(
        *silver_columns(src, fmt, source_file=raw.file.path, delivery_id=raw.record.delivery_id),
        *profile_columns(src, fmt, is_csv=raw.is_csv, file_index=index),
    )


def _read_error(raws: list[RawFile], error: Exception) -> InputError:
    """The engine's own read error, naming the file when the message says which one."""
    message = str(error)
    named = [raw.location for raw in raws if raw.location in message] or [raw.location for raw in raws]
    return InputError(", ".join(named), f"could not be read: {_first_line(error)}")


def _checked_profile(raw: RawFile, period: str, result: RawProfile) -> PeriodTotals:
    record = raw.record
    if result.unparseable:
        column, count = next(iter(result.unparseable.items()))
        raise _unparseable_error(raw, column, count)
    if result.empty:
        column, count = next(iter(result.empty.items()))
        raise _empty_error(raw, column, count)
    others = sorted(p for p in result.periods if p != period)
    if others and record.period_from_manifest:
        column = "billing_period_start" if record.format.value == "focus" else "bill_billing_period_start_date"
        raise InputError(raw.location, f"has rows of billing period {', '.join(others)} but the manifest is for {period}",
                         column=column)
    return result.periods.get(period, PeriodTotals())


def _header_column(raw: RawFile, column: str) -> tuple[int | None, str]:
    """Where a snake_cased column sits in the file's header, and its name there (for messages)."""
    names = snake_case_all(raw.file.columns)
    if column not in names:
        return None, column
    index = names.index(column)
    return index, raw.file.columns[index]


def _empty_error(raw: RawFile, column: str, count: int) -> InputError:
    index, original = _header_column(raw, column)
    line = first_empty_value(raw.location, index) if index is not None else None
    return InputError(raw.location, f"has no value, and every line item needs one ({count} such rows)",
                      column=original, line=line)


def _unparseable_error(raw: RawFile, column: str, count: int) -> InputError:
    kind = dict(CHECKED_COLUMNS[raw.record.format])[column]
    index, original = _header_column(raw, column)
    found = first_bad_value(raw.location, index, kind) if index is not None else None
    expected = "a timestamp" if kind == "timestamp" else "a number"
    if found:
        line, value = found
        return InputError(raw.location, f"{value!r} is not {expected} ({count} such values)", column=original, line=line)
    return InputError(raw.location, f"{count} values are not {expected}", column=original)
