"""Bad input gets a clear error naming the file, the column or line, and the problem; nothing stored changes."""

from __future__ import annotations

import csv
import gzip
import io
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from billing_fixtures import FOCUS_CSV, LEGACY_CSV, LEGACY_PARQUET, write_legacy_export
from building import BuildFailed, build
from sentinel_etl.errors import EXIT_INPUT_ERROR, InputError

from sentinel.deliveries.discover import discover
from sentinel.deliveries.landing import land
from sentinel.job_runner import JobFailed, JobRun, run_job
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


def _run_with_field(tmp_path: Path, line_index: int, column: str, value: str) -> BuildFailed:
    """Run a bare CSV whose data line `line_index` has `value` in `column`; the job's failure."""
    lines = list(LINES)
    lines[line_index] = _replace_field(lines[line_index], column, value)
    source = _bare(tmp_path, "cur.csv", (HEADER + "".join(lines)).encode())
    with pytest.raises(BuildFailed) as error:
        build(source, Settings(home=tmp_path / "home"))
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
        build(source, Settings(home=tmp_path / "home"))
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
    with pytest.raises(BuildFailed) as error:
        build(root, Settings(home=tmp_path / "home"))
    assert "billing period 2023-10 but the manifest is for 2023-11" in str(error.value)
    assert "bill_billing_period_start_date" in str(error.value)


def test_invalid_utf8(tmp_path: Path) -> None:
    content = (HEADER + "".join(LINES[:10])).encode() + b"\xff\xfe broken\n" + "".join(LINES[10:]).encode()
    source = _bare(tmp_path, "cur.csv", content)
    with pytest.raises(InputError, match="invalid UTF-8") as error:
        build(source, Settings(home=tmp_path / "home"))
    assert error.value.line == 12


def test_malformed_header(tmp_path: Path) -> None:
    header = HEADER.replace("lineItem/UsageType,lineItem/Operation", "lineItem/UsageTypelineItem/Operation")
    source = _bare(tmp_path, "cur.csv", (header + "".join(LINES)).encode())
    with pytest.raises(InputError, match="two header names run together") as error:
        discover(source)
    assert error.value.column == "lineItem/UsageTypelineItem/Operation"


def test_duplicated_column(tmp_path: Path) -> None:
    """A second lineItem/UnblendedCost (where lineItem/BlendedCost was): never load the first and drop the other."""
    header = HEADER.replace("lineItem/BlendedCost,", "lineItem/UnblendedCost,")
    source = _bare(tmp_path, "cur.csv", (header + "".join(LINES)).encode())
    with pytest.raises(InputError) as error:
        discover(source)
    assert error.value.file == str(source) and error.value.line == 1
    assert error.value.problem == "columns 23 'lineItem/UnblendedCost' and 25 'lineItem/UnblendedCost' have the same name"


def test_same_file_delivered_twice_is_counted_once(tmp_path: Path) -> None:
    _bare(tmp_path, "a/cur.csv", CSV_TEXT.encode())
    _bare(tmp_path, "b/cur-copy.csv", CSV_TEXT.encode())
    found = discover(tmp_path / "exports")
    assert len(found) == 1


def test_focus_file_spanning_two_periods_lands_in_both(tmp_path: Path) -> None:
    found = discover(FOCUS_CSV)
    assert [(f.billing_period, f.period_from_manifest) for f in found] == [("2024-09", False), ("2024-10", False)]
    lake = Settings(home=tmp_path / "home").lake_root
    landed = [land(f, lake) for f in discover(FOCUS_CSV)]
    assert [item.created for item in landed] == [True, True]
    again = [land(f, lake) for f in discover(FOCUS_CSV)]
    assert [item.created for item in again] == [False, False]  # landing is idempotent


# --- null markers, unused money columns, and errors that name the line, the column and the value --------

SAMPLE_AMORTIZED = "1.6823086974"  # the legacy sample's amortized total (samples/README.md)


