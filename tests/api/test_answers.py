"""Answers are cached per catalog version as the exact JSON bytes, within a size bound; the summary's parts
that other summaries share (active counts, the open month) are computed once; misses queue for a query slot
while cached answers are served at once."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest
from api_support import RecordingEngine, local_settings
from fastapi.testclient import TestClient
from pydantic import BaseModel

from api.main import create_app
from api.schemas import Breakdown, DimensionValues, LineItemPage, Summary, Timeseries
from api.snapshot import Catalog
from sentinel.engines.base import Query, Result
from sentinel.engines.duckdb_engine import DuckDBEngine

NOV = {"start": "2018-11-01", "end": "2018-11-30"}


@pytest.fixture()
def fresh(sample_home: Path) -> tuple[TestClient, RecordingEngine]:
    """A client whose answer cache starts empty, with the statements it runs recorded."""
    engine = RecordingEngine(DuckDBEngine(sample_home / "catalog.duckdb"))
    return TestClient(create_app(local_settings(sample_home), engine=engine), base_url="http://127.0.0.1"), engine


@pytest.mark.parametrize(("path", "params", "model"), [
    ("/api/v1/summary", NOV, Summary),
    ("/api/v1/costs/timeseries", {**NOV, "group_by": "service"}, Timeseries),
    ("/api/v1/costs/breakdown", {**NOV, "dimension": "region"}, Breakdown),
    ("/api/v1/dimensions/service/values", NOV, DimensionValues),
    ("/api/v1/line-items", {**NOV, "limit": 5}, LineItemPage),
])
def test_a_repeat_is_the_same_bytes_and_runs_no_query(
    fresh: tuple[TestClient, RecordingEngine], path: str, params: dict[str, str], model: type[BaseModel]
) -> None:
    client, engine = fresh
    first = client.get(path, params=params)
    assert first.status_code == 200 and first.headers["x-cache"] == "miss"
    assert first.headers["content-type"] == "application/json"
    model.model_validate_json(first.content)  # the bytes are the declared response model
    ran = len(engine.executed)
    again = client.get(path, params=params)
    assert again.headers["x-cache"] == "hit" and again.content == first.content
    assert len(engine.executed) == ran


def _names(engine: RecordingEngine, since: int) -> list[str]:
    return sorted(query.name for query, _ in engine.executed[since:])


def test_a_summary_is_one_round_of_statements(fresh: tuple[TestClient, RecordingEngine]) -> None:
    client, engine = fresh
    client.get("/api/v1/summary", params=NOV)  # loads the period index
    start = len(engine.executed)
    client.get("/api/v1/summary", params={**NOV, "view": "amortized"})
    assert _names(engine, start) == ["summary_counts", "summary_month_to_date", "summary_totals"]
    start = len(engine.executed)
    assert client.get("/api/v1/summary", params={**NOV, "view": "amortized"}).headers["X-Cache"] == "hit"
    assert _names(engine, start) == []


def test_the_cache_is_bounded_by_size(sample_home: Path) -> None:
    catalog = Catalog(DuckDBEngine(sample_home / "catalog.duckdb"), cache_entries=100, cache_bytes=1800)
    snapshot = catalog.snapshot()
    for name in ("a", "b", "c"):
        catalog.store(snapshot, (name,), name.encode() * 400)  # about 660 bytes each, key and overhead included
    assert catalog.peek(snapshot, ("a",)) is None  # the oldest made room
    assert catalog.peek(snapshot, ("b",)) == b"b" * 400 and catalog.peek(snapshot, ("c",)) == b"c" * 400
    held = catalog.cached_bytes
    catalog.store(snapshot, ("c",), b"c" * 100)  # replacing an answer does not count it twice
    assert catalog.cached_bytes == held - 300
    catalog.store(snapshot, ("big",), b"x" * 3000)  # larger than the whole cache: not kept, nothing evicted
    assert catalog.peek(snapshot, ("big",)) is None and catalog.cached_bytes == held - 300
    catalog.store(snapshot, ("k" * 1500,), b"")  # a long key counts: it pushes b out
    assert catalog.peek(snapshot, ("b",)) is None


class SlowEngine(RecordingEngine):
    """Takes a while per statement and records how many ran at once."""

    running = 0
    most = 0

    def execute(self, query: Query) -> Result:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(0.05)
            return super().execute(query)
        finally:
            with self._lock:
                self.running -= 1


def test_queries_wait_for_a_slot_and_cached_answers_do_not(sample_home: Path) -> None:
    engine = SlowEngine(DuckDBEngine(sample_home / "catalog.duckdb"))
    app = create_app(local_settings(sample_home, query_concurrency=1), engine=engine)

    async def scenario() -> tuple[float, list[int]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
            await http.get("/api/v1/costs/breakdown", params=NOV)  # cached from now on
            slow = [http.get("/api/v1/costs/breakdown", params={**NOV, "dimension": d})
                    for d in ("region", "account", "charge_category", "provider")]
            pending = [asyncio.ensure_future(request) for request in slow]
            await asyncio.sleep(0.02)
            began = time.perf_counter()
            hit = await http.get("/api/v1/costs/breakdown", params=NOV)
            waited = time.perf_counter() - began
            assert hit.headers["x-cache"] == "hit"
            return waited, [r.status_code for r in await asyncio.gather(*pending)]

    waited, statuses = asyncio.run(scenario())
    assert statuses == [200] * 4 and engine.most == 1  # one statement at a time
    assert waited < 0.05  # answered while four misses (0.2 s of statements) were queued
