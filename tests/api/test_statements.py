"""Every statement the builders can produce runs on DuckDB (transpiled) and parses as Trino (Athena),
and every statement on a partitioned table prunes by billing_period."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sqlglot
from sentinel_etl.money import MONEY_COLUMNS as STORED_MONEY_COLUMNS
from sqlglot import exp

from api.filters import CostFilters, TagFilter
from api.queries import costs, line_items, meta, summary
from api.queries.columns import (
    COST_BY_TAG,
    COST_DAILY,
    COST_MONTHLY,
    LINE_ITEMS,
    MONEY_COLUMNS,
    MONTHLY_DIMENSIONS,
    TAG_DIMENSIONS,
    Dimension,
    Table,
    View,
)
from api.queries.periods import PERIOD_SUMMARY, PeriodIndex
from sentinel.engines.base import Query, compile_sql
from sentinel.engines.duckdb_engine import DuckDBEngine

NOV = (date(2018, 11, 1), date(2018, 11, 30))
PARTITIONED = ("silver.line_items", "silver.line_item_rows", "gold.cost_daily", "gold.cost_monthly", "gold.cost_by_tag_daily")


def filters(view: View = View.unblended, values: tuple = (), tags: tuple = ()) -> CostFilters:
    return CostFilters(NOV[0], NOV[1], view, values, tags, ("2018-11", "2018-11"))


def statements() -> list[Query]:
    found: list[Query] = [PERIOD_SUMMARY, meta.deliveries_query(), meta.tag_keys_query(("2018-11", "2024-10"))]
    index = PeriodIndex(())
    ranges = summary.Ranges(NOV[0], NOV[1], date(2018, 10, 1), date(2018, 10, 31))
    service = ((Dimension.service, ("Amazon Elastic Compute Cloud", "")),)
    tag = (TagFilter("user_environment", ("Production",)),)
    tables: list[tuple[Table, tuple, tuple, frozenset[Dimension]]] = [
        (COST_DAILY, service, (), frozenset(COST_DAILY.columns)),
        (COST_MONTHLY, service, (), MONTHLY_DIMENSIONS),
        (COST_BY_TAG, service, tag, TAG_DIMENSIONS),
        # a resource filter or group-by: the same builders over silver (tags from its map)
        (LINE_ITEMS, ((Dimension.resource, ("i-0123", "")),), tag, frozenset(LINE_ITEMS.columns)),
    ]
    for (table, values, tags, dims), view in itertools.product(tables, View):
        f = filters(view, values, tags)
        # The view only swaps the money column: every dimension with one view, one dimension with the rest.
        for dimension in sorted(dims) if view is View.unblended else [Dimension.service]:
            group = costs.Grouping(dimension)
            found.append(costs.breakdown_query(f, table, group, 5))
            found.append(costs.values_query(f, table, group, "ec", 10))
            found.append(costs.values_query(f, table, group, None, 10, offset=20))
            found.append(summary.totals_query(f, table, ranges, dimension, index))
            for granularity in ("day", "month"):
                if table.grain != "month" or granularity == "month":
                    found.append(costs.timeseries_query(f, table, granularity, group, 5))
        found.append(costs.timeseries_query(f, table, "day", costs.Grouping(), 5))
        found.append(summary.counts_query(f, table))
        if table is not COST_MONTHLY:
            found.append(summary.month_to_date_query(f, table, date(2018, 11, 20), index))
    for view in View:  # tag groupings: with the untagged remainder, and under a filter on the same key
        plain, tagged = filters(view), filters(view, tags=tag)
        group = costs.Grouping(Dimension.tag, "user_environment")
        for f in (plain, tagged):
            found.append(costs.breakdown_query(f, COST_BY_TAG, group, 3))
            found.append(costs.timeseries_query(f, COST_BY_TAG, "day", group, 3))
            found.append(costs.timeseries_query(f, COST_BY_TAG, "month", group, 3))
            found.append(costs.values_query(f, COST_BY_TAG, group, None, 10))
        found.append(costs.values_query(plain, COST_BY_TAG, costs.Grouping(Dimension.tag), "user", 10, tag_keys=True))
    keyset_values = {
        "ts": datetime(2018, 11, 15, tzinfo=UTC), "dec": Decimal("0.5"), "float": 1.5, "str": "m",
    }
    sept = CostFilters(date(2024, 9, 1), date(2024, 9, 30), View.unblended, (), (), ("2024-09", "2024-10"))
    combos = [(s, o, View.unblended) for s, o in itertools.product(line_items.SortKey, line_items.Order)]
    combos += [(line_items.SortKey.cost, line_items.Order.desc, view) for view in View]
    for sort, order, view in combos:
        f = CostFilters(sept.start, sept.end, view, ((Dimension.region, ("us-west-2", "")),),
                        (TagFilter("environment", ("dev",)),), sept.periods)
        kinds = line_items.key_kinds(sort, view)
        cursor = line_items.Keyset(tuple(keyset_values[k] for k in kinds), 1)
        found.append(line_items.page_query(f, sort, order, 10, None))
        found.append(line_items.page_query(f, sort, order, 10, cursor))
        found.append(line_items.located_page_query(f, sort, order, 10, None))
        found.append(line_items.located_page_query(f, sort, order, 10, line_items.Keyset(cursor.values[:1], 3)))
    found.append(line_items.export_query(filters(View.amortized, service, tag)))
    return found


STATEMENTS = statements()


def test_the_builders_cover_a_wide_set_of_distinct_statements() -> None:
    assert len({q.sql for q in STATEMENTS}) > 150


def test_every_statement_runs_on_duckdb(catalog_path: Path) -> None:
    engine = DuckDBEngine(catalog_path)
    for query in STATEMENTS:
        if query.name == "line_items_export":
            assert sum(b.num_rows for b in engine.stream(query, 1000)) >= 0
        else:
            engine.execute(query)


@pytest.mark.parametrize("query", STATEMENTS[::7] + STATEMENTS[-4:], ids=lambda q: q.name)
def test_statement_parses_as_trino_and_renames_tables_for_athena(query: Query) -> None:
    tree = sqlglot.parse_one(query.sql, read="trino")
    assert tree is not None
    athena = sqlglot.parse_one(compile_sql(query.sql, "trino", "sentinel"), read="trino")
    for table in athena.find_all(exp.Table):
        if table.db:  # CTE references have none
            assert table.db == "sentinel" and table.name.split("_")[0] in ("raw", "silver", "gold"), table.sql()


def test_all_statements_parse_as_trino() -> None:
    for query in STATEMENTS:
        sqlglot.parse_one(query.sql, read="trino", error_level=sqlglot.ErrorLevel.RAISE)


def test_partitioned_tables_are_always_pruned() -> None:
    for query in STATEMENTS:
        for select in sqlglot.parse_one(query.sql, read="trino").find_all(exp.Select):
            clause = select.args.get("from_") or select.args.get("from")
            direct = [clause.this] if clause is not None else []
            direct += [join.this for join in select.args.get("joins") or []]
            if not any(isinstance(t, exp.Table) and f"{t.db}.{t.name}" in PARTITIONED for t in direct):
                continue
            where = select.args.get("where")
            assert where is not None and "billing_period BETWEEN ? AND ?" in where.sql(dialect="trino"), query.name


def test_what_the_api_ran_parses_as_trino(client, recorder) -> None:
    before = len(recorder.executed)
    for path, params in [
        ("/api/v1/summary", {"start": "2018-11-03", "end": "2018-11-20", "region": ["us-east-1", ""]}),
        ("/api/v1/costs/timeseries", {"group_by": "tag", "tag_key": "environment", "granularity": "month"}),
        ("/api/v1/costs/breakdown", {"dimension": "account", "tag": "environment=dev"}),
        ("/api/v1/dimensions/tag/values", {"search": "env"}),
        ("/api/v1/line-items", {"sort": "cost", "tag": ["environment=dev", "application=SafeGridVault"]}),
        ("/api/v1/line-items/export.csv", {"provider": "Oracle"}),
        ("/api/v1/meta", {}),
    ]:
        assert client.get(path, params=params).status_code == 200, path
    ran = recorder.executed[before:]
    assert len(ran) >= 7
    for query, compiled in ran:
        sqlglot.parse_one(query.sql, read="trino")
        assert compiled == compile_sql(query.sql, "duckdb")


def test_every_view_sums_a_stored_money_column_and_every_money_column_has_a_view() -> None:
    assert sorted(MONEY_COLUMNS.values()) == sorted(STORED_MONEY_COLUMNS)