def _with_fields(line: str, **fields: str) -> str:
    for column, value in fields.items():
        line = _replace_field(line, column, value)
    return line


def _silver_job(tmp_path: Path, source: Path) -> JobRun:
    """Land the source (one delivery) and run the raw_to_silver job script on it."""
    settings = Settings(home=tmp_path / "home")
    (landed,) = [land(f, settings.lake_root) for f in discover(source)]
    return run_job("raw_to_silver", {"BILLING_PERIOD": landed.record.billing_period, "LAKE_ROOT": str(settings.lake_root),
                                     "DELIVERIES": str(landed.folder)})


def _silver_metadata(run: JobRun) -> dict[str, Any]:
    return dict(run.result["materializations"][0]["metadata"])


def test_null_markers_are_nulls_in_every_column(tmp_path: Path) -> None:
    """koku-nise writes Python's None into savingsPlan/SavingsPlanEffectiveCost on usage rows; NULL, null
    and '' mean the same in any column."""
    markers = ["None", "null", "NULL", ""]
    lines = [_with_fields(line, **{"savingsPlan/SavingsPlanEffectiveCost": markers[i % 4],
                                   "reservation/EffectiveCost": markers[(i + 1) % 4],
                                   "lineItem/AvailabilityZone": markers[(i + 2) % 4]})
             for i, line in enumerate(LINES)]
    run = _silver_job(tmp_path, _bare(tmp_path, "cur.csv", (HEADER + "".join(lines)).encode()))
    assert _silver_metadata(run)["warnings"] == []
    assert Decimal(run.result["result"]["silver"]["amortized"]) == Decimal(SAMPLE_AMORTIZED)
    silver = pq.read_table(run.result["result"]["version"], columns=["availability_zone"])
    assert not set(silver["availability_zone"].to_pylist()) & set(markers)


def test_a_bad_value_in_a_money_column_the_row_does_not_use_is_a_warning(tmp_path: Path) -> None:
    """The amortized CASE reads savingsPlan/SavingsPlanEffectiveCost for SavingsPlanCoveredUsage rows
    only: on usage (line 7) and tax rows a value that is not a number changes nothing."""
    lines = list(LINES)
    for index in (5, 200, 1000):
        lines[index] = _replace_field(lines[index], "savingsPlan/SavingsPlanEffectiveCost", "n/a")
    source = _bare(tmp_path, "cur.csv", (HEADER + "".join(lines)).encode())
    run = _silver_job(tmp_path, source)
    assert _silver_metadata(run)["warnings"] == [
        f"{source}, column 'savingsPlan/SavingsPlanEffectiveCost': 3 values are not numbers on rows whose line "
        "item type does not use it ('n/a' on line 7); ignored"
    ]
    assert Decimal(run.result["result"]["silver"]["amortized"]) == Decimal(SAMPLE_AMORTIZED)


def test_a_bad_value_in_a_money_column_the_row_uses_is_refused(tmp_path: Path) -> None:
    """The same value on a SavingsPlanCoveredUsage row (line 9) is refused, and the message names that
    row, not the first usage row with the value (line 7)."""
    lines = list(LINES)
    lines[5] = _replace_field(lines[5], "savingsPlan/SavingsPlanEffectiveCost", "n/a")
    lines[7] = _with_fields(lines[7], **{"lineItem/LineItemType": "SavingsPlanCoveredUsage",
                                         "savingsPlan/SavingsPlanEffectiveCost": "n/a"})
    source = _bare(tmp_path, "cur.csv", (HEADER + "".join(lines)).encode())
    with pytest.raises(JobFailed) as error:
        _silver_job(tmp_path, source)
    assert error.value.code == EXIT_INPUT_ERROR
    message = str(error.value)
    assert "cur.csv, line 9, column 'savingsPlan/SavingsPlanEffectiveCost': 'n/a' is not a number" in message


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("lineItem/UnblendedCost", "1e30", "'1e30' does not fit DECIMAL(38,10)"),
        ("pricing/publicOnDemandCost", "-123456789012345678901234567890.5", "does not fit DECIMAL(38,10)"),
        ("lineItem/UsageStartDate", "2023-11-31T00:00:00Z", "'2023-11-31T00:00:00Z' is not a valid date"),
    ],
)
def test_overflowing_cost_or_invalid_date_names_file_line_column_and_value(
    tmp_path: Path, column: str, value: str, problem: str
) -> None:
    failure = _run_with_field(tmp_path, 41, column, value)
    assert failure.code == EXIT_INPUT_ERROR
    assert f"cur.csv, line 43, column {column!r}: " in str(failure) and problem in str(failure)
    assert repr(value) in str(failure)


