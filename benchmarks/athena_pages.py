"""Athena statements per dashboard page, and the bytes each would scan, on a built home (the samples by default).

    .venv/bin/python benchmarks/athena_pages.py                      # the public samples (built once)
    .venv/bin/python benchmarks/athena_pages.py --home ~/.sentinel --period 2025-06

Each page's requests are the ones the dashboard makes when it opens (web/src/features/*/api: the overview
plan, the explore plan, the audit log's first page and its prefetched next page, the CSV export), sent to
the API in this process with the answer cache off. The engine is the local catalog, recorded, and it says
it cannot locate rows, so the audit log uses the statement Athena runs.

Bytes are estimated as Athena bills them: for every stored table a statement reads, the compressed size of
the columns it names, in the billing-period partitions its `billing_period` predicate keeps (all of them
without one), from the Parquet footers of the published versions; Athena bills at least 10 MB a statement.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "glue_scripts"), str(REPO / "benchmarks")]

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
import sqlglot  # noqa: E402
from sqlglot import exp  # noqa: E402

from sentinel.engines.base import SOURCE_DIALECT, Param, Query, QueryEngine, Result  # noqa: E402

ATHENA_MINIMUM = 10 * 1024 * 1024  # bytes billed per statement at least


@dataclass
class Recording(QueryEngine):
    """The local engine, recording every statement; it does not locate rows (as on Athena)."""

    inner: QueryEngine
    statements: list[Query] = field(default_factory=list)
    name = "recording"
    dialect = "duckdb"

    def execute(self, query: Query) -> Result:
        self.statements.append(query)
        return self.inner.execute(query)

    def stream(self, query: Query, batch_rows: int) -> Iterator[pa.RecordBatch]:
        self.statements.append(query)
        return self.inner.stream(query, batch_rows)

    def version(self) -> str:
        return self.inner.version()

    def has_table(self, name: str) -> bool:
        return name != "silver.line_item_rows" and self.inner.has_table(name)


class ColumnSizes:
    """Compressed bytes per (table, period, column) of the current release of a local lake."""

    def __init__(self, lake_root: Path):
        from sentinel_etl.lake import LocalLake

        self.sizes: dict[str, dict[str, dict[str, int]]] = {}
        lake = LocalLake(str(lake_root))
        for link in sorted((lake_root / "_current").iterdir()):
            period = link.name.removeprefix("billing_period=")
            for table, version in lake.release(period).items():
                columns: dict[str, int] = {}
                for path in lake.parquet_files(version):
                    meta = pq.ParquetFile(path).metadata
                    for g in range(meta.num_row_groups):
                        group = meta.row_group(g)
                        for c in range(group.num_columns):
                            chunk = group.column(c)
                            top = chunk.path_in_schema.split(".", 1)[0]  # a map's key and value parts
                            columns[top] = columns.get(top, 0) + chunk.total_compressed_size
                self.sizes.setdefault(table, {})[period] = columns

    def scanned(self, query: Query) -> tuple[int, list[str]]:
        tree = sqlglot.parse_one(_bound(query.sql, query.params), read=SOURCE_DIALECT)
        names = {c.name for c in tree.find_all(exp.Column)}
        if any(True for _ in tree.find_all(exp.Star)):
            names.add("*")
        total, tables = 0, []
        for table in {f"{t.db}.{t.name}" for t in tree.find_all(exp.Table) if t.db}:
            lo, hi = _period_bounds(tree)
            for period, columns in self.sizes.get(table, {}).items():
                if lo <= period <= hi:
                    total += sum(size for column, size in columns.items() if "*" in names or column in names)
            tables.append(table)
        return total, sorted(tables)


def _bound(sql: str, params: tuple[Param, ...]) -> str:
    """The statement with its values written in as literals (our SQL never has '?' inside a literal)."""
    pieces = sql.split("?")
    out = [pieces[0]]
    for value, piece in zip(params, pieces[1:], strict=True):
        out.append(exp.convert(value).sql(dialect=SOURCE_DIALECT) if not isinstance(value, str)
                   else exp.Literal.string(value).sql(dialect=SOURCE_DIALECT))
        out.append(piece)
    return "".join(out)


def _period_bounds(tree: exp.Expr) -> tuple[str, str]:
    """The tightest billing_period range the statement's predicates state ('' .. '~' when none)."""
    lo, hi = "", "~"

    def text(node: exp.Expression | None) -> str | None:
        return node.this if isinstance(node, exp.Literal) and node.is_string else None

    for node in tree.find_all(exp.Between):
        if isinstance(node.this, exp.Column) and node.this.name == "billing_period":
            low, high = text(node.args.get("low")), text(node.args.get("high"))
            if low is not None and high is not None:
                lo, hi = max(lo, low), min(hi, high)
    for eq in tree.find_all(exp.EQ):
        if isinstance(eq.this, exp.Column) and eq.this.name == "billing_period":
            value = text(eq.expression)
            if value is not None:
                lo, hi = max(lo, value), min(hi, value)
    return lo, hi


