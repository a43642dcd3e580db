"""gold in the local catalog follows the lake period by period: restated, new and removed periods, values
that outgrow a narrowed money column, and catalogs written before gold was copied."""

from __future__ import annotations

import fcntl
import threading
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from sentinel_etl.lake import LocalLake

from sentinel.catalog import refresh_catalog
from sentinel.catalog_gold import DEAD_ROWS

TABLE = "cost_monthly"


def publish(lake: Path, period: str, version: str, costs: list[str], kind: str = "DECIMAL(38, 10)") -> None:
    """A gold partition as the pipeline leaves it: an immutable version folder in the period's release."""
    folder = lake / "_versions" / "gold" / TABLE / f"billing_period={period}" / version
    folder.mkdir(parents=True)
    rows = " UNION ALL ".join(
        f"SELECT 'AWS' AS provider, 'svc{i}' AS service, CAST('{cost}' AS {kind}) AS unblended_cost, "
        "1 AS line_item_count" for i, cost in enumerate(costs)
    )
    duckdb.connect().execute(f"COPY ({rows}) TO '{folder / 'part-00000.parquet'}' (FORMAT parquet)")
    LocalLake(str(lake)).publish(period, {("gold", TABLE): str(folder)})


def read(catalog: Path, sql: str) -> list[tuple[object, ...]]:
    connection = duckdb.connect(str(catalog), read_only=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def totals(catalog: Path) -> dict[str, Decimal]:
    return dict(read(catalog, f"SELECT billing_period, sum(unblended_cost) FROM gold.{TABLE} GROUP BY 1"))  # type: ignore[arg-type]


@pytest.fixture()
def lake(tmp_path: Path) -> Path:
    lake = tmp_path / "lake"
    publish(lake, "2024-01", "v1", ["1.5", "2.25"])
    publish(lake, "2024-02", "v1", ["10"])
    publish(lake, "2024-03", "v1", ["100", "200", "300"])
    return lake


def test_a_restated_period_replaces_only_its_rows(lake: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.duckdb"
    refresh_catalog(lake, catalog)
    assert totals(catalog) == {"2024-01": Decimal("3.75"), "2024-02": Decimal("10"), "2024-03": Decimal("600")}
    publish(lake, "2024-02", "v2", ["11", "0.5"])
    publish(lake, "2024-04", "v1", ["7"])
    refresh_catalog(lake, catalog)
    assert totals(catalog) == {"2024-01": Decimal("3.75"), "2024-02": Decimal("11.5"), "2024-03": Decimal("600"),
                               "2024-04": Decimal("7")}
    # patched in place: the one row of 2024-02's old version is the only one deleted
    assert read(catalog, f"SELECT rows FROM {DEAD_ROWS} WHERE table_name = '{TABLE}'") == [(1,)]
    keys = read(catalog, f"SELECT billing_period FROM gold.{TABLE}")
    assert len(keys) == 8


def test_a_removed_period_and_a_removed_table_leave_the_catalog(lake: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.duckdb"
    refresh_catalog(lake, catalog)
    (lake / "_current" / "billing_period=2024-01").unlink()  # the period's release withdrawn
    refresh_catalog(lake, catalog)
    assert sorted(totals(catalog)) == ["2024-02", "2024-03"]
    for period in ("2024-02", "2024-03"):
        (lake / "_current" / f"billing_period={period}").unlink()
    assert refresh_catalog(lake, catalog)["gold"] == []
    assert read(catalog, f"SELECT count(*) FROM duckdb_tables() WHERE table_name = '{TABLE}'") == [(0,)]


def test_a_value_too_large_for_the_narrow_column_widens_it(lake: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.duckdb"
    refresh_catalog(lake, catalog)
    column = ("SELECT data_type FROM duckdb_columns() WHERE schema_name = 'gold_copy' "
              f"AND table_name = '{TABLE}' AND column_name = 'unblended_cost'")
    assert read(catalog, column) == [("DECIMAL(18,10)",)]
    publish(lake, "2024-03", "v2", ["123456789.0000000001", "1"])
    refresh_catalog(lake, catalog)
    assert read(catalog, column) == [("DECIMAL(38,10)",)]
    assert totals(catalog)["2024-03"] == Decimal("123456790.0000000001")
    assert totals(catalog)["2024-01"] == Decimal("3.75")


def test_many_restatements_rebuild_the_table(lake: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.duckdb"
    refresh_catalog(lake, catalog)
    dead = f"SELECT rows FROM {DEAD_ROWS} WHERE table_name = '{TABLE}'"
    publish(lake, "2024-02", "v2", ["12"])
    refresh_catalog(lake, catalog)
    assert read(catalog, dead) == [(1,)]
    publish(lake, "2024-03", "v2", ["1", "2", "3"])  # 1 + 3 deleted rows > half of the 3 live ones
    refresh_catalog(lake, catalog)
    assert read(catalog, dead) == []  # rebuilt: no deleted rows left behind
    assert totals(catalog) == {"2024-01": Decimal("3.75"), "2024-02": Decimal("12"), "2024-03": Decimal("6")}


def test_a_catalog_with_gold_views_is_converted(lake: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.duckdb"
    connection = duckdb.connect(str(catalog))
    connection.execute("CREATE SCHEMA gold")
    glob = lake / "gold" / TABLE / "billing_period=*" / "*.parquet"
    connection.execute(f"CREATE VIEW gold.{TABLE} AS SELECT * FROM read_parquet('{glob}', hive_partitioning = true)")
    connection.close()
    refresh_catalog(lake, catalog)
    assert read(catalog, f"SELECT count(*) FROM duckdb_tables() WHERE table_name = '{TABLE}'") == [(1,)]
    assert totals(catalog)["2024-03"] == Decimal("600")


def test_a_catalog_that_cannot_be_updated_is_rebuilt_from_the_lake(lake: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(b"not a database" * 1000)
    refresh_catalog(lake, damaged)
    assert totals(damaged)["2024-03"] == Decimal("600")

    other_shape = tmp_path / "other.duckdb"
    connection = duckdb.connect(str(other_shape))
    connection.execute("CREATE SCHEMA catalog_state")
    connection.execute("CREATE TABLE catalog_state.gold_partitions (name VARCHAR)")
    connection.close()
    refresh_catalog(lake, other_shape)
    assert totals(other_shape)["2024-01"] == Decimal("3.75")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left behind


def test_a_retyped_column_rebuilds_the_copy(lake: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.duckdb"
    refresh_catalog(lake, catalog)
    publish(lake, "2024-04", "v1", ["1.123456789012"], kind="DECIMAL(38, 12)")
    refresh_catalog(lake, catalog)
    assert read(catalog, f"SELECT rows FROM {DEAD_ROWS} WHERE table_name = '{TABLE}'") == []  # rebuilt
    # The same values as reading the lake's partitions together (DuckDB unifies on the first file's type).
    glob = lake / "gold" / TABLE / "billing_period=*" / "*.parquet"
    lake_totals = dict(duckdb.connect().execute(
        f"SELECT billing_period, sum(unblended_cost) FROM read_parquet('{glob}', hive_partitioning = true, "
        "union_by_name = true) GROUP BY 1").fetchall())
    assert totals(catalog) == lake_totals and len(lake_totals) == 4


def test_refreshes_take_turns(lake: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.duckdb"
    refresh_catalog(lake, catalog)
    done = threading.Event()
    with open(tmp_path / "catalog.duckdb.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another refresh is under way
        def refresh() -> None:
            refresh_catalog(lake, catalog)
            done.set()

        worker = threading.Thread(target=refresh)
        worker.start()
        assert not done.wait(0.5)
    worker.join(timeout=30)
    assert done.is_set()
