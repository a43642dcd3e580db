"""DuckDB over the local catalog file, read-only.

The pipeline replaces catalog.duckdb atomically (write a new file, rename), so the engine keeps one
database per file identity and reopens when the inode or mtime changes; a request in flight keeps the old
file open and finishes on it. The catalog is ATTACHed (read-only) to a fresh in-memory database rather than
opened with duckdb.connect(path): DuckDB caches databases by path, and while any connection to the old file
lives, connect(path) would hand back the old catalog. Each thread queries through its own cursor (a child
connection), which makes concurrent requests safe without a lock around the database.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from sentinel.engines.base import CatalogUnavailable, Query, QueryEngine, QueryFailed, Result

ALIAS = "catalog"


@dataclass(frozen=True, eq=False)
class _Open:
    identity: tuple[int, int, int]
    connection: duckdb.DuckDBPyConnection
    tables: frozenset[str]

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = self.connection.cursor()
        cursor.execute(f"USE {ALIAS}")  # the default database is per connection
        return cursor


class DuckDBEngine(QueryEngine):
    name = "duckdb"
    dialect = "duckdb"

    def __init__(self, catalog_path: Path, *, threads: int | None = None, memory_limit: str | None = None):
        self.catalog_path = catalog_path
        self._config: dict[str, str | bool | int | float | list[str]] = {}
        if threads:
            self._config["threads"] = threads
        if memory_limit:
            self._config["memory_limit"] = memory_limit
        self._lock = threading.Lock()
        self._open: _Open | None = None
        self._local = threading.local()

    def _identity(self) -> tuple[int, int, int]:
        try:
            st = os.stat(self.catalog_path)
        except FileNotFoundError:
            raise CatalogUnavailable("no local catalog yet: run `sentinel run --source <export>` first") from None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _current(self) -> _Open:
        identity = self._identity()
        current = self._open
        if current is not None and current.identity == identity:
            return current
        with self._lock:
            current = self._open
            if current is None or current.identity != identity:
                current = self._connect(identity)
                self._open = current  # the old connection closes when its last cursor is gone
        return current

    def _connect(self, identity: tuple[int, int, int]) -> _Open:
        path = str(self.catalog_path).replace("'", "''")
        connection = duckdb.connect(":memory:", config=self._config)
        try:
            connection.execute(f"ATTACH '{path}' AS {ALIAS} (READ_ONLY)")
            # Timestamps come back in UTC whatever the machine's zone; cursors inherit global settings.
            connection.execute("SET GLOBAL TimeZone = 'UTC'")
            names = connection.execute(
                f"SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE database_name = '{ALIAS}' "
                "UNION ALL SELECT schema_name || '.' || view_name FROM duckdb_views() "
                f"WHERE database_name = '{ALIAS}' AND NOT internal"
            ).fetchall()
        except duckdb.Error as error:
            connection.close()
            raise CatalogUnavailable(f"the local catalog cannot be opened: {type(error).__name__}") from None
        return _Open(identity, connection, frozenset(name for (name,) in names))

    def _thread_cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the current catalog (made once per thread and catalog version)."""
        current = self._current()
        local = self._local
        if getattr(local, "open", None) is not current:
            local.cursor, local.open = current.cursor(), current
        cursor: duckdb.DuckDBPyConnection = local.cursor
        return cursor

    def execute(self, query: Query) -> Result:
        sql = self.compile(query.sql)
        cursor = self._thread_cursor()
        try:
            cursor.execute(sql, list(query.params))
            columns = [d[0] for d in cursor.description or []]
            return Result(columns, cursor.fetchall())
        except duckdb.Error as error:
            raise QueryFailed(f"query {query.name} failed: {type(error).__name__}") from error

    def stream(self, query: Query, batch_rows: int) -> Iterator[pa.RecordBatch]:
        sql = self.compile(query.sql)
        # Its own cursor: the batches are pulled from other threads while this thread serves other requests.
        cursor = self._current().cursor()
        try:
            try:
                reader = cursor.execute(sql, list(query.params)).to_arrow_reader(batch_rows)
            except duckdb.Error as error:
                raise QueryFailed(f"query {query.name} failed: {type(error).__name__}") from error
            yield from reader
        finally:
            cursor.close()

    def version(self) -> str:
        return "duckdb:{}:{}:{}".format(*self._identity())

    def has_table(self, name: str) -> bool:
        return name in self._current().tables

    def close(self) -> None:
        with self._lock:
            if self._open is not None:
                self._open.connection.close()
                self._open = None
