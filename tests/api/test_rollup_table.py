"""Rollup edge cases on tiny inline tables, each checked against the same statement run by DuckDB:
exact decimals (nulls, values and sums beyond 64 bits), text order, ties, and the untagged remainder."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from api.filters import CostFilters
from api.queries.columns import COST_BY_TAG, COST_DAILY, Dimension, View
from api.queries.costs import Grouping, breakdown_query, timeseries_query
from api.rollup.store import Rollups
from api.rollup.table import Coded, NotExact, RollupTable, exact_money
from sentinel.engines.base import compile_sql

MONEY = pa.decimal128(38, 10)
DAY1, DAY2 = date(2025, 3, 1), date(2025, 3, 2)


def _daily(rows: list[tuple[date, str, str, str | None]]) -> pa.Table:
    """(usage_date, service, region, unblended) rows; the other columns fixed."""
    n = len(rows)
    cost = pa.array([Decimal(r[3]) if r[3] is not None else None for r in rows], MONEY)
    return pa.table({
        "usage_date": pa.array([r[0] for r in rows], pa.date32()), "billing_period": ["2025-03"] * n,
        "provider": ["AWS"] * n, "usage_account_id": ["111"] * n, "payer_account_id": ["111"] * n,
        "service": [r[1] for r in rows], "region": [r[2] for r in rows], "operation": [""] * n,
        "usage_type": [""] * n, "charge_category": ["Usage"] * n, "line_item_type": ["Usage"] * n,
        "unblended_cost": cost, "net_unblended_cost": cost, "amortized_cost": cost, "public_cost": cost,
        "line_item_count": pa.array([1] * n, pa.int64()),
    })


def _by_tag(rows: list[tuple[date, str, str, str]]) -> pa.Table:
    """(usage_date, service, tag_value, unblended) rows of the tag key 'team'."""
    n = len(rows)
    cost = pa.array([Decimal(r[3]) for r in rows], MONEY)
    return pa.table({
        "usage_date": pa.array([r[0] for r in rows], pa.date32()), "billing_period": ["2025-03"] * n,
        "provider": ["AWS"] * n, "usage_account_id": ["111"] * n, "service": [r[1] for r in rows],
        "region": ["us-east-1"] * n, "tag_key": ["team"] * n, "tag_value": [r[2] for r in rows],
        "unblended_cost": cost, "net_unblended_cost": cost, "amortized_cost": cost, "public_cost": cost,
        "line_item_count": pa.array([1] * n, pa.int64()),
    })


def _sql(daily: pa.Table, tagged: pa.Table, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    db = duckdb.connect()
    db.execute("CREATE SCHEMA gold")
    db.register("daily_rows", daily)
    db.register("tag_rows", tagged)
    db.execute("CREATE TABLE gold.cost_daily AS SELECT * FROM daily_rows")
    db.execute("CREATE TABLE gold.cost_by_tag_daily AS SELECT * FROM tag_rows")
    return db.execute(compile_sql(sql, "duckdb"), list(params)).fetchall()


def _rollups(daily: pa.Table, tagged: pa.Table) -> Rollups:
    return Rollups({COST_DAILY.name: RollupTable.from_arrow(COST_DAILY, daily),
                    COST_BY_TAG.name: RollupTable.from_arrow(COST_BY_TAG, tagged)})


MARCH = CostFilters(DAY1, DAY2, View.unblended, (), (), ("2025-03", "2025-03"))


def test_fully_tagged_days_report_no_untagged_group() -> None:
    daily = _daily([(DAY1, "EC2", "us-east-1", "2.5"), (DAY2, "EC2", "us-east-1", "1"),
                    (DAY2, "S3", "us-east-1", "0.5")])
    # Day 1 is fully tagged; day 2 leaves S3 untagged.
    tagged = _by_tag([(DAY1, "EC2", "web", "2.5"), (DAY2, "EC2", "db", "1")])
    rollups, group = _rollups(daily, tagged), Grouping(Dimension.tag, "team")
    query = timeseries_query(MARCH, COST_BY_TAG, "day", group, 5)
    expected = _sql(daily, tagged, query.sql, query.params)
    assert ("", DAY1) not in {(g, b) for b, g, _ in expected}
    ours = rollups.timeseries(COST_BY_TAG, MARCH, "day", group, 5)
    assert ours is not None
    assert sorted((b.isoformat(), g, c) for b, g, c in expected) == sorted(ours)

    fully, web = _daily([(DAY1, "EC2", "us-east-1", "2.5")]), _by_tag([(DAY1, "EC2", "web", "2.5")])
    query = breakdown_query(MARCH, COST_BY_TAG, group, 5)
    expected = _sql(fully, web, query.sql, query.params)
    assert [r[0] for r in expected] == ["web"]
    assert _rollups(fully, web).breakdown(COST_BY_TAG, MARCH, group, 5) == expected


def test_ties_are_broken_by_text_in_byte_order() -> None:
    daily = _daily([(DAY1, s, "us-east-1", "1") for s in ("b", "a", "é", "Z", "")] + [(DAY2, "a", "x", None)])
    rollups = _rollups(daily, _by_tag([(DAY1, "a", "web", "1")]))
    for top in (1, 2, 10):
        query = breakdown_query(MARCH, COST_DAILY, Grouping(Dimension.service), top)
        assert rollups.breakdown(COST_DAILY, MARCH, Grouping(Dimension.service), top) == _sql(
            daily, _by_tag([]), query.sql, query.params)


def test_codes_follow_byte_order_and_nulls_are_refused() -> None:
    coded = Coded.encode("service", pa.chunked_array([["é", "b"], ["Z", "b", ""]]))
    assert coded.labels == ("", "Z", "b", "é")
    assert [coded.labels[c] for c in coded.codes] == ["é", "b", "Z", "b", ""]
    assert not coded.ascii
    with pytest.raises(NotExact, match="region has nulls"):
        Coded.encode("region", pa.array(["a", None]))


def _decimals(words: list[int], valid: list[bool]) -> pa.ChunkedArray:
    """A decimal column from raw 128-bit words: what a null's slot holds is up to the writer."""
    data = np.zeros(2 * len(words), dtype=np.int64)
    for i, word in enumerate(words):
        data[2 * i] = np.int64(np.uint64(word & (2**64 - 1)).astype(np.int64))
        data[2 * i + 1] = -1 if word < 0 else word >> 64
    bitmap = pa.py_buffer(np.packbits(np.array(valid, dtype=np.uint8), bitorder="little").tobytes())
    array = pa.Array.from_buffers(MONEY, len(words), [bitmap, pa.py_buffer(data.tobytes())], null_count=valid.count(False))
    return pa.chunked_array([array])


def test_exact_money_reads_unscaled_values_and_knows_its_limits() -> None:
    found = exact_money(_decimals([12_500_000_000, 2**100, -3], [True, False, True]))
    assert found is not None
    values, scale = found
    assert scale == 10 and values.tolist() == [12_500_000_000, 0, -3]  # the null's slot held 2**100
    assert exact_money(_decimals([2**70], [True])) is None  # a value beyond 64 bits
    assert exact_money(_decimals([2**61, 2**61], [True, True])) is None  # sums could overflow
    assert exact_money(pa.chunked_array([pa.array([1.5])])) is None  # not a decimal