def _parquet_export(tmp_path: Path, column: str, row: int, value: object, *, as_text: bool = False) -> Path:
    """The first 3,000 rows of the legacy Parquet sample, in row groups of 1,000, with `value` in `column`
    at `row` (the column as strings first with as_text, as some exports type dates)."""
    table = pq.read_table(LEGACY_PARQUET).slice(0, 3000)
    index = table.schema.get_field_index(column)
    values = table[column]
    if as_text:
        values = pc.strftime(values, "%Y-%m-%dT%H:%M:%SZ")
    changed = values.to_pylist()
    changed[row] = value
    table = table.set_column(index, column, pa.array(changed, values.type))
    path = tmp_path / "exports" / "cur.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, row_group_size=1000)
    return path


@pytest.mark.parametrize(
    ("column", "value", "as_text", "problem"),
    [
        ("line_item_unblended_cost", 1e30, False, "1e+30 does not fit DECIMAL(38,10)"),
        ("pricing_public_on_demand_cost", float("nan"), False, "nan is not a number"),
        ("line_item_usage_start_date", "2018-11-31T00:00:00Z", True, "'2018-11-31T00:00:00Z' is not a valid date"),
        ("line_item_unblended_cost", None, False, "has no value"),
    ],
)
def test_a_bad_parquet_value_names_the_row_group_row_column_and_value(
    tmp_path: Path, column: str, value: object, as_text: bool, problem: str
) -> None:
    """Before, an overflowing unblended cost failed the schema check after the write without saying where,
    and one in the public cost became NULL unnoticed (the raw profile read CSV only)."""
    source = _parquet_export(tmp_path, column, 1500, value, as_text=as_text)
    with pytest.raises(BuildFailed) as error:
        build(source, Settings(home=tmp_path / "home"))
    assert error.value.code == EXIT_INPUT_ERROR
    assert f".parquet, row group 1, row 500, column {column!r}: {problem}" in str(error.value)


HEADER_NAMES = next(csv.reader([HEADER]))


def _csv_line(fields: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)
    return out.getvalue()


def _malformed(line: str, case: str) -> tuple[str, str, str]:
    """The line with one field more, with fewer (it ends after lineItem/UnblendedCost), or with a quote
    opening the lineItem/UsageType value and never closing it; and the column and problem to report."""
    columns = len(HEADER_NAMES)
    if case == "more":
        return (line.rstrip("\n") + ",extra\n", HEADER_NAMES[-1],
                f"{columns + 1} fields where the header has {columns}: 'extra' after the last column belongs to no column")
    if case == "fewer":
        kept = HEADER_NAMES.index("lineItem/UnblendedCost") + 1
        fields = next(csv.reader([line]))[:kept]
        return (_csv_line(fields), HEADER_NAMES[kept],
                f"{kept} fields where the header has {columns}: the line ends after {fields[-1]!r}, leaving this "
                f"column and the {columns - kept - 1} after it without a value")
    marked = _replace_field(line, "lineItem/UsageType", "MARK").replace(",MARK,", ',"BoxUsage,')
    return marked, "lineItem/UsageType", "a quoted value opens here and is not closed where the value ends: '\"BoxUsage,"


