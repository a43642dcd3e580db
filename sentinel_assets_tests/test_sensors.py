"""The delivery sensor on real legacy CUR layouts (manifest + assembly folders) in a local store."""

from __future__ import annotations

import shutil
from pathlib import Path

from dagster import DagsterInstance, SensorResult, SkipReason, build_sensor_context

from sentinel_assets.local import LocalDeliveryStore
from sentinel_assets.sensors import new_deliveries
from sentinel_assets_tests.conftest import Built
from sentinel_assets_tests.exports import SAMPLES, gzip_csv, legacy_rows, write_legacy_delivery

T0 = 1_700_000_000.0


def tick(store: Path, cursor: str | None, instance: DagsterInstance | None = None) -> SensorResult | SkipReason:
    context = build_sensor_context(cursor=cursor, instance=instance or DagsterInstance.ephemeral(),
                                   resources={"delivery_store": LocalDeliveryStore(root=str(store))})
    result = new_deliveries(context)
    assert isinstance(result, SensorResult | SkipReason)
    return result


def requests(result: SensorResult | SkipReason) -> list[tuple[str | None, str | None]]:
    return [(r.partition_key, r.run_key) for r in result.run_requests or []] if isinstance(result, SensorResult) else []


def test_a_delivery_is_requested_once_and_a_restatement_again(tmp_path: Path) -> None:
    write_legacy_delivery(tmp_path, "assembly-1", gzip_csv(legacy_rows(limit=50)), delivered_at=T0)
    first = tick(tmp_path, None)
    assert requests(first) == [("2023-11", "2023-11:sentinel-cur=assembly-1")]
    assert isinstance(first, SensorResult) and first.cursor

    again = tick(tmp_path, first.cursor)  # the same manifest: nothing to do
    assert requests(again) == []

    # AWS restates the month: a new assembly and the top-level manifest now names it
    write_legacy_delivery(tmp_path, "assembly-2", gzip_csv(legacy_rows(limit=40)), delivered_at=T0 + 3600)
    restated = tick(tmp_path, first.cursor)
    assert requests(restated) == [("2023-11", "2023-11:sentinel-cur=assembly-2")]
    assert isinstance(restated, SensorResult)
    assert requests(tick(tmp_path, restated.cursor)) == []


def test_only_the_affected_periods_are_requested(tmp_path: Path) -> None:
    write_legacy_delivery(tmp_path, "nov-1", gzip_csv(legacy_rows(limit=20)), delivered_at=T0)
    first = tick(tmp_path, None)
    assert isinstance(first, SensorResult)
    shutil.copy2(SAMPLES / "focus-1.0-sample.csv", tmp_path / "focus.csv")  # a bare export: 2024-09 and 2024-10
    second = tick(tmp_path, first.cursor)
    assert [p for p, _ in requests(second)] == ["2024-09", "2024-10"]


def test_an_unchanged_store_costs_no_discovery(tmp_path: Path) -> None:
    write_legacy_delivery(tmp_path, "a", gzip_csv(legacy_rows(limit=5)), delivered_at=T0)
    first = tick(tmp_path, None)
    assert isinstance(first, SensorResult)
    skipped = tick(tmp_path, first.cursor)
    assert isinstance(skipped, SkipReason) and "not changed" in (skipped.skip_message or "")


def test_an_empty_or_missing_store(tmp_path: Path) -> None:
    assert requests(tick(tmp_path / "missing", None)) == []


def test_the_first_tick_after_sentinel_run_requests_nothing_it_built(samples_built: Built, tmp_path: Path) -> None:
    """`sentinel dev` right after `make demo` or `sentinel run`: no cursor yet, but every delivery is built."""
    source = Path(samples_built.settings.source or "")
    first = tick(source, None, samples_built.instance)
    assert requests(first) == []
    assert isinstance(first, SensorResult) and first.cursor  # and the cursor now knows them
    # a store with one more delivery (a copy of the samples plus a new legacy month) asks for that one only
    store = tmp_path / "store"
    shutil.copytree(source, store)
    write_legacy_delivery(store / "legacy", "assembly-9", gzip_csv(legacy_rows(limit=20)), delivered_at=T0)
    assert [period for period, _ in requests(tick(store, None, samples_built.instance))] == ["2023-11"]
