"""The catalog pins silver and gold to each period's release when it was refreshed, and a link being
swapped is never a partition to any reader."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
from sentinel_etl.lake import LocalLake

from sentinel.catalog import connect_read_only, refresh_catalog
from sentinel.published import published_releases, versions_of


def _publish(lake: LocalLake, period: str, rows: int) -> str:
    version = lake.new_version("silver", "line_items", period)
    os.makedirs(version)
    duckdb.execute(f"COPY (SELECT '{period}' AS billing_period, range AS n FROM range({rows})) "
                   f"TO '{version}/part-00000.parquet' (FORMAT parquet)")
    lake.publish(period, {("silver", "line_items"): version})
    return version


def test_silver_readers_keep_their_version_until_the_next_refresh(tmp_path: Path) -> None:
    lake = LocalLake(str(tmp_path / "lake"))
    catalog = tmp_path / "catalog.duckdb"
    first = _publish(lake, "2024-09", 3)
    refresh_catalog(tmp_path / "lake", catalog)
    second = _publish(lake, "2024-09", 5)  # re-materialized: the lake moves on
    with connect_read_only(catalog) as connection:
        assert connection.execute("SELECT count(*) FROM silver.line_items").fetchone() == (3,)
    releases = published_releases(tmp_path / "lake")
    assert versions_of(releases, "silver", "line_items") == {"2024-09": os.path.realpath(second)}
    refresh_catalog(tmp_path / "lake", catalog)
    with connect_read_only(catalog) as connection:
        assert connection.execute("SELECT count(*) FROM silver.line_items").fetchone() == (5,)
    assert first != second


def test_a_link_being_swapped_in_is_hidden_from_partition_globs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    lake = LocalLake(str(tmp_path / "lake"))
    seen: list[str] = []
    real_replace = os.replace

    def watching(source: str, target: str) -> None:  # the moment both the link and its successor exist
        seen.extend(os.listdir(os.path.dirname(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", watching)
    _publish(lake, "2024-09", 1)
    _publish(lake, "2024-09", 2)
    assert seen and all(name in ("billing_period=2024-09", "silver.line_items") or name.startswith(".") for name in seen)
    assert lake.periods("silver", "line_items") == ["2024-09"]