@pytest.mark.parametrize(
    ("case", "copies"), [("more", 1), ("fewer", 1), ("quote", 1), ("fewer", 20)],
    ids=["more", "fewer", "quote", "fewer-refused-in-the-scan"],
)
def test_a_malformed_csv_record_names_its_own_line_column_and_value(tmp_path: Path, case: str, copies: int) -> None:
    """Not the billing period column (the engine's read error) nor a column after the record's break. With
    20 copies of the sample the bad line lies beyond what DuckDB samples when it opens the file, so the scan
    that writes silver refuses it instead."""
    lines = LINES * copies
    bad = len(lines) - 100
    lines[bad], column, problem = _malformed(lines[bad], case)
    root = write_legacy_export(tmp_path / "export", "asm-1", {"cur.csv": (HEADER + "".join(lines)).encode()})
    with pytest.raises(BuildFailed) as error:
        build(root, Settings(home=tmp_path / "home"))
    assert error.value.code == EXIT_INPUT_ERROR
    assert f".csv, line {bad + 2}, column {column!r}: {problem}" in str(error.value)


def test_a_schema_check_failure_names_rows_and_values(tmp_path: Path) -> None:
    """A FOCUS charge category outside the specification passes the raw checks and fails Pandera's: the
    failure says how many rows, which (source file and hour) and the value."""
    header, *rows = FOCUS_CSV.read_text().splitlines(keepends=True)
    names = next(csv.reader([header]))
    fields = next(csv.reader([rows[10]]))
    fields[names.index("ChargeCategory")] = "Bogus"
    rows[10] = _csv_line(fields)
    source = _bare(tmp_path, "focus.csv", (header + "".join(rows)).encode())
    with pytest.raises(BuildFailed) as error:
        build(source, Settings(home=tmp_path / "home"))
    message = str(error.value)
    assert "charge_category: isin(" in message and " failed on 1 rows of " in message
    start = fields[names.index("ChargePeriodStart")].replace("T", " ").removesuffix("Z")
    assert "'Bogus' in row " in message and f"(source_file 'focus.csv', usage_start {start}" in message


@pytest.mark.parametrize("case", ["more", "fewer", "quote"])
def test_a_malformed_record_in_a_bare_file_is_named_when_its_periods_are_read(tmp_path: Path, case: str) -> None:
    """A file without a manifest is scanned for its billing periods first: that scan names the bad record too."""
    lines = list(LINES)
    bad = len(lines) - 100
    lines[bad], column, problem = _malformed(lines[bad], case)
    path = _bare(tmp_path, "cur.csv", (HEADER + "".join(lines)).encode())
    with pytest.raises(InputError) as error:
        discover(path.parent)
    assert f"cur.csv, line {bad + 2}, column {column!r}: {problem}" in str(error.value)


@pytest.mark.spark
@pytest.mark.xdist_group("spark")
@pytest.mark.parametrize("case", ["more", "quote"])
def test_spark_refuses_a_malformed_record_and_names_it(tmp_path: Path, case: str) -> None:
    """Spark reads a CSV record a line at a time and, by default, only the columns a query needs: a ragged
    row would pass. Sentinel has it tokenise every column, so FAILFAST refuses the record."""
    lines = list(LINES)
    bad = len(lines) - 100
    lines[bad], column, problem = _malformed(lines[bad], case)
    root = write_legacy_export(tmp_path / "export", "asm-1", {"cur.csv": (HEADER + "".join(lines)).encode()})
    with pytest.raises(BuildFailed) as error:
        build(root, Settings(home=tmp_path / "home", engine="spark"))
    assert error.value.code == EXIT_INPUT_ERROR
    assert f".csv, line {bad + 2}, column {column!r}: {problem}" in str(error.value)
