"""Warm Lambda invocations with SENTINEL_API_GOLD_ENGINE=duckdb, against a moto S3 holding published gold.

    .venv/bin/python benchmarks/lambda_gold.py                       # the public samples (built once)
    .venv/bin/python benchmarks/lambda_gold.py --home ~/.sentinel    # any SENTINEL_HOME built by `sentinel run`

Each period's gold of a built home is published to a moto bucket by the S3 lake's own publish (version
folders, the release object, the catalog partitions), then the Mangum handler of the deployed function is
invoked in this process as Lambda does: a cold first call, warm calls to summary, timeseries and breakdown
(the answer cache off, so every call runs its statements), a republished period, and Athena's execution
count before and after. Target: warm p95 <= 100 ms per endpoint, no Athena statement.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mangum.types import LambdaCognitoIdentity, LambdaMobileClientContext

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "glue_scripts")]

BUCKET = "sentinel-lake"
API_KEY = "benchmark-key"
TARGET_P95_MS = 100


def build_samples(work: Path) -> Path:
    home = work / "samples-home"
    if (home / "catalog.duckdb").is_file():
        return home
    landing = work / "samples-landing"
    shutil.rmtree(landing, ignore_errors=True)
    landing.mkdir(parents=True)
    for path in sorted((REPO / "samples").iterdir()):
        if path.suffix in (".csv", ".parquet"):
            shutil.copy2(path, landing / path.name)
    env = {**os.environ, "SENTINEL_HOME": str(home), "SENTINEL_ENV": "local"}
    subprocess.run([sys.executable, "-m", "sentinel.cli", "run", "--source", str(landing)], env=env, check=True,
                   cwd=REPO, stdout=subprocess.DEVNULL)
    return home


def publish_gold(home: Path, periods: list[str]) -> float:
    """The periods' local gold versions published to S3 as the gold job publishes them; seconds taken."""
    from sentinel_etl.lake import LocalLake
    from sentinel_etl.s3_lake import S3Lake

    local = LocalLake(str(home / "lake"))
    # The S3 lake uploads a version from its scratch folder under the same relative key: the local lake's
    # root is laid out exactly so (_versions/<layer>/<table>/billing_period=P/<version>/).
    remote = S3Lake(f"s3://{BUCKET}/", _scratch=os.path.realpath(local.root))
    began = time.perf_counter()
    for period in periods:
        versions = {(name.split(".", 1)[0], name.split(".", 1)[1]): version for name, version in local.release(period).items()
                    if name.startswith("gold.")}
        remote.publish(period, versions)
    return time.perf_counter() - began


def event(path: str, query: str) -> dict[str, Any]:
    """An API Gateway HTTP API (payload 2.0) request, as the deployed function receives it."""
    host = "abc.execute-api.eu-west-1.amazonaws.com"
    return {
        "version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": query,
        "headers": {"host": host, "x-api-key": API_KEY},
        "requestContext": {"accountId": "123456789012", "apiId": "abc", "domainName": host, "requestId": "r",
                           "http": {"method": "GET", "path": path, "protocol": "HTTP/1.1",
                                    "sourceIp": "203.0.113.9", "userAgent": "benchmark"},
                           "routeKey": "$default", "stage": "$default"},
        "isBase64Encoded": False,
    }


class Context:
    """What Lambda passes beside the event (mangum.types.LambdaContext)."""

    function_name = "sentinel-api"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:sentinel-api"
    memory_limit_in_mb = 1024
    aws_request_id = "benchmark"
    log_group_name = "/aws/lambda/sentinel-api"
    log_stream_name = "benchmark"
    identity: LambdaCognitoIdentity | None = None
    client_context: LambdaMobileClientContext | None = None

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def month_range(period: str) -> tuple[str, str]:
    from datetime import date, timedelta

    first = date.fromisoformat(period + "-01")
    following = (first + timedelta(days=32)).replace(day=1)
    return first.isoformat(), (following - timedelta(days=1)).isoformat()


