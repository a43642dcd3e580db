"""The delivery sensor on the S3 delivery store: AWS's layouts (`sentinel generate`: legacy CUR with
assembly folders, CUR 2.0 and FOCUS with metadata manifests) uploaded to a moto landing bucket."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dagster import DagsterInstance, SensorResult, SkipReason, build_sensor_context

from sentinel.generate.runner import generate
from sentinel_assets.aws.s3_lake import S3Lake
from sentinel_assets.aws.s3_store import S3DeliveryStore
from sentinel_assets.sensors import new_deliveries
from sentinel_assets_tests.aws.conftest import Stack
from sentinel_assets_tests.exports import gzip_csv, legacy_rows, write_legacy_delivery

pytestmark = pytest.mark.aws


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(out, formats=["legacy-csv", "cur2", "focus"], months=2, start="2024-01", rows_per_month=60,
             restate=True)
    return out


def store_of(stack: Stack) -> S3DeliveryStore:
    s = stack.settings
    return S3DeliveryStore(bucket=s.landing_bucket, prefix=s.landing_prefix, region=s.aws_region,
                           endpoint_url=s.aws_endpoint_url)


def tick(stack: Stack, cursor: str | None) -> SensorResult | SkipReason:
    context = build_sensor_context(cursor=cursor, instance=DagsterInstance.ephemeral(),
                                   resources={"delivery_store": store_of(stack)})
    result = new_deliveries(context)
    assert isinstance(result, SensorResult | SkipReason)
    return result


def requests(result: SensorResult | SkipReason) -> list[tuple[str | None, str | None]]:
    return [(r.partition_key, r.run_key) for r in result.run_requests or []] if isinstance(result, SensorResult) else []


def test_generated_layouts_request_each_period_once(stack: Stack, generated: Path) -> None:
    stack.upload_tree(generated, "exports/")
    first = tick(stack, None)
    keys = {str(period): str(key) for period, key in requests(first)}
    assert sorted(keys) == ["2024-01", "2024-02"]
    # 2024-01 was restated: the legacy top-level manifest names the second assembly, the only one used.
    top = json.loads((next(generated.glob("legacy-cur-csv/sentinel-cur/20240101-20240201/sentinel-cur-Manifest.json"))
                      ).read_text())
    assert f"sentinel-cur={top['assemblyId']}" in str(keys["2024-01"])
    for export in ("sentinel-cur", "sentinel-cur2", "sentinel-focus"):
        assert all(f"{export}=" in str(key) for key in keys.values())
    assert isinstance(first, SensorResult)
    assert requests(tick(stack, first.cursor)) == []  # nothing changed: skipped on the fingerprint


def test_restated_assembly_is_requested_and_the_same_one_is_not(stack: Stack, tmp_path: Path) -> None:
    write_legacy_delivery(tmp_path, "assembly-1", gzip_csv(legacy_rows(limit=30)), delivered_at=1_700_000_000)
    stack.upload_tree(tmp_path, "exports/")
    first = tick(stack, None)
    assert requests(first) == [("2023-11", "2023-11:sentinel-cur=assembly-1")]
    assert isinstance(first, SensorResult)

    # Something changes in the prefix, but the top-level manifest still names assembly-1: no run.
    stack.moto.client("s3").put_object(Bucket=stack.settings.landing_bucket, Key="exports/README.txt", Body=b"x")
    same = tick(stack, first.cursor)
    assert requests(same) == [] and isinstance(same, SensorResult)

    write_legacy_delivery(tmp_path, "assembly-2", gzip_csv(legacy_rows(limit=20)), delivered_at=1_700_003_600)
    stack.upload_tree(tmp_path, "exports/")
    restated = tick(stack, same.cursor)
    assert requests(restated) == [("2023-11", "2023-11:sentinel-cur=assembly-2")]


def test_landing_copies_the_current_assembly_only_and_is_idempotent(stack: Stack, tmp_path: Path) -> None:
    s = stack.settings
    write_legacy_delivery(tmp_path, "assembly-1", gzip_csv(legacy_rows(limit=30)), delivered_at=1_700_000_000)
    write_legacy_delivery(tmp_path, "assembly-2", gzip_csv(legacy_rows(limit=20)), delivered_at=1_700_003_600)
    stack.upload_tree(tmp_path, "exports/")
    lake = S3Lake(bucket=s.lake_bucket, region=s.aws_region, endpoint_url=s.aws_endpoint_url)

    [landed] = store_of(stack).land("2023-11", lake)
    again = store_of(stack).land("2023-11", lake)

    assert landed.created and not again[0].created
    assert landed.record.delivery_id == "assembly-2" and landed.record.manifest == "manifest.json"
    keys = sorted(o["Key"] for o in stack.moto.client("s3").list_objects_v2(Bucket=s.lake_bucket)["Contents"])
    folder = "raw/billing_period=2023-11/export=sentinel-cur/delivery=assembly-2/"
    assert keys == [f"{folder}_delivery.json", f"{folder}manifest.json", f"{folder}part-00001.csv.gz"]
    assert [r.delivery_id for r in lake.newest("2023-11")] == ["assembly-2"] and lake.periods() == ["2023-11"]
