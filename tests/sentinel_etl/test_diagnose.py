"""The failure-path scans that place a bad value or a malformed record: CSV lines, Parquet row groups and rows."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sentinel_etl.diagnose import (
    Malformed,
    Place,
    RowsOfTypes,
    first_bad_value,
    first_empty_value,
    first_malformed_line,
    why_bad,
)

HEADER = "id,type,cost,note\n"
# Lines 3-4 hold a quoted value over two lines, line 5 is blank: both are well formed. Line 7 is next.
GOOD = HEADER + '1,Usage,0.5,plain\n2,Usage,1.5,"two\nlines, quoted ""x"""\n\n3,Tax,2,z\n'


def _file(tmp_path: Path, text: str, name: str = "f.csv") -> str:
    path = tmp_path / name
    path.write_bytes(gzip.compress(text.encode()) if name.endswith(".gz") else text.encode())
    return str(path)


def test_a_well_formed_file_has_no_malformed_line(tmp_path: Path) -> None:
    assert first_malformed_line(_file(tmp_path, GOOD)) is None
    assert first_malformed_line(_file(tmp_path, GOOD, "f.csv.gz")) is None


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("4,Usage,1,a,b\n", Malformed(7, "note", "5 fields where the header has 4: 'b' after the last column belongs "
                                                 "to no column")),
        ("4,Usage\n", Malformed(7, "cost", "2 fields where the header has 4: the line ends after 'Usage', leaving "
                                           "this column and the 1 after it without a value")),
        ('4,"Usage,1,a\n5,Tax,2,b\n', Malformed(7, "type", "a quoted value opens here and is not closed where the value "
                                                           "ends: '\"Usage,1,a'")),
        ('4,Usage,"1"5,a\n', Malformed(7, "cost", "a quoted value opens here and is not closed where the value ends: "
                                                  "'\"1\"5,a'")),
        ('4,Usage,1,"a\n5,Tax,2,"b"\n', Malformed(7, "note", "a quoted value opens here and is not closed where the "
                                                             "value ends: '\"a'")),
    ],
    ids=["more", "fewer", "never-closed", "closed-inside-the-value", "closed-by-the-next-line"],
)
def test_the_first_malformed_record_is_named_by_its_first_line(tmp_path: Path, tail: str, expected: Malformed) -> None:
    """Line numbers count the file's lines (the quoted value over two lines before it counts twice)."""
    assert first_malformed_line(_file(tmp_path, GOOD + tail + "6,Tax,1,c\n")) == expected


def test_bad_and_empty_values_are_placed_by_line_and_filtered_by_line_item_type(tmp_path: Path) -> None:
    path = _file(tmp_path, GOOD + "4,Usage,n/a,a\n5,SavingsPlanCoveredUsage,none?,b\n6,Usage,None,c\n7,Usage,,d\n")
    assert first_bad_value(path, 2, "decimal(38,10)", is_csv=True) == (Place(line=7), "n/a")
    used = RowsOfTypes(1, frozenset({"SavingsPlanCoveredUsage"}))
    assert first_bad_value(path, 2, "decimal(38,10)", is_csv=True, only=used) == (Place(line=8), "none?")
    assert first_empty_value(path, 2, is_csv=True) == Place(line=9)  # 'None' is a NULL marker; line 5 is blank


def test_parquet_values_are_placed_by_row_group_and_row(tmp_path: Path) -> None:
    path = tmp_path / "f.parquet"
    types = ["Usage", "DiscountedUsage"] * 5
    costs = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 1e30, float("nan"), 1e29, None]
    pq.write_table(pa.table({"type": types, "cost": costs}), path, row_group_size=4)
    assert first_bad_value(str(path), 1, "decimal(38,10)", is_csv=False) == (Place(row_group=1, row=2), 1e30)
    used = RowsOfTypes(0, frozenset({"DiscountedUsage"}))
    place, value = first_bad_value(str(path), 1, "decimal(38,10)", is_csv=False, only=used) or (None, None)
    assert place == Place(row_group=1, row=3) and value != value  # NaN
    assert first_empty_value(str(path), 1, is_csv=False) == Place(row_group=2, row=1)
    assert str(Place(row_group=2, row=1)) == "row group 2, row 1" and str(Place(line=7)) == "line 7"


@pytest.mark.parametrize(
    ("value", "kind", "reason"),
    [
        ("12,5 USD", "decimal(38,10)", "is not a number"),
        ("1e30", "decimal(38,10)", "does not fit DECIMAL(38,10) (at most 28 digits before the point)"),
        (1e30, "decimal(38,10)", "does not fit DECIMAL(38,10) (at most 28 digits before the point)"),
        (float("nan"), "decimal(38,10)", "is not a number"),
        ("2023-11-31T00:00:00Z", "timestamp", "is not a valid date"),
        ("30/11/2023", "timestamp", "is not a timestamp"),
    ],
)
def test_why_a_value_is_bad(value: object, kind: str, reason: str) -> None:
    assert why_bad(value, kind) == reason
