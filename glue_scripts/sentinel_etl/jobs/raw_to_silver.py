"""raw → silver for one billing period: read the newest delivery of each export, check, normalise, publish.

Nothing in silver changes unless every check passes: the new version is written beside the published
one and swapped in at the end.
"""

from __future__ import annotations

import os
import posixpath
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pyspark.sql import Column, DataFrame

from sentinel_etl.bill_scan import candidates as bill_candidates
from sentinel_etl.bill_scan import taken
from sentinel_etl.bills import DEFAULT_PREFERENCE, BillChoice, choose_exports
from sentinel_etl.delivery_record import RECORD_NAME, DeliveryRecord
from sentinel_etl.diagnose import (
    Place,
    RowsOfTypes,
    first_bad_value,
    first_empty_value,
    malformed_error,
    why_bad,
)
from sentinel_etl.engine import Engine
from sentinel_etl.errors import CheckFailed, InputError, storage_error
from sentinel_etl.file_totals import file_totals
from sentinel_etl.lake import VersionedLake
from sentinel_etl.money import MoneyTotals, differences
from sentinel_etl.names import snake_case_all
from sentinel_etl.normalize import silver_columns
from sentinel_etl.raw_profile import (
    BAD_MASK,
    BAD_SLOTS,
    CHECKED_COLUMNS,
    FILE_KEY,
    LINE_ITEM_TYPE,
    PERIOD_KEY,
    SUMMED,
    USED_ONLY_BY,
    RawProfile,
    profile_columns,
    read_tally,
)
from sentinel_etl.raw_reader import RawFile, read_delivery
from sentinel_etl.reporting import Reporter
from sentinel_etl.silver_schema import SILVER_FILE_COLUMNS
from sentinel_etl.tally import Tally
from sentinel_etl.timing import Stopwatch
from sentinel_etl.uniqueness import uniqueness_problems

ASSET_KEY = "silver/line_items"
PROFILE_TALLY = Tally(keys=(FILE_KEY, PERIOD_KEY), sums=SUMMED, mask=BAD_MASK, bits=BAD_SLOTS)


@dataclass
class SilverResult:
    period: str
    raw: MoneyTotals
    silver: MoneyTotals
    version: str
    seconds: float


def run(engine: Engine, lake: VersionedLake, period: str, delivery_dirs: list[str], reporter: Reporter, *,
        preference: tuple[str, ...] = DEFAULT_PREFERENCE, pins: dict[str, str] | None = None) -> SilverResult:
    delivery_dirs = [lake.input_folder(folder) for folder in delivery_dirs]  # S3 staged: a local copy
    records = [_load_record(lake, folder) for folder in delivery_dirs]
    try:
        return _run(engine, lake, period, delivery_dirs, records, reporter, preference, pins)
    except InputError as error:
        error.deliveries = _blamed(error, records, delivery_dirs)
        raise


def _blamed(error: InputError, records: list[DeliveryRecord], folders: list[str]) -> list[str]:
    """The deliveries a bad-input error names (by a file of theirs): those are rejected, not the others."""
    text = str(error)
    return [record.delivery_id for record, folder in zip(records, folders, strict=True)
            if any(f.shown in text or posixpath.join(folder, f.path) in text for f in record.files)]


