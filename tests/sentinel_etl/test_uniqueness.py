"""The line_items_unique check: a repeated line is found (by its hash, confirmed on its text), and a
bill read from two deliveries is named."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sentinel_etl import uniqueness
from sentinel_etl.uniqueness import uniqueness_problems


def _silver(path: Path, rows: list[tuple[str, str, str, str | None, str]]) -> str:
    columns = list(zip(*rows, strict=True))
    pq.write_table(pa.table({
        "provider": ["AWS"] * len(rows), "payer_account_id": list(columns[0]), "delivery_id": list(columns[1]),
        "source_file": list(columns[2]), "line_item_id": list(columns[3]), "time_interval": list(columns[4]),
    }), path)
    return str(path)


def test_distinct_lines_pass(tmp_path: Path) -> None:
    rows = [("1", "d1", "f1.csv", f"id{i}", f"2024-01-01T{i % 24:02d}") for i in range(5000)]
    rows += [("1", "d1", "f1.csv", None, "2024-01-01T00")] * 3  # lines without an id are not compared
    assert uniqueness_problems([_silver(tmp_path / "a.parquet", rows)]) == []


def test_a_repeated_line_and_a_bill_from_two_deliveries_are_reported(tmp_path: Path) -> None:
    rows = [("1", "d1", "f1.csv", f"id{i}", "2024-01-01T00") for i in range(1000)]
    rows.append(("1", "d1", "f1.csv", "id7", "2024-01-01T00"))  # id7 twice in the same file and hour
    rows.append(("1", "d1", "f2.csv", "id7", "2024-01-01T00"))  # another file: a different line
    rows.append(("1", "d2", "g1.csv", "x", "2024-01-01T00"))  # the same bill from a second delivery
    problems = uniqueness_problems([_silver(tmp_path / "b.parquet", rows)])
    assert problems == [
        "bill of AWS payer 1 comes from 2 deliveries (d1, d2)",
        "1 line items appear more than once, e.g. id7 (2024-01-01T00) in f1.csv, 2 times",
    ]


def test_a_repeated_line_is_found_when_the_hashes_are_grouped_in_several_passes(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uniqueness, "HASHES_PER_PASS", 100)  # 1,001 lines: 11 passes over slices of the hashes
    rows = [("1", "d1", "f1.csv", f"id{i}", "2024-01-01T00") for i in range(1000)]
    rows.append(("1", "d1", "f1.csv", "id999", "2024-01-01T00"))
    assert uniqueness_problems([_silver(tmp_path / "c.parquet", rows)]) == [
        "1 line items appear more than once, e.g. id999 (2024-01-01T00) in f1.csv, 2 times",
    ]
