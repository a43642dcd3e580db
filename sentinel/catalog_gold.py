"""gold in the local catalog: DuckDB tables kept in step with the lake one billing period at a time.

Each table is stored as gold_copy.<table>, and gold.<table> is a view of it with the lake's column types.
Money columns whose every value fits 18 digits are stored as DECIMAL(18, s) (64-bit) instead of
DECIMAL(38, s): scanning and summing them takes about a third less CPU, and the view casts them back, so
sums stay exact and ad-hoc arithmetic on them has the lake's headroom.

A refresh starts from a copy of the previous catalog file, so a run that publishes one period rewrites only
that period's rows: the daily run does not grow with history. Each period's rows are recorded with the
version folder they came from (a partition is a link to an immutable version); a period whose link points
elsewhere is deleted and inserted again, in the table's sort order. The table is rebuilt from the lake
instead when that is cheaper or safer: no usable copy, columns or types that changed, a value that no
longer fits a narrowed money column, or deleted rows that would outnumber half the live ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

import duckdb

from sentinel.published import parquet_list

STORE_SCHEMA = "gold_copy"
STATE_SCHEMA = "catalog_state"
PARTITIONS = f"{STATE_SCHEMA}.gold_partitions"  # table_name, billing_period, version, line count
DEAD_ROWS = f"{STATE_SCHEMA}.gold_dead_rows"  # table_name, rows deleted since the table was built
# How the catalog reads a lake table's Parquet: the partition from the folder name, columns matched by name.
LAKE_PARQUET = "hive_partitioning = true, hive_types = {'billing_period': VARCHAR}, union_by_name = true"
# Each gold table and the order its copy is stored in (the filters every API query has come first).
GOLD_TABLES = {
    "cost_daily": "billing_period, usage_date",
    "cost_monthly": "billing_period",
    "cost_by_tag_daily": "billing_period, tag_key, usage_date",
    "period_summary": "billing_period",
    "cost_anomalies": "billing_period, usage_date",
}
# A table is rebuilt rather than patched once its deleted rows would exceed this share of its live rows.
MAX_DEAD_SHARE = 0.5


def sync_gold(connection: duckdb.DuckDBPyConnection, partitions: dict[str, str], table: str, order: str) -> bool:
    """Bring gold.<table> in line with the published partitions (period -> version folder); False (and no
    table) when there is none."""
    _ensure_state(connection)
    if not partitions:
        _drop(connection, table)
        return False
    if _is_stored(connection, table) and _patch(connection, table, order, partitions):
        return True
    _rebuild(connection, table, order, partitions)
    return True


def _source(partitions: dict[str, str], periods: Sequence[str]) -> str:
    """The Parquet of these periods, read from the version folders recorded for them (a partition published
    meanwhile is picked up by the next refresh, not recorded under the wrong version)."""
    return f"SELECT * FROM read_parquet({parquet_list(partitions, list(periods))}, {LAKE_PARQUET})"


def _types(connection: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    return {str(name): str(kind) for name, kind, *_ in connection.execute(f"DESCRIBE {relation}").fetchall()}


def _patch(connection: duckdb.DuckDBPyConnection, table: str, order: str, partitions: dict[str, str]) -> bool:
    recorded = {
        period: (version, rows)
        for period, version, rows in connection.execute(
            f"SELECT billing_period, version, line_count FROM {PARTITIONS} WHERE table_name = ?", [table]
        ).fetchall()
    }
    if not recorded:
        return False
    stale = sorted(p for p in recorded if partitions.get(p) != recorded[p][0])
    fresh = sorted(p for p in partitions if recorded.get(p, ("", 0))[0] != partitions[p])
    if not stale and not fresh:
        return True
    dead = _dead_rows(connection, table) + sum(recorded[p][1] for p in stale)
    live = sum(rows for p, (_, rows) in recorded.items() if p not in stale)
    if dead > MAX_DEAD_SHARE * max(live, 1):
        return False
    if fresh:
        incoming, shown = _types(connection, _source(partitions, fresh)), _types(connection, f"gold.{table}")
        if any(shown.get(name) != kind for name, kind in incoming.items()):
            return False  # a column added or retyped in the lake: the copy is rebuilt with the new schema
    connection.execute("BEGIN TRANSACTION")
    try:
        if stale:
            marks = ", ".join("?" * len(stale))
            connection.execute(f"DELETE FROM {STORE_SCHEMA}.{table} WHERE billing_period IN ({marks})", stale)
            connection.execute(
                f"DELETE FROM {PARTITIONS} WHERE table_name = ? AND billing_period IN ({marks})", [table, *stale]
            )
        if fresh:
            # A value too large for a narrowed money column fails here and falls back to a rebuild.
            connection.execute(
                f"INSERT INTO {STORE_SCHEMA}.{table} BY NAME SELECT * FROM ({_source(partitions, fresh)}) "
                f"ORDER BY {order}"
            )
            _record(connection, table, partitions, fresh)
        connection.execute(f"DELETE FROM {DEAD_ROWS} WHERE table_name = ?", [table])
        connection.execute(f"INSERT INTO {DEAD_ROWS} VALUES (?, ?)", [table, dead])
        connection.execute("COMMIT")
    except duckdb.Error:
        connection.execute("ROLLBACK")
        return False
    return True


def _rebuild(connection: duckdb.DuckDBPyConnection, table: str, order: str, partitions: dict[str, str]) -> None:
    """The stored table from every partition, sorted, with money narrowed where it fits; and its view."""
    _drop(connection, table)
    source = _source(partitions, sorted(partitions))
    wide = [(name, int(m.group(1))) for name, kind in _types(connection, source).items()
            if (m := re.fullmatch(r"DECIMAL\(38,(\d+)\)", kind)) and int(m.group(1)) < 18]
    narrowed: list[tuple[str, int]] = []
    if wide:
        row = connection.execute(
            f"SELECT [{', '.join(f'max(abs({_quoted(name)}))' for name, _ in wide)}] FROM ({source})"
        ).fetchone()
        largest = row[0] if row else [None] * len(wide)
        narrowed = [(name, scale) for (name, scale), value in zip(wide, largest, strict=True)
                    if value is None or value < Decimal(10) ** (18 - scale)]
    stored = _replace([(name, f"DECIMAL(18, {scale})") for name, scale in narrowed])
    connection.execute(f"CREATE TABLE {STORE_SCHEMA}.{table} AS SELECT *{stored} FROM ({source}) ORDER BY {order}")
    shown = _replace([(name, f"DECIMAL(38, {scale})") for name, scale in narrowed])
    connection.execute(f"CREATE VIEW gold.{table} AS SELECT *{shown} FROM {STORE_SCHEMA}.{table}")
    _record(connection, table, partitions, sorted(partitions))


def _replace(casts: Sequence[tuple[str, str]]) -> str:
    if not casts:
        return ""
    return " REPLACE (" + ", ".join(f"CAST({_quoted(n)} AS {kind}) AS {_quoted(n)}" for n, kind in casts) + ")"


def _record(connection: duckdb.DuckDBPyConnection, table: str, partitions: dict[str, str],
            periods: Sequence[str]) -> None:
    marks = ", ".join("?" * len(periods))
    counts = dict(connection.execute(
        f"SELECT billing_period, count(*) FROM {STORE_SCHEMA}.{table} WHERE billing_period IN ({marks}) GROUP BY 1",
        list(periods),
    ).fetchall())
    connection.executemany(
        f"INSERT INTO {PARTITIONS} VALUES (?, ?, ?, ?)",
        [[table, p, partitions[p], int(counts.get(p, 0))] for p in periods],
    )


def _dead_rows(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    row = connection.execute(f"SELECT rows FROM {DEAD_ROWS} WHERE table_name = ?", [table]).fetchone()
    return int(row[0]) if row else 0


def _ensure_state(connection: duckdb.DuckDBPyConnection) -> None:
    for schema in (STORE_SCHEMA, STATE_SCHEMA):
        connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    connection.execute(
        f"CREATE TABLE IF NOT EXISTS {PARTITIONS} "
        "(table_name VARCHAR, billing_period VARCHAR, version VARCHAR, line_count BIGINT)"
    )
    connection.execute(f"CREATE TABLE IF NOT EXISTS {DEAD_ROWS} (table_name VARCHAR, rows BIGINT)")


def _is_stored(connection: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Both the stored table and its view are there (a catalog written before gold was copied has neither)."""
    found = connection.execute(
        "SELECT (SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?) "
        "+ (SELECT count(*) FROM duckdb_views() WHERE schema_name = 'gold' AND view_name = ?)",
        [STORE_SCHEMA, table, table],
    ).fetchone()
    return found is not None and found[0] == 2


def _drop(connection: duckdb.DuckDBPyConnection, table: str) -> None:
    """Remove gold.<table> (a view, or a table or view from an older catalog), its stored copy and state."""
    kinds = connection.execute(
        "SELECT 'TABLE' FROM duckdb_tables() WHERE schema_name = 'gold' AND table_name = ? "
        "UNION ALL SELECT 'VIEW' FROM duckdb_views() WHERE schema_name = 'gold' AND view_name = ?",
        [table, table],
    ).fetchall()
    for (kind,) in kinds:
        connection.execute(f"DROP {kind} gold.{table}")
    connection.execute(f"DROP TABLE IF EXISTS {STORE_SCHEMA}.{table}")
    connection.execute(f"DELETE FROM {PARTITIONS} WHERE table_name = ?", [table])
    connection.execute(f"DELETE FROM {DEAD_ROWS} WHERE table_name = ?", [table])


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