def _run(engine: Engine, lake: VersionedLake, period: str, delivery_dirs: list[str], records: list[DeliveryRecord],
         reporter: Reporter, preference: tuple[str, ...], pins: dict[str, str] | None) -> SilverResult:
    started = time.monotonic()
    watch = Stopwatch()
    if not delivery_dirs:
        raise InputError(lake.root, f"no delivery landed for billing period {period}")
    raws = [raw for record, folder in zip(records, delivery_dirs, strict=True) for raw in _read_delivery(engine, record, folder)]
    # Several exports may carry the same bill: each bill is read from one of them only.
    choices: list[BillChoice] = []
    kept: list[tuple[RawFile, Column | None]] = [(raw, None) for raw in raws]
    if len(records) > 1:
        with watch.step("choose_exports"):
            try:
                offered = bill_candidates(engine, raws, period)
            except Exception as error:  # the first scan of the files: a read error is theirs
                raise _read_error(raws, error) from error
            choices = choose_exports(offered, preference, pins)
            kept = taken(raws, offered, choices)
        used = {raw.record.delivery_id for raw, _ in kept}
        records = [record for record in records if record.delivery_id in used]
        raws = [raw for raw, _ in kept]
    # One select per file: the silver columns and, beside them, the raw profile's (counts, sums and
    # unparseable values, from the export's own columns). The engine writes the first and totals the
    # second in the same scan.
    frames = [_profiled_silver(raw, index, where) for index, (raw, where) in enumerate(kept)]
    union = engine.union_by_name(frames)
    version = lake.new_version("silver", "line_items", period)
    try:
        with watch.step("write"):
            try:
                tally = engine.write_tallied(union, version, columns=SILVER_FILE_COLUMNS, keep=("billing_period", period),
                                             tally=PROFILE_TALLY)
            except Exception as error:
                raise _read_error(raws, error) from error
        raw_totals = MoneyTotals()
        warnings: list[str] = []  # values ignored in columns their rows never read (_checked_profile)
        for index, raw in enumerate(raws):
            raw_totals += (_checked_profile(raw, period, read_tally(tally, raw.record.format, index), warnings))
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
        with watch.step("unique"):
            _check(reporter, "line_items_unique", uniqueness_problems(written), {})
        _report_exports(reporter, choices)
    except BaseException:
        lake.discard(version)
        raise
    lake.stage("silver", "line_items", period, version)  # published with its gold (silver_to_gold)
    seconds = time.monotonic() - started
    reporter.materialization(ASSET_KEY, {
        "billing_period": period,
        "rows": silver_totals.rows,
        "unblended_cost": float(silver_totals.unblended),
        "amortized_cost": float(silver_totals.amortized or 0),
        "public_cost": float(silver_totals.public),
        "deliveries": [r.delivery_id for r in records],
        "exports": sorted({r.export_name for r in records}),
        "source_formats": sorted({r.format.value for r in records}),
        "bills": [choice.as_dict() for choice in choices],
        "set_aside": sorted({f"{c.export_name}/{c.delivery_id}" for choice in choices for c in choice.set_aside}
                            - {f"{r.export_name}/{r.delivery_id}" for r in records}),
        "engine": engine.name,
        "version": os.path.basename(version),
        "duration_seconds": round(seconds, 3),
        "step_seconds": watch.steps,
        "warnings": warnings,
    })
    return SilverResult(period, raw_totals, silver_totals, version, seconds)


def _report_exports(reporter: Reporter, choices: list[BillChoice]) -> None:
    """Not blocking: exports of one bill that disagree are worth a look (a migration not yet verified),
    but silver took one of them, so nothing is counted twice."""
    problems = [problem for choice in choices for problem in choice.disagreements()]
    compared = [choice.as_dict() for choice in choices if choice.set_aside]
    reporter.check(ASSET_KEY, "exports_agree", not problems, {"bills_compared": compared, "problems": problems},
                   severity="WARN")


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


def _profiled_silver(raw: RawFile, index: int, where: Column | None = None) -> DataFrame:
    src = raw.source
    fmt = raw.record.format
    frame = raw.frame.select(
        *silver_columns(src, fmt, source_file=raw.file.delivered_name, delivery_id=raw.record.delivery_id),
        *profile_columns(src, fmt, file_index=index),
    )
    return frame if where is None else frame.where(where)


def _read_delivery(engine: Engine, record: DeliveryRecord, folder: str) -> list[RawFile]:
    """read_delivery, reporting a file the engine refuses as it opens it (DuckDB reads a CSV's dialect then)
    as _read_error reports one refused during the scan."""
    try:
        return read_delivery(engine, record, folder)
    except InputError:
        raise
    except Exception as error:
        raise _unreadable([(posixpath.join(folder, file.path), file.shown) for file in record.files], error) \
            from error


def _read_error(raws: list[RawFile], error: Exception) -> Exception:
    return _unreadable([(raw.location, raw.file.shown) for raw in raws], error)


