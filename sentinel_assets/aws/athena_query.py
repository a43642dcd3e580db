"""Checks' second reading of the lake through Athena: the API's engine (sentinel/engines/athena_engine.py),
the same Trino statements with `silver.line_items` → `<database>.silver_line_items`, values bound.

Raw has no stable catalog schema (the raw crawler merges drifting columns), so raw totals, only
needed when Dagster has no recorded raw sums, are re-read from the files (S3CopyLakeTotals).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sentinel_etl.money import MoneyTotals, to_money

from sentinel.engines.athena_engine import AthenaEngine, AthenaOptions
from sentinel.engines.base import Query
from sentinel_assets.aws.s3_query import S3CopyLakeTotals
from sentinel_assets.interfaces import Lake, LakeTotals

IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


class AthenaLakeTotals(LakeTotals):
    workgroup: str = "sentinel"
    database: str = "sentinel"
    output: str | None = None  # the workgroup enforces its own result location
    lake_bucket: str
    timeout_seconds: float = 300.0
    region: str | None = None
    endpoint_url: str | None = None

    def _engine(self) -> AthenaEngine:
        return AthenaEngine(AthenaOptions(
            workgroup=self.workgroup, database=self.database, output=self.output, region=self.region,
            endpoint_url=self.endpoint_url, result_reuse_minutes=0,  # a check must see the version just published
            timeout_seconds=self.timeout_seconds, cache_seconds=0,
        ))

    def _rows(self, sql: str, *params: Any, name: str) -> list[tuple[Any, ...]]:
        return self._engine().execute(Query(sql, tuple(params), name=name)).rows

    @staticmethod
    def _table(layer: str, table: str) -> str:
        if not (IDENTIFIER.match(layer) and IDENTIFIER.match(table)):
            raise ValueError(f"not a table name: {layer}.{table}")
        return f"{layer}.{table}"

    def totals(self, layer: str, table: str, period: str) -> MoneyTotals | None:
        rows = "count(*)" if layer == "silver" else "sum(line_item_count)"
        [row] = self._rows(
            f"SELECT {rows}, CAST(sum(unblended_cost) AS VARCHAR), CAST(sum(public_cost) AS VARCHAR), "
            f"CAST(sum(amortized_cost) AS VARCHAR) FROM {self._table(layer, table)} WHERE billing_period = ?",
            period, name=f"check_totals_{layer}_{table}")
        if not row[0]:
            return None  # no partition (or an empty one): the check reports it
        return MoneyTotals(rows=int(row[0]), unblended=to_money(row[1]), public=to_money(row[2]),
                           amortized=to_money(row[3]))

    def row_count(self, layer: str, table: str, period: str) -> int:
        [row] = self._rows(f"SELECT count(*) FROM {self._table(layer, table)} WHERE billing_period = ?", period,
                           name=f"check_count_{layer}_{table}")
        return int(row[0] or 0)

    def distinct(self, layer: str, table: str, period: str, column: str) -> list[str]:
        if not IDENTIFIER.match(column):
            raise ValueError(f"not a column name: {column}")
        rows = self._rows(f"SELECT DISTINCT {column} FROM {self._table(layer, table)} WHERE billing_period = ? "
                          "ORDER BY 1", period, name=f"check_distinct_{layer}_{table}")
        return [str(r[0]) for r in rows if r[0] is not None]

    def raw_totals(self, lake: Lake, period: str, delivery_ids: Sequence[str]) -> MoneyTotals:
        files = S3CopyLakeTotals(bucket=self.lake_bucket, database=self.database, region=self.region,
                                  endpoint_url=self.endpoint_url)
        return files.raw_totals(lake, period, delivery_ids)