def request(rng: random.Random, endpoint: str, periods: list[str]) -> tuple[str, str]:
    start, _ = month_range(rng.choice(periods))
    _, end = month_range(rng.choice([p for p in periods if p + "-01" >= start]))
    view = rng.choice(["unblended", "amortized", "net_unblended", "public"])
    if endpoint == "summary":
        return "/api/v1/summary", f"start={start}&end={end}&view={view}"
    if endpoint == "timeseries":
        granularity = rng.choice(["day", "month"])
        if granularity == "day":  # daily series are limited to 400 days: one period
            start, end = month_range(rng.choice(periods))
        group = rng.choice(["", "&group_by=service", "&group_by=account", "&group_by=region"])
        return "/api/v1/costs/timeseries", f"start={start}&end={end}&view={view}&granularity={granularity}{group}"
    dimension = rng.choice(["service", "account", "region", "usage_type", "operation", "charge_category"])
    return "/api/v1/costs/breakdown", f"start={start}&end={end}&view={view}&dimension={dimension}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, help="a SENTINEL_HOME built by `sentinel run` (default: the samples)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/sentinel-bench-lambda"))
    parser.add_argument("--invocations", type=int, default=200, help="warm invocations per endpoint")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    home = args.home or build_samples(args.work)

    import hashlib

    import boto3
    from mangum import Mangum
    from moto.server import ThreadedMotoServer
    from pydantic import SecretStr

    from api.main import create_app
    from api.settings import ApiSettings

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    os.environ.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint})
    try:
        s3, athena = boto3.client("s3"), boto3.client("athena")
        s3.create_bucket(Bucket=BUCKET)
        boto3.client("glue").create_database(DatabaseInput={"Name": "sentinel"})
        periods = sorted(p.name.removeprefix("billing_period=") for p in (home / "lake" / "_current").iterdir())
        seconds = publish_gold(home, periods)
        gold_bytes = sum(o["Size"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
                         for o in page.get("Contents", []))
        print(f"published gold of {len(periods)} periods ({gold_bytes / 1e6:,.1f} MB) to moto S3 in {seconds:.1f} s")

        cache = Path(tempfile.mkdtemp(prefix="sentinel-gold-", dir=args.work))
        settings = ApiSettings(
            env="aws", bind_host=None, web_dist=None, cursor_secret=SecretStr("benchmark-secret"), cache_entries=0,
            api_key_sha256=[hashlib.sha256(API_KEY.encode()).hexdigest()], gold_engine="duckdb",
            lake_bucket=BUCKET, s3_endpoint_url=endpoint, athena_endpoint_url=endpoint, athena_region="us-east-1",
            gold_cache_dir=cache,
        )
        before = len(athena.list_query_executions()["QueryExecutionIds"])
        began = time.perf_counter()
        handler = Mangum(create_app(settings), lifespan="off")
        path, query = request(random.Random(0), "summary", periods)
        first = handler(event(path, query), Context())
        cold = time.perf_counter() - began
        assert first["statusCode"] == 200, first
        print(f"cold start (app, first release check, gold copied and cataloged, first summary): {cold * 1000:,.0f} ms")

        print(f"\n{'endpoint':<12}{'invocations':>12}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  target")
        for name in ("summary", "timeseries", "breakdown"):
            rng, latencies = random.Random(name), []
            for _ in range(args.invocations):
                path, query = request(rng, name, periods)
                t = time.perf_counter()
                response = handler(event(path, query), Context())
                latencies.append((time.perf_counter() - t) * 1000)
                assert response["statusCode"] == 200, response
            p95 = percentile(latencies, 95)
            print(f"{name:<12}{len(latencies):>12}{percentile(latencies, 50):>9.1f}{p95:>9.1f}{max(latencies):>9.1f}"
                  f"  p95 <= {TARGET_P95_MS} ms: {'ok' if p95 <= TARGET_P95_MS else 'MISSED'}")

        newest = periods[-1]
        publish_gold(home, [newest])  # a new release object for the period (same data, new publish time)
        time.sleep(settings.gold_check_seconds)
        path, query = request(random.Random(1), "summary", periods)
        t = time.perf_counter()
        assert handler(event(path, query), Context())["statusCode"] == 200
        print(f"\nfirst invocation after {newest} was republished (release check and catalog refresh): "
              f"{(time.perf_counter() - t) * 1000:,.0f} ms")
        after = len(athena.list_query_executions()["QueryExecutionIds"])
        print(f"Athena statements during the run: {after - before}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
