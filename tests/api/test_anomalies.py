"""GET /anomalies and /anomalies/{id} over a generated history with known anomalies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb
import pytest
from anomaly_build import AnomalyHistory
from api_support import local_settings
from fastapi.testclient import TestClient

from api.main import create_app


@pytest.fixture(scope="module")
def client(anomaly_history: AnomalyHistory) -> Iterator[TestClient]:
    with TestClient(create_app(local_settings(anomaly_history.home)), base_url="http://localhost",
                    raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def stored(anomaly_history: AnomalyHistory) -> list[dict[str, Any]]:
    """gold.cost_anomalies read straight from the catalog, to compare the API with."""
    connection = duckdb.connect(str(anomaly_history.home / "catalog.duckdb"), read_only=True)
    relation = connection.sql("SELECT * FROM gold.cost_anomalies")
    rows = [dict(zip(relation.columns, r, strict=True)) for r in relation.fetchall()]
    connection.close()
    return rows


def _list(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/anomalies", params={"start": "2024-01-01", "end": "2024-03-31", **params})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_the_list_has_every_stored_anomaly_biggest_first(client: TestClient, stored: list[dict[str, Any]]) -> None:
    body = _list(client)
    assert body["matched"] == len(stored) == len(body["anomalies"]) > 0
    impacts = [a["impact"] for a in body["anomalies"]]
    assert impacts == sorted(impacts, reverse=True)
    assert body["open_impact"] == pytest.approx(float(sum(r["impact"] for r in stored if r["status"] != "withdrawn")))
    assert body["view"] == "amortized"
    first = body["anomalies"][0]
    assert first["drivers"] and first["impact"] == pytest.approx(first["actual_cost"] - first["expected_cost"])


def test_filters_status_min_impact_and_sort(client: TestClient, stored: list[dict[str, Any]]) -> None:
    account = stored[0]["usage_account_id"]
    by_account = _list(client, account=account)["anomalies"]
    assert by_account and {a["account"] for a in by_account} == {account}
    assert len(by_account) == sum(r["usage_account_id"] == account for r in stored)
    big = _list(client, min_impact=500)["anomalies"]
    assert all(a["impact"] >= 500 for a in big) and len(big) == sum(r["impact"] >= 500 for r in stored)
    assert _list(client, status="withdrawn")["anomalies"] == []
    new = _list(client, status="new")["anomalies"]
    assert {a["status"] for a in new} == {"new"}
    dates = [a["usage_date"] for a in _list(client, sort="date")["anomalies"]]
    assert dates == sorted(dates, reverse=True)
    assert len(_list(client, limit=2)["anomalies"]) == 2 and _list(client, limit=2)["matched"] == len(stored)


def test_an_unsupported_filter_is_a_clear_error(client: TestClient) -> None:
    response = client.get("/api/v1/anomalies", params={"region": "us-east-1"})
    assert response.status_code == 422
    assert "anomalies filter on account, billing_period, service" in response.json()["message"]
    assert client.get("/api/v1/anomalies", params={"status": "gone"}).status_code == 422


def test_one_anomaly_has_its_series_and_band(client: TestClient) -> None:
    listed = _list(client)["anomalies"][0]
    response = client.get(f"/api/v1/anomalies/{listed['anomaly_id']}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["anomaly"] == listed
    series = {p["usage_date"]: p for p in body["series"]}
    day = series[listed["usage_date"]]
    assert day["flagged"] and day["actual"] == pytest.approx(listed["actual_cost"])
    assert day["expected"] == pytest.approx(listed["expected_cost"], abs=1e-5)  # the detector's own baseline
    assert day["actual"] >= day["high"] > day["expected"] >= day["low"] >= 0
    assert 20 <= len(series) <= 29
    quiet = [p for p in body["series"] if not p["flagged"] and p["expected"] is not None]
    assert quiet and all(p["actual"] < p["high"] for p in quiet)


def test_an_unknown_anomaly_is_404(client: TestClient) -> None:
    assert client.get("/api/v1/anomalies/0123456789abcdef").status_code == 404
    assert client.get("/api/v1/anomalies/not-an-id").status_code == 422