def month(period: str) -> tuple[str, str]:
    first = date.fromisoformat(period + "-01")
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first.isoformat(), last.isoformat()


def pages(period: str) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """What each page requests when it opens on one month (the dashboard's own query plans)."""
    start, end = month(period)
    rng = {"start": start, "end": end}
    return {
        "overview": [
            ("/api/v1/meta", {}),
            ("/api/v1/summary", {**rng, "movers_by": "service", "movers": 5}),
            ("/api/v1/costs/timeseries", {**rng, "granularity": "day", "group_by": "service", "top": 6}),
            ("/api/v1/costs/breakdown", {**rng, "dimension": "region", "top": 7}),
            ("/api/v1/costs/breakdown", {**rng, "dimension": "service", "top": 8}),
            ("/api/v1/costs/breakdown", {**rng, "dimension": "operation", "top": 8}),
        ],
        "explore": [
            ("/api/v1/meta", {}),
            ("/api/v1/costs/breakdown", {**rng, "dimension": "service", "top": 12}),
            ("/api/v1/costs/timeseries", {**rng, "granularity": "day", "group_by": "service", "top": 6}),
        ],
        "audit log (first page + prefetched next)": [
            ("/api/v1/meta", {}),
            ("/api/v1/line-items", {**rng, "limit": 50}),
            ("next", {**rng, "limit": 50}),
        ],
        "CSV export of the month": [("/api/v1/line-items/export.csv", rng)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, help="a SENTINEL_HOME built by `sentinel run` (default: the samples)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/sentinel-bench-lambda"))
    parser.add_argument("--period", action="append", help="billing period(s) to open (default: every period)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    from lambda_gold import build_samples

    home = args.home or build_samples(args.work)

    from fastapi.testclient import TestClient
    from pydantic import SecretStr

    from api.main import create_app
    from api.settings import ApiSettings
    from sentinel.engines.duckdb_engine import DuckDBEngine

    os.environ.pop("SENTINEL_API_CURSOR_SECRET", None)
    settings = ApiSettings(home=home, bind_host="127.0.0.1", web_dist=None, env="local", cache_entries=0,
                           cursor_secret=SecretStr("benchmark-secret"))
    engine = Recording(DuckDBEngine(home / "catalog.duckdb"))
    client = TestClient(create_app(settings, engine=engine), base_url="http://127.0.0.1",
                        client=("127.0.0.1", 5000))
    sizes = ColumnSizes(home / "lake")
    periods = args.period or sorted(next(iter(sizes.sizes.values())))
    print(f"{'period':<9}{'page':<42}{'requests':>9}{'statements':>11}{'scanned':>12}{'billed':>11}  tables")
    for period in periods:
        for page, requests in pages(period).items():
            engine.statements.clear()
            cursor = None
            for path, params in requests:
                if path == "next":
                    if not cursor:
                        continue
                    path, params = "/api/v1/line-items", {**params, "cursor": cursor}
                response = client.get(path, params=params)
                assert response.status_code == 200, (path, response.text[:300])
                if path == "/api/v1/line-items":
                    cursor = response.json().get("next_cursor")
            scanned = billed = 0
            tables: set[str] = set()
            for statement in engine.statements:
                size, read = sizes.scanned(statement)
                scanned += size
                billed += max(size, ATHENA_MINIMUM) if read else 0
                tables.update(read)
            print(f"{period:<9}{page:<42}{len(requests):>9}{len(engine.statements):>11}{scanned / 1e6:>10.2f}MB"
                  f"{billed / 1e6:>9.1f}MB  {', '.join(sorted(tables))}")


if __name__ == "__main__":
    main()
