"""A moto server on loopback standing in for S3, the Glue catalog and Athena; the stack's names inside it.

The server runs in this process; the job scripts (subprocesses) reach it through AWS_ENDPOINT_URL.
"""

from __future__ import annotations

import json
import os
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from sentinel.settings import Settings
from sentinel_assets.aws import clients

REGION = "us-east-1"


@dataclass
class Moto:
    endpoint: str

    def client(self, service: str) -> Any:
        return boto3.client(service, region_name=REGION, endpoint_url=self.endpoint)  # type: ignore[call-overload]


@pytest.fixture(scope="session")
def moto_server() -> Iterator[Moto]:
    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION",
                                             "AWS_REGION", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN")}
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION=REGION,
                      AWS_REGION=REGION, AWS_ENDPOINT_URL=endpoint)  # the job subprocesses inherit these
    os.environ.pop("AWS_SESSION_TOKEN", None)
    # Crawls finish after one more look (moto's default keeps them RUNNING until told otherwise).
    request = urllib.request.Request(
        f"{endpoint}/moto-api/state-manager/set-transition", method="POST",
        data=json.dumps({"model_name": "glue::crawl", "transition": {"progression": "immediate"}}).encode())
    urllib.request.urlopen(request, timeout=10).close()
    try:
        yield Moto(endpoint)
    finally:
        server.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        clients._clients.clear()


@dataclass
class Stack:
    """What the CDK stack would have created, under fresh names per test."""

    moto: Moto
    settings: Settings

    def upload_tree(self, folder: Path, prefix: str) -> None:
        s3 = self.moto.client("s3")
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            s3.upload_file(str(path), self.settings.landing_bucket, f"{prefix}{path.relative_to(folder).as_posix()}")


@pytest.fixture
def stack(moto_server: Moto, tmp_path: Path) -> Stack:
    suffix = uuid.uuid4().hex[:8]
    settings = Settings(
        env="aws", home=tmp_path / "home", aws_region=REGION, aws_endpoint_url=moto_server.endpoint,
        landing_bucket=f"landing-{suffix}", lake_bucket=f"lake-{suffix}", artifacts_bucket=f"artifacts-{suffix}",
        athena_results_bucket=f"athena-{suffix}", glue_database=f"sentinel_{suffix}",
        glue_crawler_raw=f"raw-{suffix}", glue_job_raw_to_silver=f"sentinel-{suffix}-raw-to-silver",
        glue_job_silver_to_gold=f"sentinel-{suffix}-silver-to-gold",
        glue_job_gold_to_anomalies=f"sentinel-{suffix}-gold-to-anomalies", aws_poll_seconds=0.2,
        check_engine="s3",  # moto's Athena does not run SQL; test_athena_checks.py covers the Athena flow
    )
    s3, glue = moto_server.client("s3"), moto_server.client("glue")
    for bucket in (settings.landing_bucket, settings.lake_bucket, settings.artifacts_bucket,
                   settings.athena_results_bucket):
        s3.create_bucket(Bucket=bucket)
    glue.create_database(DatabaseInput={"Name": settings.glue_database})
    for name in (settings.glue_job_raw_to_silver, settings.glue_job_silver_to_gold, settings.glue_job_gold_to_anomalies):
        arguments = {"--ENGINE": "duckdb", "--LAKE_ROOT": f"s3://{settings.lake_bucket}/"}  # the stack: spark
        glue.create_job(Name=name, Role="arn:aws:iam::123456789012:role/glue", GlueVersion="5.1",
                        Command={"Name": "glueetl", "ScriptLocation": f"s3://{settings.artifacts_bucket}/x.py"},
                        DefaultArguments=arguments)
    glue.create_crawler(Name=settings.glue_crawler_raw, Role="arn:aws:iam::123456789012:role/crawler",
                        DatabaseName=settings.glue_database, TablePrefix="raw_",
                        Targets={"S3Targets": [{"Path": f"s3://{settings.lake_bucket}/raw/"}]})
    return Stack(moto_server, settings)
