"""Athena through pyathena: the same Trino-dialect statements, tables renamed to the Glue catalog's
`<database>.<layer>_<table>` (what the crawlers create), values sent as execution parameters.

Athena's execution parameters are SQL literals parsed on their own (a string parameter must be quoted),
so each value is rendered as one typed literal with its quotes escaped; it travels in
`ExecutionParameters`, never inside `QueryString`. Query result reuse makes repeated dashboard
queries free for `athena_result_reuse_minutes`.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa

from sentinel.engines.base import (
    Param,
    Query,
    QueryEngine,
    QueryTimeout,
    Result,
    UpstreamError,
    rows_to_batch,
)

# Tables the Glue crawlers do not create: the local pipeline's delivery log, and silver rows located by
# DuckDB's file positions (Athena pages the audit log by its tiebreak tuple instead).
LOCAL_ONLY_TABLES = frozenset({"raw.deliveries", "silver.line_item_rows"})
ATHENA_PAGE_ROWS = 1000  # GetQueryResults' maximum page


def athena_literal(value: Param) -> str:
    """One parameter as an Athena literal."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("non-finite float parameter")
        return f"DOUBLE '{value!r}'"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("non-finite decimal parameter")
        return f"DECIMAL '{value:f}'"
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # Glue tables store UTC instants as timestamp without zone
            value = value.astimezone(UTC).replace(tzinfo=None)
        return f"TIMESTAMP '{value.isoformat(sep=' ', timespec='microseconds')}'"
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"unsupported parameter type {type(value).__name__}")


@dataclass(frozen=True)
class AthenaOptions:
    """Where and how statements run on Athena (the API's settings and the Dagster checks both make one)."""

    workgroup: str | None = None
    database: str = "sentinel"
    output: str | None = None  # the workgroup may enforce its own result location
    region: str | None = None
    endpoint_url: str | None = None  # tests point this at moto
    poll_interval: float = 0.2
    result_reuse_minutes: int = 0
    timeout_seconds: float = 25.0
    cache_seconds: int = 0  # how long an answer may be served again (0: never)


class AthenaEngine(QueryEngine):
    name = "athena"
    dialect = "trino"

    def __init__(self, options: AthenaOptions, *, connect: Callable[..., Any] | None = None):
        self.options = options
        self.table_prefix_database = options.database
        self._connect = connect
        self._connection: Any = None
        self._lock = threading.Lock()

    def _conn(self) -> Any:
        if self._connection is None:
            with self._lock:
                if self._connection is None:
                    self._connection = self._open()
        return self._connection

    def _open(self) -> Any:
        s = self.options
        kwargs: dict[str, Any] = {
            "work_group": s.workgroup,
            "schema_name": s.database,
            "poll_interval": s.poll_interval,
            "kill_on_interrupt": False,  # no start thread per query; Lambda is never interrupted
            "result_reuse_enable": s.result_reuse_minutes > 0,
            "result_reuse_minutes": max(1, s.result_reuse_minutes),
        }
        if s.output:
            kwargs["s3_staging_dir"] = s.output
        if s.region:
            kwargs["region_name"] = s.region
        if s.endpoint_url:
            kwargs["endpoint_url"] = s.endpoint_url
        if self._connect is not None:
            return self._connect(**kwargs)
        from pyathena import connect

        return connect(**kwargs)

    def _run(self, query: Query) -> Any:
        from pyathena.error import Error as AthenaError

        deadline = time.monotonic() + self.options.timeout_seconds

        def on_poll(_execution: Any) -> None:
            if time.monotonic() > deadline:
                raise QueryTimeout(f"Athena did not answer {query.name} in {self.options.timeout_seconds:g} s")

        params = [athena_literal(p) for p in query.params] or None
        try:
            cursor = self._conn().cursor(on_poll=on_poll)
        except AthenaError as error:
            raise UpstreamError("Athena is unavailable") from error
        try:
            cursor.execute(self.compile(query.sql), params, paramstyle="qmark")
        except QueryTimeout:
            self._cancel(cursor)
            raise
        except AthenaError as error:
            raise UpstreamError(f"Athena failed query {query.name}") from error
        return cursor

    @staticmethod
    def _cancel(cursor: Any) -> None:
        with contextlib.suppress(Exception):  # best effort: the workgroup's own timeout stops it anyway
            cursor.cancel()

    def execute(self, query: Query) -> Result:
        from pyathena.error import Error as AthenaError

        cursor = self._run(query)
        try:
            columns = [d[0] for d in cursor.description or []]
            return Result(columns, [tuple(row) for row in cursor.fetchall()])
        except AthenaError as error:
            raise UpstreamError(f"Athena failed to return {query.name}") from error
        finally:
            cursor.close()

    def execute_many(self, queries: Sequence[Query]) -> list[Result]:
        # Athena's latency is per query (seconds), its capacity is not ours: run them side by side.
        if len(queries) < 2:
            return [self.execute(q) for q in queries]
        with ThreadPoolExecutor(max_workers=len(queries), thread_name_prefix="athena") as pool:
            return list(pool.map(self.execute, queries))

    def stream(self, query: Query, batch_rows: int) -> Iterator[pa.RecordBatch]:
        from pyathena.error import Error as AthenaError

        cursor = self._run(query)
        cursor.arraysize = ATHENA_PAGE_ROWS
        try:
            columns = [d[0] for d in cursor.description or []]
            while True:
                try:
                    rows = cursor.fetchmany(batch_rows)
                except AthenaError as error:
                    raise UpstreamError(f"Athena failed to return {query.name}") from error
                if not rows:
                    return
                yield rows_to_batch(columns, rows)
        finally:
            cursor.close()

    def version(self) -> str:
        seconds = self.options.cache_seconds
        if seconds <= 0:
            return f"athena:{uuid.uuid4().hex}"  # never reuse a cached answer
        return f"athena:{int(time.time() // seconds)}"

    def has_table(self, name: str) -> bool:
        return name not in LOCAL_ONLY_TABLES
