"""Audit-log pages from the copies are the located SQL pages byte for byte, cursors included, on every
sort, order and filter of the public samples; the copies follow silver and are built once."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from api_support import RecordingEngine, local_settings
from fastapi.testclient import TestClient

from api.line_store.copies import silver_files, sync_copies
from api.main import create_app
from api.queries.line_item_columns import Order, SortKey
from sentinel.engines.duckdb_engine import DuckDBEngine

PAGES = "/api/v1/line-items"
CASES = 120


@pytest.fixture(scope="module")
def clients(sample_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, TestClient,
                                                                                           RecordingEngine]]:
    engine = RecordingEngine(DuckDBEngine(sample_home / "catalog.duckdb"))
    directory = tmp_path_factory.mktemp("copies")
    on = create_app(local_settings(sample_home, cache_entries=0, line_store=True, line_store_dir=directory),
                    engine=engine)
    off = create_app(local_settings(sample_home, cache_entries=0))
    with TestClient(on, base_url="http://127.0.0.1") as fast, TestClient(off, base_url="http://127.0.0.1") as plain:
        assert on.state.catalog.snapshot().line_store.wait(120)
        yield fast, plain, engine


def _values(db: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    return [v for (v,) in db.execute(sql).fetchall()]


def _cases(db: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    rng = random.Random(27)
    months = _values(db, "SELECT DISTINCT billing_period FROM silver.line_items ORDER BY 1")
    services = _values(db, "SELECT DISTINCT service_name FROM silver.line_items WHERE service_name IS NOT NULL")
    accounts = _values(db, "SELECT DISTINCT usage_account_id FROM silver.line_items")
    tags = db.execute("SELECT DISTINCT k, v FROM (SELECT unnest(map_keys(tags)) AS k, unnest(map_values(tags)) AS v "
                      "FROM silver.line_items) WHERE v IS NOT NULL ORDER BY 1, 2").fetchall()
    for _ in range(CASES):
        month = rng.choice(months)
        params: dict[str, Any] = {"start": f"{month}-01", "end": f"{month}-{rng.choice(['28', '30', '15'])}",
                                  "sort": rng.choice(list(SortKey)).value, "order": rng.choice(list(Order)).value,
                                  "limit": rng.choice([1, 7, 50, 100]), "view": rng.choice(["unblended", "amortized"])}
        if month == "2024-09" and rng.random() < 0.3:  # the FOCUS sample bills some of it in 2024-10
            params["end"] = "2024-10-31"
        kind = rng.random()
        if kind < 0.2:
            params["service"] = rng.sample(services, 2)
        elif kind < 0.35:
            params["account"] = [rng.choice(accounts), ""]
        elif kind < 0.5:
            key, value = rng.choice(tags)
            params["tag"] = [f"{key}={value}"]
        elif kind < 0.55:
            params["billing_period"] = [month]
        yield params


def test_pages_from_copies_are_the_sql_pages(clients: tuple[TestClient, TestClient, RecordingEngine],
                                             db: duckdb.DuckDBPyConnection) -> None:
    fast, plain, engine = clients
    pages = rows = 0
    for params in _cases(db):
        cursor = None
        for _ in range(3):
            query = {**params, **({"cursor": cursor} if cursor else {})}
            before = len(engine.executed)
            ours, theirs = fast.get(PAGES, params=query), plain.get(PAGES, params=query)
            assert ours.status_code == theirs.status_code == 200, (query, ours.text)
            assert [q.name for q, _ in engine.executed[before:]] == [], "the copies answered"
            assert ours.content == theirs.content, query
            body = ours.json()
            pages, rows = pages + 1, rows + len(body["items"])
            cursor = body["next_cursor"]
            if cursor is None:
                break
    assert pages > CASES and rows > 2000


def test_copies_follow_silver_and_are_built_once(sample_home: Path, tmp_path: Path) -> None:
    engine = DuckDBEngine(sample_home / "catalog.duckdb")
    files = silver_files(engine)
    built = dict(sync_copies(files, tmp_path, sorted(files)))
    assert sorted(built) == sorted(files) and all(p.is_file() for p in built.values())
    stamps = {p: p.stat().st_mtime_ns for p in built.values()}
    stale = tmp_path / "line_items-1999-01-deadbeef.arrow"
    stale.write_bytes(b"old")
    again = dict(sync_copies(files, tmp_path, sorted(files)))
    assert again == built and {p: p.stat().st_mtime_ns for p in again.values()} == stamps
    assert not stale.exists()
