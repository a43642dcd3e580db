"""Bad input is a clear 422, failures map to 5xx with a request id and never a stack trace."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from api_support import local_settings
from fastapi.testclient import TestClient

from api.main import create_app
from sentinel.engines.base import (
    CatalogUnavailable,
    EngineError,
    Query,
    QueryEngine,
    QueryTimeout,
    Result,
    UpstreamError,
)
from sentinel.engines.duckdb_engine import DuckDBEngine

NOV = {"start": "2018-11-01", "end": "2018-11-30"}


@pytest.mark.parametrize(("path", "params", "field"), [
    ("/api/v1/costs/breakdown", {"dimension": "colour"}, "dimension"),
    ("/api/v1/costs/timeseries", {"group_by": "unit"}, "group_by"),
    ("/api/v1/dimensions/colour/values", {}, "dimension"),
    ("/api/v1/summary", {"start": "2018-11-30", "end": "2018-11-01"}, "end"),
    ("/api/v1/summary", {"start": "2018-11-01", "end": "2030-11-01"}, "end"),
    ("/api/v1/costs/timeseries", {"start": "2018-01-01", "end": "2019-06-30"}, "end"),  # > 400 days daily
    ("/api/v1/line-items", {**NOV, "limit": 1001}, "limit"),
    ("/api/v1/line-items", {**NOV, "limit": 0}, "limit"),
    ("/api/v1/line-items", {**NOV, "cursor": "not-a-cursor"}, "cursor"),
    ("/api/v1/line-items", {**NOV, "cursor": "eyJ2IjoxfQ.AAAA"}, "cursor"),
    ("/api/v1/line-items", {"start": "2018-01-01", "end": "2019-06-30"}, "end"),
    ("/api/v1/summary", {"start": "yesterday"}, "start"),
    ("/api/v1/summary", {"start": "1970-01-01"}, "start"),
    ("/api/v1/summary", {"view": "blended"}, "view"),
    ("/api/v1/summary", {"tag": "no-equals-sign"}, "tag"),
    ("/api/v1/summary", {"service": "bad\x00byte"}, "service"),
    ("/api/v1/summary", {"movers_by": "tag"}, "movers_by"),
    ("/api/v1/costs/breakdown", {"dimension": "tag"}, "tag_key"),
    ("/api/v1/costs/breakdown", {"dimension": "service", "tag_key": "env"}, "tag_key"),
    ("/api/v1/costs/breakdown", {"dimension": "operation", "tag": "env=prod"}, "dimension"),
    ("/api/v1/costs/breakdown", {"tag": ["env=prod", "team=a"]}, "tag"),
    ("/api/v1/costs/breakdown", {"top": 101}, "top"),
    ("/api/v1/costs/timeseries", {"granularity": "week"}, "granularity"),
    ("/api/v1/line-items", {"sort": "line_item_id"}, "sort"),
])
def test_bad_input_is_a_422_naming_the_parameter(client: TestClient, path: str, params: dict[str, Any],
                                                 field: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert any(field in [str(p) for p in error["loc"]] for error in body["detail"]), body
    assert body["message"] and body["request_id"] == response.headers["x-request-id"]


def test_too_many_filter_values(client: TestClient) -> None:
    response = client.get("/api/v1/summary", params={"service": [f"s{i}" for i in range(101)]})
    assert response.status_code == 422


def test_unknown_api_path_is_a_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/nope")
    assert response.status_code == 404 and response.json()["detail"] == "Not Found"


def test_request_id_is_echoed_when_sane_and_replaced_otherwise(client: TestClient) -> None:
    assert client.get("/api/v1/health", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
    replaced = client.get("/api/v1/health", headers={"X-Request-ID": "a b<script>"}).headers["x-request-id"]
    assert replaced != "a b<script>" and len(replaced) == 32


class FailingEngine(QueryEngine):
    name = "duckdb"
    dialect = "duckdb"

    def __init__(self, inner: QueryEngine, error: Exception):
        self.inner, self.error = inner, error

    def execute(self, query: Query) -> Result:
        if query.name == "period_summary":
            return self.inner.execute(query)
        raise self.error

    def stream(self, query: Query, batch_rows: int) -> Iterator[Any]:
        raise self.error

    def version(self) -> str:
        return self.inner.version()

    def has_table(self, name: str) -> bool:
        return self.inner.has_table(name)


@pytest.mark.parametrize(("error", "status"), [
    (UpstreamError("Athena failed query summary_totals"), 502),
    (QueryTimeout("Athena did not answer summary_totals in 25 s"), 504),
    (CatalogUnavailable("no local catalog yet"), 503),
    (EngineError("query failed"), 502),
    (RuntimeError("secret internals /etc/passwd SELECT *"), 500),
    (ZeroDivisionError("boom"), 500),
])
@pytest.mark.parametrize("path", ["/api/v1/summary", "/api/v1/line-items/export.csv"])
def test_failures_map_to_5xx_with_a_request_id(sample_home, catalog_path, error, status, path) -> None:
    app = create_app(local_settings(sample_home), engine=FailingEngine(DuckDBEngine(catalog_path), error))
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        response = client.get(path, params=NOV)
    assert response.status_code == status
    body = response.json()
    assert body["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in response.text and "secret" not in response.text and "SELECT" not in response.text
    if status == 500:
        assert body["detail"] == "Internal Server Error"


def test_missing_catalog_is_503(tmp_path) -> None:
    app = create_app(local_settings(tmp_path))
    with TestClient(app, base_url="http://localhost") as client:
        response = client.get("/api/v1/meta")
    assert response.status_code == 503 and "sentinel run" in response.json()["detail"]
