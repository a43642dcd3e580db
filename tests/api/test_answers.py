"""Answers are cached per catalog version as the exact JSON bytes, and the summary's parts that other
summaries share (active counts, the open month) are computed once."""

from __future__ import annotations

from pathlib import Path

import pytest
from api_support import RecordingEngine, local_settings
from fastapi.testclient import TestClient
from pydantic import BaseModel

from api.engines.duckdb_engine import DuckDBEngine
from api.main import create_app
from api.schemas import Breakdown, DimensionValues, LineItemPage, Summary, Timeseries

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


def test_summary_parts_are_shared_by_views_and_ranges(fresh: tuple[TestClient, RecordingEngine],
                                                      sample_home: Path) -> None:
    client, engine = fresh
    client.get("/api/v1/summary", params=NOV)
    start = len(engine.executed)
    amortized = client.get("/api/v1/summary", params={**NOV, "view": "amortized"}).json()
    # The active counts do not depend on the view.
    assert _names(engine, start) == ["summary_month_to_date", "summary_totals"]
    start = len(engine.executed)
    half = client.get("/api/v1/summary", params={"start": "2018-11-01", "end": "2018-11-15"}).json()
    # The open month's month-to-date does not depend on the range.
    assert _names(engine, start) == ["summary_counts", "summary_totals"]

    uncached = TestClient(create_app(local_settings(sample_home, cache_entries=0)), base_url="http://127.0.0.1")
    assert uncached.get("/api/v1/summary", params={**NOV, "view": "amortized"}).json() == amortized
    assert uncached.get("/api/v1/summary", params={"start": "2018-11-01", "end": "2018-11-15"}).json() == half
