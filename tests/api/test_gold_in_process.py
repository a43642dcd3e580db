"""SENTINEL_API_GOLD_ENGINE=duckdb: the Lambda answers gold from the published gold on S3 (moto), by release.

The samples' gold is published to a moto bucket in the layout the gold job writes (version folders and
one release object per period: sentinel_etl.s3_lake); the Mangum handler must answer summary, timeseries
and breakdown exactly as the local API does on the same data, without a single Athena query, and pick up a
new release on the next invocation.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import boto3
import pytest
from api_support import API_KEY, API_KEY_SHA256, local_settings
from fastapi.testclient import TestClient
from mangum import Mangum
from sentinel_etl.lake import LocalLake
from sentinel_etl.s3_lake import S3Lake
from test_lambda_handler import Context, body, v2_event

from api.main import create_app

BUCKET = "sentinel-lake"
READS = [
    ("/api/v1/summary", "start=2018-11-01&end=2018-11-30&view=amortized"),
    ("/api/v1/costs/timeseries", "start=2024-09-01&end=2024-09-30&group_by=service"),
    ("/api/v1/costs/breakdown", "start=2023-11-01&end=2023-11-30&dimension=account"),
    ("/api/v1/meta", ""),
]


def _client(endpoint: str, service: str) -> Any:
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1")  # type: ignore[call-overload]


def _publish(s3: Any, lake: LocalLake, period: str) -> None:
    """The period's local gold versions uploaded and released as the gold job does on S3."""
    remote = S3Lake(f"s3://{BUCKET}/")
    tables = {}
    for name, version in lake.release(period).items():
        if not name.startswith("gold."):
            continue
        key = f"_versions/{name.replace('.', '/')}/billing_period={period}/{os.path.basename(version)}/"
        for part in lake.parquet_files(version):
            s3.upload_file(part, BUCKET, key + os.path.basename(part))
        tables[name] = f"s3://{BUCKET}/{key}"
    s3.put_object(Bucket=BUCKET, Key=remote.release_key(period),
                  Body=json.dumps({"billing_period": period, "tables": tables}).encode())


@pytest.fixture(scope="module")
def published(moto_endpoint: str, sample_home: Path) -> list[str]:
    s3 = _client(moto_endpoint, "s3")
    s3.create_bucket(Bucket=BUCKET)
    lake = LocalLake(str(sample_home / "lake"))
    periods = sorted(p.name.removeprefix("billing_period=") for p in (sample_home / "lake" / "_current").iterdir())
    for period in periods:
        _publish(s3, lake, period)
    return periods


@pytest.fixture(scope="module")
def handler(moto_endpoint: str, published: list[str], tmp_path_factory: pytest.TempPathFactory) -> Mangum:
    settings = local_settings(
        tmp_path_factory.mktemp("lambda-home"), env="aws", bind_host=None, api_key_sha256=[API_KEY_SHA256],
        gold_engine="duckdb", lake_bucket=BUCKET, s3_endpoint_url=moto_endpoint, athena_endpoint_url=moto_endpoint,
        athena_region="us-east-1", gold_cache_dir=tmp_path_factory.mktemp("gold"), gold_check_seconds=0,
    )
    return Mangum(create_app(settings), lifespan="off")


def _get(handler: Mangum, path: str, query: str) -> Any:
    response = handler(v2_event(path, query, {"x-api-key": API_KEY}), Context())
    assert response["statusCode"] == 200, response
    return body(response)


def test_gold_is_answered_in_process_exactly_as_locally_without_athena(
        handler: Mangum, client: TestClient, moto_endpoint: str) -> None:
    athena = _client(moto_endpoint, "athena")
    before = athena.list_query_executions()["QueryExecutionIds"]  # moto's state is per process, not per server
    for path, query in READS:
        local = client.get(f"{path}?{query}")
        assert local.status_code == 200
        answer = _get(handler, path, query)
        if path.endswith("/meta"):
            assert [p["billing_period"] for p in answer["periods"]] == \
                [p["billing_period"] for p in local.json()["periods"]]
        else:
            answer.pop("source", None)
            expected = local.json()
            expected.pop("source", None)
            assert answer == expected, path
    assert athena.list_query_executions()["QueryExecutionIds"] == before


def test_a_new_release_is_picked_up_by_the_next_invocation(handler: Mangum, moto_endpoint: str, published: list[str],
                                                           sample_home: Path) -> None:
    s3 = _client(moto_endpoint, "s3")
    newest = published[-1]
    before = [p["billing_period"] for p in _get(handler, "/api/v1/meta", "")["periods"]]
    assert newest in before
    s3.delete_object(Bucket=BUCKET, Key=S3Lake(f"s3://{BUCKET}/").release_key(newest))
    assert newest not in [p["billing_period"] for p in _get(handler, "/api/v1/meta", "")["periods"]]
    _publish(s3, LocalLake(str(sample_home / "lake")), newest)
    assert [p["billing_period"] for p in _get(handler, "/api/v1/meta", "")["periods"]] == before
