"""The audit log: keyset pages visit every row exactly once, in order; the CSV export is RFC 4180."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from api_support import local_settings
from fastapi.testclient import TestClient

from api.main import create_app
from api.queries.line_items import LOCATED_LINE_ITEMS
from sentinel.engines.duckdb_engine import DuckDBEngine

SEPT = {"start": "2024-09-01", "end": "2024-09-30"}


def walk(client: TestClient, params: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(10_000):
        response = client.get("/api/v1/line-items", params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["items"]) <= params["limit"]
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def identity(item: dict[str, Any]) -> str:
    return json.dumps(item, sort_keys=True)


class TupleKeysetEngine(DuckDBEngine):
    """The local catalog without row positions: pages by the tiebreak tuple, as on Athena."""

    def has_table(self, name: str) -> bool:
        return name != LOCATED_LINE_ITEMS and super().has_table(name)


@pytest.fixture(scope="module", params=["located", "tuple"])
def paging_client(request: pytest.FixtureRequest, sample_home: Path, catalog_path: Path) -> Iterator[TestClient]:
    engine = TupleKeysetEngine(catalog_path) if request.param == "tuple" else DuckDBEngine(catalog_path)
    assert engine.has_table(LOCATED_LINE_ITEMS) is (request.param != "tuple")
    app = create_app(local_settings(sample_home, cache_entries=0), engine=engine)
    with TestClient(app, base_url="http://localhost") as test_client:
        yield test_client


@pytest.mark.parametrize(("sort", "order", "limit"), [
    ("usage_start", "desc", 97), ("usage_start", "asc", 250), ("cost", "desc", 113), ("cost", "asc", 64),
    ("service", "asc", 300), ("resource_id", "desc", 128), ("usage_amount", "asc", 500),
])
def test_pages_visit_every_row_once_in_order(paging_client: TestClient, db: duckdb.DuckDBPyConnection,
                                              sort: str, order: str, limit: int) -> None:
    items = walk(paging_client, {**SEPT, "sort": sort, "order": order, "limit": limit})
    (expected,) = db.execute("SELECT count(*) FROM silver.line_items WHERE usage_date BETWEEN ? AND ?",
                             [SEPT["start"], SEPT["end"]]).fetchone()
    assert len(items) == expected == 1000
    assert len({identity(i) for i in items}) == len(items)  # no row twice
    key = {"cost": "cost", "usage_start": "usage_start", "service": "service", "resource_id": "resource_id",
           "usage_amount": "usage_amount"}[sort]
    values = [(i[key] if i[key] is not None else ("" if sort in ("service", "resource_id") else 0)) for i in items]
    assert values == sorted(values, reverse=order == "desc")


def test_filters_and_tags_on_silver(paging_client: TestClient, db: duckdb.DuckDBPyConnection) -> None:
    params = {"start": "2018-11-01", "end": "2018-11-30", "tag": ["user_environment=Production",
              "user_cost_center=Cost006"], "service": "Amazon Elastic Compute Cloud", "limit": 1000}
    items = walk(paging_client, params)
    (expected,) = db.execute(
        "SELECT count(*) FROM silver.line_items WHERE billing_period = '2018-11' AND service_name = ? "
        "AND tags['user_environment'] = 'Production' AND tags['user_cost_center'] = 'Cost006'",
        ["Amazon Elastic Compute Cloud"]).fetchone()
    assert len(items) == expected > 0
    assert all(i["tags"]["user_cost_center"] == "Cost006" for i in items)


def test_empty_value_matches_missing_values(client: TestClient, db: duckdb.DuckDBPyConnection) -> None:
    body = client.get("/api/v1/line-items", params={**SEPT, "region": "", "limit": 1000}).json()
    (expected,) = db.execute("SELECT count(*) FROM silver.line_items WHERE usage_date BETWEEN ? AND ? AND "
                             "coalesce(region, '') = ''", [SEPT["start"], SEPT["end"]]).fetchone()
    assert len(body["items"]) == expected > 0


def test_a_cursor_is_bound_to_its_filters_sort_and_signature(paging_client: TestClient) -> None:
    client = paging_client
    first = client.get("/api/v1/line-items", params={**SEPT, "limit": 10}).json()
    cursor = first["next_cursor"]
    assert client.get("/api/v1/line-items", params={**SEPT, "limit": 10, "cursor": cursor}).status_code == 200
    for changed in ({"provider": "AWS"}, {"sort": "cost"}, {"order": "asc"}, {"view": "amortized"},
                    {"end": "2024-09-29"}):
        response = client.get("/api/v1/line-items", params={**SEPT, "limit": 10, "cursor": cursor, **changed})
        assert response.status_code == 422, changed
    body, signature = cursor.split(".")
    tampered = body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + signature
    assert client.get("/api/v1/line-items", params={**SEPT, "cursor": tampered}).status_code == 422


@pytest.fixture(params=["located", "tuple"])
def duplicates_app(request: pytest.FixtureRequest, tmp_path: Path, catalog_path: Path) -> TestClient:
    """A catalog whose silver holds byte-identical rows, which no tiebreak tuple can tell apart (only row
    positions can)."""
    path = tmp_path / "catalog.duckdb"
    connection = duckdb.connect(str(path))
    connection.execute(f"ATTACH '{catalog_path}' AS src (READ_ONLY)")
    connection.execute("CREATE SCHEMA silver; CREATE SCHEMA gold")
    connection.execute("CREATE TABLE gold.period_summary AS SELECT * FROM src.gold.period_summary")
    connection.execute(
        "CREATE TABLE silver.line_items AS SELECT s.* FROM (SELECT * FROM src.silver.line_items "
        "WHERE billing_period = '2024-10' UNION ALL SELECT * FROM src.silver.line_items WHERE billing_period = "
        "'2024-09' AND provider = 'Oracle') AS s, range(5)"
    )
    if request.param == "located":
        connection.execute("CREATE TABLE silver.line_item_rows AS SELECT *, 'part-0.parquet' AS filename, "
                           "row_number() OVER () - 1 AS file_row_number FROM silver.line_items")
    connection.close()
    app = create_app(local_settings(tmp_path, cache_entries=0), engine=DuckDBEngine(path))
    return TestClient(app, base_url="http://localhost")


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 7])
def test_identical_rows_are_neither_skipped_nor_repeated(duplicates_app: TestClient, limit: int) -> None:
    items = walk(duplicates_app, {**SEPT, "limit": limit})
    assert len(items) == 35  # 7 distinct rows, 5 copies each
    assert set(Counter(identity(i) for i in items).values()) == {5}


def test_the_export_file_name_carries_the_view_and_the_filters(client: TestClient) -> None:
    response = client.get("/api/v1/line-items/export.csv", params=[
        ("start", "2018-11-01"), ("end", "2018-11-02"), ("view", "amortized"),
        ("service", "Amazon Elastic Compute Cloud"), ("service", "AWS Glue"), ("tag", "user:team=data/ml")])
    assert response.status_code == 200
    name = response.headers["content-disposition"].removeprefix('attachment; filename="').removesuffix('"')
    assert name.startswith("sentinel-line-items_2018-11-01_2018-11-02_amortized_service-")
    assert "+1" in name and "_tag-user-team-data-ml" in name and name.endswith(".csv")
    assert all(c.isalnum() or c in "._-+" for c in name)  # nothing a file system or a header could trip on


def test_export_is_rfc4180_with_a_header_and_a_named_file(client: TestClient,
                                                          db: duckdb.DuckDBPyConnection) -> None:
    response = client.get("/api/v1/line-items/export.csv", params={"start": "2018-11-01", "end": "2018-11-30"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == (
        'attachment; filename="sentinel-line-items_2018-11-01_2018-11-30_unblended.csv"')
    text = response.text
    assert text.startswith('"billing_period","provider","usage_date"') and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, data = rows[0], rows[1:]
    assert len(data) == 124_340
    assert all(len(r) == len(header) for r in data)
    column = header.index("tags")
    tagged = [json.loads(r[column]) for r in data if r[column]]
    assert tagged and all(isinstance(t, dict) for t in tagged)
    sample = dict(zip(header, data[0], strict=True))
    assert len(sample["usage_start"]) == 19  # YYYY-MM-DD HH:MM:SS, UTC


def test_export_of_nothing_is_just_the_header(client: TestClient) -> None:
    response = client.get("/api/v1/line-items/export.csv", params={"start": "2020-01-01", "end": "2020-01-31"})
    assert response.status_code == 200
    assert response.text.count("\r\n") == 1 and response.text.startswith('"billing_period"')


def test_line_item_fields(client: TestClient) -> None:
    body = client.get("/api/v1/line-items", params={**SEPT, "limit": 5, "view": "public", "provider": "Oracle"}).json()
    assert body["view"] == "public" and body["sort"] == "usage_start" and body["order"] == "desc"
    for item in body["items"]:
        assert item["provider"] == "Oracle"
        assert item["cost"] == item["public_cost"]
        assert item["usage_start"].endswith("Z")
        assert isinstance(item["tags"], dict)


@pytest.mark.parametrize(("sort", "position", "forged"), [
    ("usage_start", 0, "0001-01-01T00:00:00+05:00"),  # before year 1 in UTC
    ("usage_start", 0, "9999-12-31T23:59:59-05:00"),  # after year 9999 in UTC
    ("cost", 0, "1e999999"),
    ("cost", 0, "1e30"),  # beyond DECIMAL(38,10)
    ("cost", 0, "0.00000000001"),  # finer than DECIMAL(38,10)
    ("usage_start", 0, 12),  # not a string
])
def test_a_forged_cursor_is_a_422_never_a_500(sample_home: Path, catalog_path: Path, sort: str, position: int,
                                              forged: object) -> None:
    """Signed with the server's own secret (as someone who guessed a default secret could), so only the
    value checks stand between the cursor and the engine."""
    from api.pagination import CursorPayload

    app = create_app(local_settings(sample_home, cache_entries=0), engine=DuckDBEngine(catalog_path))
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        params = {**SEPT, "limit": 5, "sort": sort}
        cursor = client.get("/api/v1/line-items", params=params).json()["next_cursor"]
        codec = app.state.cursor_codec
        payload = codec.decode(cursor)
        values = list(payload.values)
        values[position] = forged
        for seen in (payload.seen, 10**40):
            token = codec.encode(CursorPayload(payload.fingerprint, values, seen))
            response = client.get("/api/v1/line-items", params={**params, "cursor": token})
            assert response.status_code == 422, (forged, seen, response.text)
            assert response.json()["detail"][0]["loc"][-1] == "cursor"
