"""Bad input gets a clear error naming the file, the column or line, and the problem; nothing stored changes."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from billing_fixtures import FOCUS_CSV, LEGACY_CSV, write_legacy_export
from sentinel_etl.errors import EXIT_INPUT_ERROR, InputError

from sentinel.deliveries.discover import discover
from sentinel.job_runner import JobFailed
from sentinel.pipeline import land_source, run_local
from sentinel.settings import Settings

CSV_TEXT = LEGACY_CSV.read_text()
HEADER, *LINES = CSV_TEXT.splitlines(keepends=True)


def _bare(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / "exports" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def _replace_field(line: str, column: str, value: str) -> str:
    import csv
    import io

    names = next(csv.reader([HEADER]))
    row = next(csv.reader([line]))
    row[names.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    return out.getvalue()


def test_missing_required_column(tmp_path: Path) -> None:
    header = HEADER.replace("lineItem/UnblendedCost,", "lineItem/SomethingElse,")
    path = _bare(tmp_path, "cur.csv", (header + "".join(LINES)).encode())
    with pytest.raises(InputError) as error:
        discover(path)
    assert error.value.file == str(path)
    assert error.value.column == "line_item_unblended_cost"


def _run_with_field(tmp_path: Path, line_index: int, column: str, value: str) -> JobFailed:
    """Run a bare CSV whose data line `line_index` has `value` in `column`; the job's failure."""
    lines = list(LINES)
    lines[line_index] = _replace_field(lines[line_index], column, value)
    source = _bare(tmp_path, "cur.csv", (HEADER + "".join(lines)).encode())
    with pytest.raises(JobFailed) as error:
        run_local(source, Settings(home=tmp_path / "home"))
    return error.value


def test_non_numeric_cost_names_file_line_and_column(tmp_path: Path) -> None:
    message = str(_run_with_field(tmp_path, 41, "lineItem/UnblendedCost", "12,5 USD"))
    assert "cur.csv" in message and "line 43" in message
    assert "'lineItem/UnblendedCost'" in message and "'12,5 USD' is not a number" in message


def test_empty_usage_start_names_file_line_and_column(tmp_path: Path) -> None:
    failure = _run_with_field(tmp_path, 99, "lineItem/UsageStartDate", "")
    message = str(failure)
    assert "cur.csv" in message and "line 101" in message
    assert "'lineItem/UsageStartDate'" in message and "has no value" in message
    assert failure.code == EXIT_INPUT_ERROR  # bad input, not a failed schema check


def test_truncated_gzip(tmp_path: Path) -> None:
    compressed = gzip.compress(CSV_TEXT.encode())
    source = _bare(tmp_path, "cur.csv.gz", compressed[: len(compressed) // 2])
    with pytest.raises(InputError, match="truncated or corrupt gzip") as error:
        run_local(source, Settings(home=tmp_path / "home"))
    assert error.value.file == str(source)


def test_empty_file(tmp_path: Path) -> None:
    source = _bare(tmp_path, "cur.csv", b"")
    with pytest.raises(InputError, match=r"empty \(0 bytes\)"):
        discover(source)


def test_header_only_file(tmp_path: Path) -> None:
    source = _bare(tmp_path, "cur.csv", HEADER.encode())
    with pytest.raises(InputError, match="header but no line items"):
        discover(source)


def test_unrecognised_format(tmp_path: Path) -> None:
    source = _bare(tmp_path, "sales.csv", b"date,amount\n2024-01-01,3\n")
    with pytest.raises(InputError, match="unrecognised billing format"):
        discover(source)


def test_manifest_listing_a_missing_file(tmp_path: Path) -> None:
    root = write_legacy_export(tmp_path / "export", "asm-1", {"sentinel-cur-1.csv.gz": gzip.compress(CSV_TEXT.encode())})
    os.remove(next(root.rglob("sentinel-cur-1.csv.gz")))
    with pytest.raises(InputError, match="manifest lists a file that is not there") as error:
        discover(root)
    assert error.value.file.endswith("sentinel-cur-Manifest.json")


def test_rows_of_another_period_than_the_manifest(tmp_path: Path) -> None:
    lines = list(LINES)
    lines[5] = _replace_field(lines[5], "bill/BillingPeriodStartDate", "2023-10-01T00:00:00Z")
    root = write_legacy_export(tmp_path / "export", "asm-1", {"sentinel-cur-1.csv": (HEADER + "".join(lines)).encode()})
    with pytest.raises(JobFailed) as error:
        run_local(root, Settings(home=tmp_path / "home"))
    assert "billing period 2023-10 but the manifest is for 2023-11" in str(error.value)
    assert "bill_billing_period_start_date" in str(error.value)


def test_invalid_utf8(tmp_path: Path) -> None:
    content = (HEADER + "".join(LINES[:10])).encode() + b"\xff\xfe broken\n" + "".join(LINES[10:]).encode()
    source = _bare(tmp_path, "cur.csv", content)
    with pytest.raises(InputError, match="invalid UTF-8") as error:
        run_local(source, Settings(home=tmp_path / "home"))
    assert error.value.line == 12


def test_malformed_header(tmp_path: Path) -> None:
    header = HEADER.replace("lineItem/UsageType,lineItem/Operation", "lineItem/UsageTypelineItem/Operation")
    source = _bare(tmp_path, "cur.csv", (header + "".join(LINES)).encode())
    with pytest.raises(InputError, match="two header names run together") as error:
        discover(source)
    assert error.value.column == "lineItem/UsageTypelineItem/Operation"


def test_same_file_delivered_twice_is_counted_once(tmp_path: Path) -> None:
    _bare(tmp_path, "a/cur.csv", CSV_TEXT.encode())
    _bare(tmp_path, "b/cur-copy.csv", CSV_TEXT.encode())
    found = discover(tmp_path / "exports")
    assert len(found) == 1


def test_focus_file_spanning_two_periods_lands_in_both(tmp_path: Path) -> None:
    found = discover(FOCUS_CSV)
    assert [(f.billing_period, f.period_from_manifest) for f in found] == [("2024-09", False), ("2024-10", False)]
    landed = land_source(FOCUS_CSV, Settings(home=tmp_path / "home"))
    assert [item.created for item in landed] == [True, True]
    again = land_source(FOCUS_CSV, Settings(home=tmp_path / "home"))
    assert [item.created for item in again] == [False, False]  # landing is idempotent
