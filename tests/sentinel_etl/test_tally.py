"""The totals DuckDB takes while it writes silver: every row counted once, exact sums, bad-value bits."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from sentinel_etl.tally import Tallier, Tally

TALLY = Tally(keys=("file", "period"), sums=("cost",), mask="bad", bits=("bad_0", "bad_1", "bad_2"))


def write_tallied(connection: duckdb.DuckDBPyConnection, rows: str, target: Path) -> list[dict[str, object]]:
    tallier = Tallier(TALLY)
    tallier.register(connection, "tally_under_test", "2024-01")
    connection.execute(
        f"COPY (SELECT file, period, cost FROM ({rows}) AS r WHERE tally_under_test(period, file, period, cost, bad)) "
        f"TO '{target}' (FORMAT parquet)"
    )
    return sorted(tallier.rows(), key=lambda r: (str(r["file"]), str(r["period"])))


def test_every_row_is_counted_once_with_exact_sums_and_nulls(tmp_path: Path) -> None:
    connection = duckdb.connect(config={"threads": 2})
    # 300k rows over several vectors and both threads; NULL costs and a NULL period must still be counted
    # (DuckDB skips a function call for NULL arguments unless told otherwise).
    rows = (
        "SELECT (i % 2)::INT AS file, CASE WHEN i % 1000 = 0 THEN NULL WHEN i % 7 = 0 THEN '2023-12' "
        "ELSE '2024-01' END AS period, CASE WHEN i % 5 = 0 THEN NULL ELSE (i / 100)::DECIMAL(38,10) END AS cost, "
        "0 AS bad FROM range(300000) t(i)"
    )
    totals = write_tallied(connection, rows, tmp_path / "out.parquet")
    expected = connection.execute(
        f"SELECT file, period, count(*), coalesce(sum(cost), 0) FROM ({rows}) GROUP BY ALL ORDER BY file, period"
    ).fetchall()
    got = [(t["file"], t["period"], t["rows"], Decimal(str(t["cost"] or 0))) for t in totals]
    assert sorted(got, key=lambda r: (r[0], str(r[1]))) == sorted(expected, key=lambda r: (r[0], str(r[1])))
    assert sum(t["rows"] for t in totals) == 300000  # type: ignore[misc]
    written = pq.read_table(tmp_path / "out.parquet").num_rows
    assert written == sum(int(r[2]) for r in expected if r[1] == "2024-01")


def test_bad_value_bits_are_counted_per_group(tmp_path: Path) -> None:
    connection = duckdb.connect()
    rows = (
        "SELECT 0 AS file, '2024-01' AS period, 1.5::DECIMAL(38,10) AS cost, "
        "CASE WHEN i = 10 THEN 1 WHEN i = 20 THEN 5 WHEN i = 30 THEN 4 ELSE 0 END AS bad FROM range(5000) t(i)"
    )
    (total,) = write_tallied(connection, rows, tmp_path / "out.parquet")
    assert (total["bad_0"], total["bad_1"], total["bad_2"]) == (2, 0, 2)  # bits 0 and 2
    assert total["rows"] == 5000 and total["cost"] == Decimal("7500")


def test_bad_value_bits_in_vectors_that_mix_files(tmp_path: Path) -> None:
    connection = duckdb.connect()
    rows = (
        "SELECT (i % 2)::INT AS file, '2024-01' AS period, 1::DECIMAL(38,10) AS cost, "
        "CASE WHEN i IN (11, 13) THEN 2 WHEN i = 40 THEN 3 ELSE 0 END AS bad FROM range(3000) t(i)"
    )
    by_file = {t["file"]: t for t in write_tallied(connection, rows, tmp_path / "out.parquet")}
    assert (by_file[1]["bad_0"], by_file[1]["bad_1"], by_file[1]["rows"]) == (0, 2, 1500)  # rows 11 and 13
    assert (by_file[0]["bad_0"], by_file[0]["bad_1"], by_file[0]["rows"]) == (1, 1, 1500)  # row 40: bits 0 and 1
