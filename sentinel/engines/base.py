"""The query-engine interface, its errors, and the one place where SQL is transpiled."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, ClassVar

import pyarrow as pa
import sqlglot
from sqlglot import exp

# Every statement is written in this dialect; DuckDB gets a transpiled copy.
SOURCE_DIALECT = "trino"
LAYERS = ("raw", "silver", "gold")

Param = str | int | float | bool | Decimal | date | datetime | None


@dataclass(frozen=True)
class Query:
    """One statement in Trino dialect with `?` placeholders, and the values bound to them."""

    sql: str
    params: tuple[Param, ...] = ()
    name: str = "query"

    def __post_init__(self) -> None:
        if self.sql.count("?") != len(self.params):  # our SQL never has '?' inside literals
            raise ValueError(f"{self.name}: {self.sql.count('?')} placeholders, {len(self.params)} parameters")


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class EngineError(Exception):
    """A query could not be answered; the message is safe to show (no SQL, no values)."""

    status_code: ClassVar[int] = 502


class QueryFailed(EngineError):
    """The local engine rejected a statement: a bug or a damaged lake, so a plain 500."""

    status_code = 500


class UpstreamError(EngineError):
    """Athena (or AWS) failed the query."""

    status_code = 502


class QueryTimeout(EngineError):
    status_code = 504


class CatalogUnavailable(EngineError):
    status_code = 503


class QueryEngine(ABC):
    name: ClassVar[str]
    dialect: ClassVar[str]

    def compile(self, sql: str) -> str:
        return compile_sql(sql, self.dialect, self.table_prefix_database)

    # Athena names tables <database>.<layer>_<table>; the local catalog has <layer>.<table>.
    table_prefix_database: str | None = None

    @abstractmethod
    def execute(self, query: Query) -> Result: ...

    def execute_many(self, queries: Sequence[Query]) -> list[Result]:
        """Independent statements; in order by default (DuckDB parallelises inside each query)."""
        return [self.execute(q) for q in queries]

    @abstractmethod
    def stream(self, query: Query, batch_rows: int) -> Iterator[pa.RecordBatch]:
        """Yield the result in Arrow batches without holding it all in memory."""

    @abstractmethod
    def version(self) -> str:
        """Changes whenever the data may have changed; cached answers are keyed by it."""

    @abstractmethod
    def has_table(self, name: str) -> bool: ...

    def close(self) -> None:  # noqa: B027 - optional for engines without resources
        pass


@lru_cache(maxsize=4096)
def compile_sql(sql: str, dialect: str, database: str | None = None) -> str:
    """Transpile once per distinct statement text (the builders produce a bounded set of texts)."""
    tree = sqlglot.parse_one(sql, read=SOURCE_DIALECT)
    if database is not None:
        tree = tree.transform(lambda node: _athena_table(node, database))
    if dialect == "duckdb":
        tree = tree.transform(_duckdb_json_text)
    return tree.sql(dialect=dialect)


def _duckdb_json_text(node: exp.Expression) -> exp.Expression:
    # Trino needs json_format() to turn a JSON object into text; sqlglot's literal translation
    # (TO_JSON of the JSON value) is 5x slower on DuckDB than the equivalent cast, which matters
    # for the tags column of a million-row export.
    if isinstance(node, exp.JSONFormat) and isinstance(node.this, exp.Cast):
        return exp.cast(node.this, exp.DataType.build("VARCHAR"))
    return node


def _athena_table(node: exp.Expression, database: str) -> exp.Expression:
    if isinstance(node, exp.Table) and node.db in LAYERS and not node.catalog:
        return exp.table_(f"{node.db}_{node.name}", db=database, quoted=True, alias=node.alias or None)
    return node


_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def check_identifier(name: str) -> str:
    """Identifiers are never user input; this guards the allow-lists themselves."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not an allow-listed identifier: {name!r}")
    return name


def placeholders(count: int) -> str:
    return ", ".join("?" * count)


def rows_to_batch(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> pa.RecordBatch:
    arrays = [pa.array([row[i] for row in rows]) for i in range(len(columns))]
    return pa.RecordBatch.from_arrays(arrays, names=list(columns))
