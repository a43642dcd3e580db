"""Audit-log copies on a tiny silver made to be awkward: ties on every sort key, nulls, '' and non-ASCII
text, two files in one period, a charge billed in the next period, NaN-free floats. Every page walk, in
both orders, is the located SQL walk byte for byte."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from api_support import RecordingEngine, local_settings
from fastapi.testclient import TestClient

from api.main import create_app
from api.queries.line_item_columns import Order, SortKey
from sentinel.engines.duckdb_engine import DuckDBEngine

MONEY = pa.decimal128(38, 10)
SERVICES = ["EC2", None, "", "Élastique", "S3"]


def _file(rows: int, seed: int, month: int) -> pa.Table:
    start = [datetime(2025, month, 1 + (i * seed) % 3, (i * 7) % 2, tzinfo=UTC) for i in range(rows)]
    if month == 2 and seed == 5:
        start[0] = datetime(2025, 1, 31, 23, tzinfo=UTC)  # usage of January billed in February
    return pa.table({
        "provider": ["AWS"] * rows,
        "usage_start": pa.array(start, pa.timestamp("us", tz="UTC")),
        "usage_end": pa.array([s + timedelta(hours=1) if i % 4 else None for i, s in enumerate(start)],
                              pa.timestamp("us", tz="UTC")),
        "usage_date": pa.array([s.date() for s in start], pa.date32()),
        "usage_account_id": [f"{(i + seed) % 3}" for i in range(rows)],
        "service_name": [SERVICES[(i * seed) % len(SERVICES)] for i in range(rows)],
        "region": ["us-east-1" if i % 3 else None for i in range(rows)],
        "resource_id": [f"r-{i % 4}" for i in range(rows)],
        "usage_type": ["Box" if i % 2 else "box" for i in range(rows)],
        "operation": ["Run"] * rows,
        "usage_amount": [float(i % 3) if i % 5 else None for i in range(rows)],
        "unblended_cost": pa.array([Decimal(i % 4) / 4 for i in range(rows)], MONEY),
        "net_unblended_cost": pa.array([Decimal(i % 3) if i % 2 else None for i in range(rows)], MONEY),
        "amortized_cost": pa.array([Decimal("0.0000000001") * (i % 2) for i in range(rows)], MONEY),
        "public_cost": pa.array([Decimal(-1) * (i % 2) for i in range(rows)], MONEY),
        "tags": pa.array([[("team", "a" if i % 2 else "b"), ("env", "prod")] if i % 3 else None for i in range(rows)],
                         pa.map_(pa.string(), pa.string())),
        "line_item_id": [f"li-{i % 5}" for i in range(rows)],
        "source_file": [f"s3://bucket/file-{seed}.csv"] * rows,
        **{column: [None if i % 6 == 0 else f"{column}-{i % 2}" for i in range(rows)] for column in (
            "payer_account_id", "usage_account_name", "service_code", "availability_zone", "line_item_type",
            "charge_category", "usage_unit", "pricing_term", "currency", "delivery_id", "invoice_id")},
    })


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tiny")
    silver = root / "lake" / "silver" / "line_items"
    for month, seeds in ((1, (1, 2)), (2, (5,))):
        folder = silver / f"billing_period=2025-{month:02d}"
        folder.mkdir(parents=True)
        for n, seed in enumerate(seeds):
            pq.write_table(_file(8 + seed, seed, month), folder / f"part-{n}.parquet")
    glob = str(silver / "billing_period=*" / "*.parquet")
    options = "hive_partitioning = true, hive_types = {'billing_period': VARCHAR}, union_by_name = true"
    with duckdb.connect(str(root / "catalog.duckdb")) as db:
        db.execute("CREATE SCHEMA silver")
        db.execute(f"CREATE VIEW silver.line_items AS SELECT * FROM read_parquet('{glob}', {options})")
        db.execute(f"CREATE VIEW silver.line_item_rows AS SELECT * FROM read_parquet('{glob}', {options}, "
                   "filename = true, file_row_number = true)")
    return root


@pytest.fixture(scope="module")
def clients(home: Path) -> Iterator[tuple[TestClient, TestClient, RecordingEngine]]:
    engine = RecordingEngine(DuckDBEngine(home / "catalog.duckdb"))
    on = create_app(local_settings(home, cache_entries=0, line_store=True, line_store_dir=home / "copies"),
                    engine=engine)
    off = create_app(local_settings(home, cache_entries=0))
    with TestClient(on, base_url="http://127.0.0.1") as fast, TestClient(off, base_url="http://127.0.0.1") as plain:
        assert on.state.catalog.snapshot().line_store.wait(60)
        yield fast, plain, engine


def _walk(client: TestClient, params: dict[str, Any]) -> list[bytes]:
    bodies, cursor = [], None
    for _ in range(200):
        response = client.get("/api/v1/line-items", params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        bodies.append(response.content)
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return bodies
    raise AssertionError("the walk did not end")


FILTERS: list[dict[str, Any]] = [
    {}, {"service": ["", "Élastique"]}, {"tag": ["team=a"]}, {"region": ["us-east-1"], "account": ["1"]},
    {"billing_period": ["2025-02"]},
]


@pytest.mark.parametrize(("sort", "order"), list(itertools.product(SortKey, Order)))
def test_every_walk_matches_sql(clients: tuple[TestClient, TestClient, RecordingEngine], sort: SortKey,
                                order: Order) -> None:
    fast, plain, engine = clients
    views = ["unblended", "net_unblended", "amortized", "public"] if sort is SortKey.cost else ["unblended"]
    for view, extra in itertools.product(views, FILTERS):
        params = {"start": "2025-01-01", "end": "2025-02-28", "sort": sort.value, "order": order.value,
                  "limit": 4 if extra else 1, "view": view, **extra}
        before = len(engine.executed)
        ours = _walk(fast, params)
        assert [q.name for q, _ in engine.executed[before:]] == [], params
        assert ours == _walk(plain, params), params


def test_a_range_inside_a_period_and_one_across(clients: tuple[TestClient, TestClient, RecordingEngine]) -> None:
    fast, plain, _ = clients
    for start, end in ((date(2025, 1, 2), date(2025, 1, 2)), (date(2025, 1, 31), date(2025, 2, 1))):
        params = {"start": start.isoformat(), "end": end.isoformat(), "limit": 3, "sort": "cost"}
        assert _walk(fast, params) == _walk(plain, params)
