"""The local lake: versions, staging, and releases that publish a period's tables in one step."""

import os
from pathlib import Path

from sentinel_etl.lake import LocalLake

PERIOD = "2023-11"


def _write_version(lake: LocalLake, content: str, layer: str = "silver", table: str = "line_items") -> str:
    version = lake.new_version(layer, table, PERIOD)
    os.makedirs(version)
    Path(version, "part-00000.parquet").write_text(content)
    return version


def _read(lake: LocalLake, layer: str, table: str) -> str:
    return (Path(lake.partition_path(layer, table, PERIOD)) / "part-00000.parquet").read_text()


def test_publish_swaps_the_release_atomically_and_keeps_one_predecessor(tmp_path: Path) -> None:
    lake = LocalLake(str(tmp_path))
    first = _write_version(lake, "v1")
    lake.publish(PERIOD, {("silver", "line_items"): first})
    partition = Path(lake.partition_path("silver", "line_items", PERIOD))
    fixed = os.readlink(partition)
    assert _read(lake, "silver", "line_items") == "v1"
    second = _write_version(lake, "v2")
    lake.publish(PERIOD, {("silver", "line_items"): second})
    assert _read(lake, "silver", "line_items") == "v2"
    third = _write_version(lake, "v3")
    lake.publish(PERIOD, {("silver", "line_items"): third})
    assert os.readlink(partition) == fixed  # the partition link never moves: the release does
    assert not os.path.exists(first)  # pruned
    assert os.path.exists(second)  # kept for readers still scanning it
    assert lake.periods("silver", "line_items") == [PERIOD]
    for folder in (partition.parent, tmp_path / "_current"):
        assert not [n for n in os.listdir(folder) if ".swap-" in n]


def test_a_staged_version_is_unseen_until_it_is_published_with_gold(tmp_path: Path) -> None:
    lake = LocalLake(str(tmp_path))
    lake.publish(PERIOD, {("silver", "line_items"): _write_version(lake, "s1"),
                          ("gold", "cost_daily"): _write_version(lake, "g1", "gold", "cost_daily")})
    staged = _write_version(lake, "s2")
    lake.stage("silver", "line_items", PERIOD, staged)
    assert lake.staged("silver", "line_items", PERIOD) == os.path.realpath(staged)
    assert (_read(lake, "silver", "line_items"), _read(lake, "gold", "cost_daily")) == ("s1", "g1")
    release = lake.release(PERIOD)
    lake.publish(PERIOD, {("silver", "line_items"): staged,
                          ("gold", "cost_daily"): _write_version(lake, "g2", "gold", "cost_daily")})
    assert (_read(lake, "silver", "line_items"), _read(lake, "gold", "cost_daily")) == ("s2", "g2")
    assert lake.staged("silver", "line_items", PERIOD) is None
    assert set(lake.release(PERIOD)) == set(release) == {"silver.line_items", "gold.cost_daily"}
    # A release published for gold alone keeps the period's silver as it is.
    lake.publish(PERIOD, {("gold", "cost_daily"): _write_version(lake, "g3", "gold", "cost_daily")})
    assert (_read(lake, "silver", "line_items"), _read(lake, "gold", "cost_daily")) == ("s2", "g3")


def test_discarded_version_leaves_the_published_release(tmp_path: Path) -> None:
    lake = LocalLake(str(tmp_path))
    good = _write_version(lake, "good")
    lake.publish(PERIOD, {("silver", "line_items"): good})
    failed = _write_version(lake, "half-written")
    lake.discard(failed)
    assert _read(lake, "silver", "line_items") == "good"


def test_a_pinned_version_outlives_the_releases_that_held_it(tmp_path: Path) -> None:
    lake = LocalLake(str(tmp_path))
    held = _write_version(lake, "held by a reader")
    lake.publish(PERIOD, {("silver", "line_items"): held})
    lake.pin({"catalog": [held]})
    assert lake.pins() == {"catalog": [os.path.realpath(held)]}
    for content in ("v2", "v3", "v4"):
        lake.publish(PERIOD, {("silver", "line_items"): _write_version(lake, content)})
    assert Path(held, "part-00000.parquet").read_text() == "held by a reader"
    lake.pin({"catalog": []})
    lake.publish(PERIOD, {("silver", "line_items"): _write_version(lake, "v5")})
    assert not os.path.exists(held)
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".")]  # no temporary left behind
