"""Engine.write_parquet_all on DuckDB: every frame lands in its own folder; a failing one is reported
only after the others finished, so nothing is left half-written by a write still running."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sentinel_etl.engine import Engine


def test_every_frame_is_written_to_its_folder(engine: Engine, tmp_path: Path) -> None:
    source = engine.session.createDataFrame([(1, "a"), (2, "b"), (3, "a")], ["n", "k"])
    frames = {
        str(tmp_path / "all"): source,
        str(tmp_path / "grouped"): source.groupBy("k").count(),
        str(tmp_path / "filtered"): source.where(source.n > 1),
    }
    engine.write_parquet_all(iter(frames.items()))
    assert pq.read_table(tmp_path / "all").num_rows == 3
    assert pq.read_table(tmp_path / "all").column_names == ["n", "k"]
    assert sorted(pq.read_table(tmp_path / "grouped").to_pylist(), key=lambda r: r["k"]) == [
        {"k": "a", "count": 2}, {"k": "b", "count": 1}]
    assert pq.read_table(tmp_path / "filtered").column("n").to_pylist() == [2, 3]


def test_a_failing_write_is_raised_after_the_others_finish(engine: Engine, tmp_path: Path) -> None:
    good = engine.session.createDataFrame([(1,)], ["n"])
    vanished = tmp_path / "vanished.parquet"
    engine.duckdb_connection.execute(f"COPY (SELECT 1 AS n) TO '{vanished}' (FORMAT parquet)")
    failing = engine.read_parquet(str(vanished))
    vanished.unlink()  # the frame was planned against a file that is gone when it is written
    with pytest.raises(Exception, match="vanished"):
        engine.write_parquet_all([(str(tmp_path / "bad"), failing), (str(tmp_path / "good"), good)])
    assert pq.read_table(tmp_path / "good").num_rows == 1


def test_excluded_columns_are_left_out_of_every_file(engine: Engine, tmp_path: Path) -> None:
    source = engine.session.createDataFrame([(1, "a", "2024-01")], ["n", "k", "billing_period"])
    engine.write_parquet_all([(str(tmp_path / "one"), source), (str(tmp_path / "two"), source.select("k", "billing_period"))],
                             exclude=["billing_period"])
    assert pq.read_table(tmp_path / "one").column_names == ["n", "k"]
    assert pq.read_table(tmp_path / "two").column_names == ["k"]
