"""Gold answered by one engine, everything else by another: the Lambda's `SENTINEL_API_GOLD_ENGINE=duckdb`.

The statements are the same; which engine runs one follows from the tables it reads: a statement that
reads only gold.* goes to the gold engine (DuckDB over the published gold: sentinel.engines.published_gold),
any other (silver line items, the export) to the other engine (Athena).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

import pyarrow as pa
import sqlglot
from sqlglot import exp

from sentinel.engines.base import SOURCE_DIALECT, Query, QueryEngine, Result


@lru_cache(maxsize=4096)
def reads_only_gold(sql: str) -> bool:
    # Stored tables are always named <layer>.<table>; a name without one is a CTE of the statement.
    stored = [t for t in sqlglot.parse_one(sql, read=SOURCE_DIALECT).find_all(exp.Table) if t.db]
    return bool(stored) and all(t.db == "gold" for t in stored)


class GoldRoutedEngine(QueryEngine):
    name = "duckdb-gold+athena"
    dialect = "trino"

    def __init__(self, gold: QueryEngine, other: QueryEngine, refresh: Callable[[], None]):
        self.gold, self.other, self._refresh = gold, other, refresh

    def _engine(self, query: Query) -> QueryEngine:
        return self.gold if reads_only_gold(query.sql) else self.other

    def execute(self, query: Query) -> Result:
        return self._engine(query).execute(query)

    def execute_many(self, queries: Sequence[Query]) -> list[Result]:
        return [self.execute(q) for q in queries]

    def stream(self, query: Query, batch_rows: int) -> Iterator[pa.RecordBatch]:
        return self._engine(query).stream(query, batch_rows)

    def version(self) -> str:
        self._refresh()  # a newly published gold release changes the gold engine's version
        return f"{self.gold.version()}|{self.other.version()}"

    def has_table(self, name: str) -> bool:
        return (self.gold if name.startswith("gold.") else self.other).has_table(name)

    def close(self) -> None:
        self.gold.close()
        self.other.close()