def _unreadable(files: list[tuple[str, str]], error: Exception) -> Exception:
    """The engine's own read error for (location read, name shown) files, naming the file when the message
    says which one, unless the file is a CSV with a malformed record: then that record's line. The engines'
    messages do not place it reliably (DuckDB's sniffer names no line, and fails before the scan for a
    record it samples)."""
    full = storage_error(error, "writing silver or the engine's temporary files")
    if full is not None:  # not the delivery's fault: it must not be rejected for it
        return full
    message = str(error)
    named = [file for file in files if file[0] in message] or files
    for location, shown in named:
        malformed = malformed_error(location, shown)
        if malformed is not None:
            return malformed
    return InputError(", ".join(shown for _, shown in named), f"could not be read: {_first_line(error)}")


def _checked_profile(raw: RawFile, period: str, result: RawProfile, warnings: list[str]) -> MoneyTotals:
    """The file's totals for the period once its profile shows no bad input. Values that do not parse in a
    column their row's line item type never reads are only counted: one readable line each in `warnings`."""
    record = raw.record
    if (result.unparseable or result.empty) and raw.is_csv:
        # A record split into the wrong columns (a stray quote; Spark reads a record a line at a time) shows
        # as bad or missing values in the columns after it: name the cause instead.
        malformed = malformed_error(raw.location, raw.file.shown)
        if malformed is not None:
            raise malformed
    if result.unparseable:
        column, count = next(iter(result.unparseable.items()))
        raise _unparseable_error(raw, column, count)
    if result.empty:
        column, count = next(iter(result.empty.items()))
        raise _empty_error(raw, column, count)
    others = sorted(p for p in result.periods if p != period)
    if others and record.period_from_manifest:
        column = "billing_period_start" if record.format.value == "focus" else "bill_billing_period_start_date"
        raise InputError(raw.file.shown, f"has rows of billing period {', '.join(others)} but the manifest is for {period}",
                         column=column)
    warnings.extend(_unused_warning(raw, column, count) for column, count in result.unparseable_unused.items())
    return result.periods.get(period, MoneyTotals())


def _header_column(raw: RawFile, column: str) -> tuple[int | None, str]:
    """Where a snake_cased column sits in the file's header (or Parquet schema), and its name there (for
    messages)."""
    names = snake_case_all(raw.file.columns)
    if column not in names:
        return None, column
    index = names.index(column)
    return index, raw.file.columns[index]


def _at(place: Place | None) -> dict[str, int | None]:
    """InputError's arguments that say where a value is."""
    if place is None:
        return {}
    return {"line": place.line, "row_group": place.row_group, "row": place.row}


def _empty_error(raw: RawFile, column: str, count: int) -> InputError:
    index, original = _header_column(raw, column)
    place = first_empty_value(raw.location, index, is_csv=raw.is_csv) if index is not None else None
    return InputError(raw.file.shown, f"has no value, and every line item needs one ({count} such rows)",
                      column=original, **_at(place))


def _first_unparseable(raw: RawFile, column: str, *, used: bool) -> tuple[str, str, tuple[Place, object] | None]:
    """The column's checked type, its name in the file, and the first value that does not parse, among the
    rows that read the column (used=True) or those that do not."""
    kind = dict(CHECKED_COLUMNS[raw.record.format])[column]
    index, original = _header_column(raw, column)
    if index is None:
        return kind, original, None
    only = None
    users = USED_ONLY_BY[raw.record.format].get(column)
    type_index, _ = _header_column(raw, LINE_ITEM_TYPE)
    if users and type_index is not None:
        only = RowsOfTypes(type_index, frozenset(users), used=used)
    return kind, original, first_bad_value(raw.location, index, kind, is_csv=raw.is_csv, only=only)


def _unparseable_error(raw: RawFile, column: str, count: int) -> InputError:
    kind, original, found = _first_unparseable(raw, column, used=True)
    if found:
        place, value = found
        return InputError(raw.file.shown, f"{value!r} {why_bad(value, kind)} ({count} such values)", column=original,
                          **_at(place))
    expected = "a timestamp" if kind == "timestamp" else "a number"
    return InputError(raw.file.shown, f"{count} values are not {expected}", column=original)


def _unused_warning(raw: RawFile, column: str, count: int) -> str:
    kind, original, found = _first_unparseable(raw, column, used=False)
    first = f" ({found[1]!r} on {found[0]})" if found else ""
    expected = "timestamps" if kind == "timestamp" else "numbers"
    return (f"{raw.file.shown}, column {original!r}: {count:,} values are not {expected} on rows whose line item "
            f"type does not use it{first}; ignored")
