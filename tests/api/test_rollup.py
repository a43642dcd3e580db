"""The rollups answer exactly what the SQL answers: every statement shape on the public samples, row for
row, with random filters, ranges, views and groupings; and the API's bytes with and without rollups."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from api_support import RecordingEngine, local_settings
from fastapi.exceptions import RequestValidationError
from fastapi.testclient import TestClient

from api.filters import CostFilters, TagFilter
from api.main import create_app
from api.queries.columns import (
    COST_BY_TAG,
    COST_DAILY,
    COST_MONTHLY,
    FILTER_DIMENSIONS,
    TAG_DIMENSIONS,
    Dimension,
    Table,
    View,
)
from api.queries.costs import Grouping, breakdown_query, choose_table, timeseries_query, values_query
from api.queries.periods import PeriodIndex, month_end, parse_month
from api.queries.summary import Ranges, counts_query, month_to_date_query, previous_range, totals_query
from api.rollup.store import ROLLUP_TABLES, Rollups, load_table
from api.routers.costs import _bucket_key
from sentinel.engines.duckdb_engine import DuckDBEngine

CASES = 150


@pytest.fixture(scope="module")
def engine(catalog_path: Path) -> Iterator[DuckDBEngine]:
    duck = DuckDBEngine(catalog_path)
    yield duck
    duck.close()


@pytest.fixture(scope="module")
def rollups(engine: DuckDBEngine) -> Rollups:
    tables = {t.name: load_table(engine, t, 10**8) for t in ROLLUP_TABLES}
    assert all(tables.values()), "both gold cost tables load from the samples"
    return Rollups({name: table for name, table in tables.items() if table is not None})


@pytest.fixture(scope="module")
def periods(engine: DuckDBEngine) -> PeriodIndex:
    return PeriodIndex.load(engine)


def _distinct(db: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    return [v for (v,) in db.execute(sql).fetchall()]


def _cases(db: duckdb.DuckDBPyConnection, periods: PeriodIndex) -> Iterator[tuple[CostFilters, random.Random]]:
    rng = random.Random(20261127)
    values = {d: _distinct(db, f"SELECT DISTINCT {COST_DAILY.column(d)} FROM gold.cost_daily ORDER BY 1")
              for d in FILTER_DIMENSIONS}
    tags = {k: _distinct(db, f"SELECT DISTINCT tag_value FROM gold.cost_by_tag_daily WHERE tag_key = '{k}' ORDER BY 1")
            for k in _distinct(db, "SELECT DISTINCT tag_key FROM gold.cost_by_tag_daily ORDER BY 1")}
    months = [parse_month(p) for p in periods.periods]
    for _ in range(CASES):
        first = rng.choice(months)
        kind = rng.random()
        if kind < 0.5:  # whole months (gold.cost_monthly may answer)
            last = month_end(rng.choice([m for m in months if m >= first]))
            start, end = first, last
        elif kind < 0.9:
            start = first + timedelta(days=rng.randrange(0, 28))
            end = start + timedelta(days=rng.randrange(0, 70))
        else:  # nothing there
            start, end = date(2001, 1, 1), date(2001, 3, 31)
        tag_filter: tuple[TagFilter, ...] = ()
        dimensions = FILTER_DIMENSIONS
        if rng.random() < 0.3:
            key = rng.choice([*tags, "no-such-key"])
            pool = [*tags.get(key, []), "no-such-value"]
            tag_filter = (TagFilter(key, tuple(sorted(set(rng.sample(pool, min(len(pool), rng.choice([1, 2]))))))),)
            dimensions = tuple(d for d in FILTER_DIMENSIONS if d in TAG_DIMENSIONS)
        chosen = []
        for dimension in rng.sample(dimensions, rng.choice([0, 0, 1, 1, 2])):
            pool = values[dimension] + ["no-such-value"]
            chosen.append((dimension, tuple(sorted(set(rng.sample(pool, min(len(pool), rng.choice([1, 2, 3]))))))))
        view = rng.choice(list(View))
        yield CostFilters(start, end, view, tuple(chosen), tag_filter, periods.prune(start, end)), rng, [*tags, "x"]


def _same(rollup_rows: list[tuple[Any, ...]] | None, sql_rows: list[tuple[Any, ...]], what: str) -> None:
    assert rollup_rows is not None, f"{what}: the rollup declined"
    assert len(rollup_rows) == len(sql_rows), what
    for ours, theirs in zip(rollup_rows, sql_rows, strict=True):
        assert len(ours) == len(theirs), what
        for a, b in zip(ours, theirs, strict=True):
            if isinstance(b, Decimal) or isinstance(a, Decimal):
                assert Decimal(a or 0) == Decimal(b or 0), what  # both sides read NULL as 0
            else:
                assert a == b, what


def _unordered(rows: list[tuple[Any, ...]] | None) -> list[tuple[Any, ...]] | None:
    return None if rows is None else sorted(rows, key=repr)


def _table(f: CostFilters, periods: PeriodIndex, group: Grouping, **kwargs: Any) -> Table | None:
    try:
        return choose_table(f, periods, group, **kwargs)
    except RequestValidationError:  # a combination the API rejects (a tag with operation, two keys...)
        return None


def test_every_statement_matches_sql(
    db: duckdb.DuckDBPyConnection, engine: DuckDBEngine, rollups: Rollups, periods: PeriodIndex
) -> None:
    answered: Counter[str] = Counter()
    as_of = periods.latest_usage_date
    assert as_of is not None
    for f, rng, tag_keys in _cases(db, periods):
        dimension = rng.choice(list(Dimension))
        group = Grouping(dimension, rng.choice(tag_keys) if dimension is Dimension.tag else None)
        if f.tags and rng.random() < 0.5 and dimension is Dimension.tag:
            group = Grouping(dimension, f.tags[0].key)
        top = rng.choice([1, 3, 10, 100])
        what = f"{f} by {group} top {top}"

        granularity = rng.choice(["day", "month"])
        by = rng.choice([Grouping(), group])
        table = _table(f, periods, by, daily=granularity == "day", monthly_buckets=True)
        if table is not None:
            rows = engine.execute(timeseries_query(f, table, granularity, by, top)).rows
            ours = rollups.timeseries(table, f, granularity, by, top)
            assert ours is not None, what
            _same(_unordered([(_bucket_key(b, granularity), g, c) for b, g, c in ours]),
                  _unordered([(_bucket_key(b, granularity), g, c) for b, g, c in rows]), "timeseries " + what)
            answered["timeseries " + table.name] += 1

        table = _table(f, periods, group, daily=False)
        if table is not None:
            _same(rollups.breakdown(table, f, group, top),
                  engine.execute(breakdown_query(f, table, group, top)).rows, "breakdown " + what)
            answered["breakdown " + table.name] += 1

        scoped = f.without(dimension)
        listing = dimension is Dimension.tag and rng.random() < 0.3
        picker = Grouping(Dimension.tag, None) if listing else group
        probe = Grouping(Dimension.tag, group.tag_key or "*") if dimension is Dimension.tag else group
        table = _table(scoped, periods, probe, daily=False)
        search = rng.choice([None, None, "a", "EC2", "-", "zz", "env"])
        if table is not None:
            _same(rollups.values(table, scoped, picker, search, 7, tag_keys=listing),
                  engine.execute(values_query(scoped, table, picker, search, 7, tag_keys=listing)).rows,
                  f"values {search} {listing} " + what)
            answered["values " + table.name] += 1

        if dimension is Dimension.tag:
            continue
        previous = previous_range(f.start, f.end)
        ranges = Ranges(f.start, f.end, *previous)
        monthly = periods.months_aligned(f.start, f.end) and periods.months_aligned(*previous)
        table = _table(f, periods, group, daily=not monthly)
        if table is None:
            continue
        _same(_unordered(rollups.totals(table, f, ranges, dimension, periods)),
              _unordered(engine.execute(totals_query(f, table, ranges, dimension, periods)).rows), "totals " + what)
        counted = rollups.counts(table, f)
        assert counted is not None
        assert [counted] == engine.execute(counts_query(f, table)).rows, "counts " + what
        daily = choose_table(f, periods, Grouping(), daily=True)
        _same(_unordered(rollups.month_to_date(daily, f, as_of, periods)),
              _unordered(engine.execute(month_to_date_query(f, daily, as_of, periods)).rows), "month to date " + what)
        answered["summary " + table.name] += 1
    print(dict(answered))
    for statement in ("timeseries", "breakdown", "values"):
        for table in (COST_DAILY, COST_MONTHLY, COST_BY_TAG):
            assert answered[f"{statement} {table.name}"] >= 5, f"the cases reach {statement} on {table.name}"
    assert answered["summary gold.cost_by_tag_daily"] >= 5 and answered["summary gold.cost_monthly"] >= 5


@pytest.mark.parametrize("table", [COST_DAILY, COST_MONTHLY], ids=["daily", "monthly"])
def test_the_rollup_holds_every_row_and_cent(db: duckdb.DuckDBPyConnection, rollups: Rollups, table: Table) -> None:
    rollup = rollups.tables[table.name]
    ((rows, cost, items),) = db.execute(
        f"SELECT count(*), sum(unblended_cost), sum(line_item_count) FROM {table.name}").fetchall()
    values, scale = rollup.money[View.unblended]
    assert rollup.rows == rows
    assert Decimal(int(values.sum())).scaleb(-scale) == cost
    assert int(rollup.items.sum()) == items


def test_what_a_rollup_cannot_answer_goes_to_sql(rollups: Rollups, periods: PeriodIndex) -> None:
    f = CostFilters(date(2018, 11, 1), date(2018, 11, 30), View.unblended, (), (), periods.prune(
        date(2018, 11, 1), date(2018, 11, 30)))
    tagged = CostFilters(f.start, f.end, f.view, (), (TagFilter("user:team", ("a",)),), f.periods)
    assert rollups.breakdown(COST_DAILY, tagged, Grouping(Dimension.service), 5) is None
    assert rollups.values(COST_DAILY, f, Grouping(Dimension.service), "é", 5) is None
    assert Rollups({}).breakdown(COST_DAILY, f, Grouping(Dimension.service), 5) is None


SEP = {"start": "2024-09-01", "end": "2024-09-30"}
NOV = {"start": "2018-11-01", "end": "2018-11-30"}
REQUESTS: list[tuple[str, dict[str, Any]]] = [
    ("/api/v1/summary", {}),
    ("/api/v1/summary", NOV),
    ("/api/v1/summary", {**NOV, "movers_by": "usage_type", "view": "amortized"}),
    ("/api/v1/summary", {"start": "2018-11-05", "end": "2018-11-19", "region": ["us-east-1", "eu-west-1"]}),
    ("/api/v1/summary", {"start": "2018-01-01", "end": "2024-12-31", "view": "public"}),
    ("/api/v1/costs/timeseries", {**NOV, "group_by": "service", "top": 3}),
    ("/api/v1/costs/timeseries", {**NOV, "granularity": "month", "group_by": "region"}),
    ("/api/v1/costs/timeseries", {"start": "2018-01-01", "end": "2024-12-31", "granularity": "month"}),
    ("/api/v1/costs/timeseries", {**SEP, "group_by": "usage_type", "view": "net_unblended"}),
    ("/api/v1/costs/breakdown", {**NOV, "dimension": "operation", "top": 4}),
    ("/api/v1/costs/breakdown", {**SEP, "dimension": "charge_category", "provider": "AWS"}),
    ("/api/v1/costs/breakdown", {"start": "2018-10-20", "end": "2018-12-10", "dimension": "account"}),
    ("/api/v1/dimensions/service/values", NOV),
    ("/api/v1/dimensions/usage_type/values", {**NOV, "search": "box", "limit": 5}),
    ("/api/v1/dimensions/region/values", {**SEP, "service": "Amazon Elastic Compute Cloud"}),
    ("/api/v1/costs/breakdown", {**NOV, "dimension": "tag", "tag_key": "user_cost_center"}),
    ("/api/v1/costs/timeseries", {**NOV, "group_by": "tag", "tag_key": "user_cost_center"}),
    ("/api/v1/summary", {**NOV, "tag": "user_environment=Development"}),
    ("/api/v1/dimensions/tag/values", NOV),
    ("/api/v1/dimensions/tag/values", {**NOV, "tag_key": "user_cost_center", "search": "cost"}),
]


@pytest.fixture(scope="module")
def clients(sample_home: Path) -> Iterator[tuple[TestClient, TestClient, RecordingEngine]]:
    engine = RecordingEngine(DuckDBEngine(sample_home / "catalog.duckdb"))
    on = create_app(local_settings(sample_home, cache_entries=0, rollup_max_rows=10**8), engine=engine)
    off = create_app(local_settings(sample_home, cache_entries=0))
    with TestClient(on, base_url="http://127.0.0.1") as fast, TestClient(off, base_url="http://127.0.0.1") as plain:
        assert on.state.catalog.snapshot().rollups.wait(60)
        yield fast, plain, engine


@pytest.mark.parametrize(("path", "params"), REQUESTS, ids=[f"{p.rsplit('/', 1)[-1]}-{i}" for i, (p, _) in
                                                            enumerate(REQUESTS)])
def test_the_api_answers_the_same_bytes_from_rollups(
    clients: tuple[TestClient, TestClient, RecordingEngine], path: str, params: dict[str, Any]
) -> None:
    fast, plain, engine = clients
    before = len(engine.executed)
    answer = fast.get(path, params=params)
    assert answer.status_code == 200, answer.text
    assert engine.executed[before:] == [], "the rollups answered without a statement"
    expected = plain.get(path, params=params)
    assert answer.content == expected.content


def test_what_rollups_cannot_answer_still_reaches_sql(clients: tuple[TestClient, TestClient, RecordingEngine]) -> None:
    fast, plain, engine = clients
    params = {**NOV, "search": "é"}  # lower() of non-ASCII text is the engine's to decide
    before = len(engine.executed)
    answer = fast.get("/api/v1/dimensions/service/values", params=params)
    assert answer.status_code == 200
    assert [q.name for q, _ in engine.executed[before:]] == ["dimension_values"]
    assert answer.content == plain.get("/api/v1/dimensions/service/values", params=params).content
