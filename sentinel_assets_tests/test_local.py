from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

from sentinel.settings import Settings
from sentinel_assets.local import (
    DuckDBLakeTotals,
    LocalDeliveryStore,
    LocalLake,
    PipesSubprocessJobRunner,
)
from sentinel_assets.resources import build_resources
from sentinel_assets_tests.exports import SAMPLES


def test_build_resources_local(tmp_path: Path) -> None:
    resources = build_resources(Settings(home=tmp_path), source=SAMPLES, engine="spark")
    assert resources["delivery_store"].root == str(SAMPLES)
    assert resources["lake"].root == str(tmp_path / "lake")
    runner = resources["job_runner"]
    assert isinstance(runner, PipesSubprocessJobRunner) and runner.engine == "spark"
    assert resources["crawler"].catalog_path == str(tmp_path / "catalog.duckdb")


def test_store_fingerprint_changes_with_the_store(tmp_path: Path) -> None:
    store = LocalDeliveryStore(root=str(tmp_path))
    empty = store.fingerprint()
    shutil.copy2(SAMPLES / "focus-1.0-sample.csv", tmp_path / "focus.csv")
    one = store.fingerprint()
    assert one != empty and store.fingerprint() == one
    os.utime(tmp_path / "focus.csv", (1, 1))
    assert store.fingerprint() != one


def test_store_lands_a_period_once_into_the_lake(tmp_path: Path) -> None:
    store = LocalDeliveryStore(root=str(SAMPLES))
    assert sorted({r.billing_period for r in store.current()}) == ["2018-11", "2023-11", "2024-09", "2024-10"]
    lake = LocalLake(root=str(tmp_path / "lake"))
    (first,) = store.land("2024-10", lake)
    (again,) = store.land("2024-10", lake)
    assert first.created and not again.created and first.folder == again.folder
    assert [r.delivery_id for r in lake.newest("2024-10")] == [first.record.delivery_id]
    assert lake.periods() == ["2024-10"]


def test_raw_totals_read_the_export_s_own_columns(tmp_path: Path) -> None:
    lake = LocalLake(root=str(tmp_path / "lake"))
    (landed,) = LocalDeliveryStore(root=str(SAMPLES / "focus-1.0-sample.csv")).land("2024-10", lake)
    totals = DuckDBLakeTotals(lake_root=lake.root).raw_totals(lake, "2024-10", [landed.record.delivery_id])
    assert (totals.rows, totals.unblended) == (1, Decimal("0.24"))  # samples/README.md: Oracle 2024-10
