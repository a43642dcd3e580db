"""Pandera checks on written Parquet files: every row is read (batch by batch), failures name the column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

MONEY = pa.decimal128(38, 10)


@pytest.fixture(scope="module")
def validation() -> ModuleType:
    # Imported when the tests run, as the jobs do once their engine is started: Pandera imports
    # pyspark.sql, which must then be the embedded engine's (the transform tests activate it).
    from sentinel_etl import validation

    return validation


def period_summary_file(path: Path, providers: list[str | None]) -> str:
    rows = len(providers)
    table = pa.table({
        "provider": pa.array(providers, pa.string()),
        "usage_account_id": pa.array(["1"] * rows),
        "unblended_cost": pa.array([Decimal("1.25")] * rows, MONEY),
        "net_unblended_cost": pa.array([None] * rows, MONEY),
        "amortized_cost": pa.array([Decimal("1")] * rows, MONEY),
        "public_cost": pa.array([Decimal("2")] * rows, MONEY),
        "line_item_count": pa.array([3] * rows, pa.int64()),
    })
    pq.write_table(table, path, row_group_size=4)
    return str(path)


def test_every_row_of_every_batch_is_checked(validation: ModuleType, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validation, "BATCH_ROWS", 5)  # batches across row groups: 5, 5, 2
    validate_files, schema = validation.validate_files, validation.GOLD_SCHEMAS["period_summary"]
    good = period_summary_file(tmp_path / "good.parquet", ["AWS"] * 12)
    result = validate_files(schema, [good])
    assert (result.rows, result.failures) == (12, [])
    # A null in the last batch only is still found.
    bad = period_summary_file(tmp_path / "bad.parquet", ["AWS"] * 11 + [None])
    result = validate_files(schema, [good, bad])
    assert result.rows == 24
    assert len(result.failures) == 1 and result.failures[0].startswith("provider: not_nullable")


def test_a_missing_column_is_a_failure_naming_the_file(validation: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "part.parquet"
    pq.write_table(pa.table({"provider": ["AWS"]}), path)
    result = validation.validate_files(validation.GOLD_SCHEMAS["period_summary"], [str(path)])
    assert result.failures == [f"{path}: missing columns amortized_cost, line_item_count, net_unblended_cost, "
                               "public_cost, unblended_cost"]


def test_paths_are_not_globs(validation: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "lake[1]"
    folder.mkdir()
    path = period_summary_file(folder / "part-*.parquet", ["AWS"] * 3)
    assert validation.validate_files(validation.GOLD_SCHEMAS["period_summary"], [path]).rows == 3


def silver_file(path: Path, costs: list[Decimal | None]) -> str:
    from datetime import UTC, date, datetime

    rows = len(costs)
    starts = [datetime(2023, 11, 1, hour, tzinfo=UTC) for hour in range(rows)]
    table = pa.table({
        "provider": ["AWS"] * rows,
        "source_format": ["legacy_cur_csv"] * rows,
        "charge_category": ["Usage"] * rows,
        "line_item_id": [f"id-{i}" for i in range(rows)],
        "usage_start": pa.array(starts, pa.timestamp("us", tz="UTC")),
        "usage_date": pa.array([date(2023, 11, 1)] * rows, pa.date32()),
        "usage_amount": pa.array([1.0] * rows),
        "unblended_cost": pa.array(costs, MONEY),
        **{c: pa.array([Decimal(1)] * rows, MONEY) for c in ("net_unblended_cost", "amortized_cost", "public_cost")},
        "source_file": ["cur.csv"] * rows,
        "delivery_id": ["d"] * rows,
    })
    pq.write_table(table, path)
    return str(path)


def test_a_failure_names_how_many_rows_which_and_their_values(validation: ModuleType, tmp_path: Path) -> None:
    """Silver rows are named by their source file, line item id and hour (the raw line is not in silver)."""
    costs: list[Decimal | None] = [Decimal(1), None, Decimal(2), None, None, None, Decimal(3)]
    path = silver_file(tmp_path / "part.parquet", costs)
    result = validation.validate_files(validation.SILVER_SCHEMA, [path])
    assert result.failures == [
        f"unblended_cost: not_nullable failed on 4 rows of {path}: "
        "None in row 1 (source_file 'cur.csv', line_item_id 'id-1', usage_start 2023-11-01 01:00:00+00:00); "
        "None in row 3 (source_file 'cur.csv', line_item_id 'id-3', usage_start 2023-11-01 03:00:00+00:00); "
        "None in row 4 (source_file 'cur.csv', line_item_id 'id-4', usage_start 2023-11-01 04:00:00+00:00)"
    ]
