import os
from pathlib import Path

from sentinel_etl.lake import LocalLake


def _write_version(lake: LocalLake, content: str) -> str:
    version = lake.new_version("silver", "line_items", "2023-11")
    os.makedirs(version)
    Path(version, "part-00000.parquet").write_text(content)
    return version


def test_publish_swaps_partition_atomically_and_keeps_one_predecessor(tmp_path: Path) -> None:
    lake = LocalLake(str(tmp_path))
    first = _write_version(lake, "v1")
    lake.publish("silver", "line_items", "2023-11", first)
    partition = Path(lake.partition_path("silver", "line_items", "2023-11"))
    assert (partition / "part-00000.parquet").read_text() == "v1"
    second = _write_version(lake, "v2")
    lake.publish("silver", "line_items", "2023-11", second)
    assert (partition / "part-00000.parquet").read_text() == "v2"
    third = _write_version(lake, "v3")
    lake.publish("silver", "line_items", "2023-11", third)
    assert not os.path.exists(first)  # pruned
    assert os.path.exists(second)  # kept for readers still scanning it
    assert lake.periods("silver", "line_items") == ["2023-11"]
    assert not [n for n in os.listdir(partition.parent) if ".swap-" in n]


def test_discarded_version_leaves_published_partition(tmp_path: Path) -> None:
    lake = LocalLake(str(tmp_path))
    good = _write_version(lake, "good")
    lake.publish("silver", "line_items", "2023-11", good)
    failed = _write_version(lake, "half-written")
    lake.discard(failed)
    partition = Path(lake.partition_path("silver", "line_items", "2023-11"))
    assert (partition / "part-00000.parquet").read_text() == "good"
