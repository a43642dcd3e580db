"""raw → silver → gold for a sample period through SENTINEL_ENV=aws: the S3 delivery store and lake, the
Glue crawler, and PipesGlueClient with the S3 context injector and message reader, the job script run
locally by a fake Glue client against a moto server; the same totals as the local run."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from dagster import DagsterInstance, asset, materialize

from sentinel_assets.aws.glue_runner import GlueJobRunner
from sentinel_assets.definitions import build_definitions
from sentinel_assets.execution import refresh_periods
from sentinel_assets.keys import GOLD, SILVER_LINE_ITEMS
from sentinel_assets.resources import build_resources
from sentinel_assets_tests.aws.conftest import Stack
from sentinel_assets_tests.aws.fake_glue import LocalGlueClient
from sentinel_assets_tests.exports import LEGACY_CSV, SAMPLE_FILES, legacy_rows

pytestmark = pytest.mark.aws


@pytest.fixture
def fake_glue(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> LocalGlueClient:
    client = LocalGlueClient(stack.moto.client("glue"))
    monkeypatch.setattr(GlueJobRunner, "glue_client", lambda self: client)
    return client


def test_legacy_csv_period_through_glue_pipes(stack: Stack, fake_glue: LocalGlueClient) -> None:
    s3, glue = stack.moto.client("s3"), stack.moto.client("glue")
    s3.upload_file(str(LEGACY_CSV), stack.settings.landing_bucket, f"exports/{LEGACY_CSV.name}")
    defs = build_definitions(stack.settings)
    instance = DagsterInstance.ephemeral()

    [result] = refresh_periods(defs, instance, ["2023-11"])

    assert result.error is None, result.error
    assert (result.rows, f"{result.unblended:.6f}", f"{result.public:.6f}") == (1281, "1.682309", "3.356173")
    assert result.checks_total > 0 and result.checks_passed == result.checks_total, result.failed_checks
    # Glue saw Glue-style arguments: the job's defaults under the run's, Pipes bootstrap arguments added.
    started = fake_glue.started[0]["Arguments"]
    assert started["--BILLING_PERIOD"] == "2023-11" and started["--ENGINE"] == "duckdb"
    assert started["--DELIVERIES"].startswith(f"s3://{stack.settings.lake_bucket}/raw/billing_period=2023-11/")
    assert {"--dagster-pipes-context", "--dagster-pipes-messages"} <= set(started)
    # Pipes context and messages only under pipes/ of the artifacts bucket.
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=stack.settings.artifacts_bucket).get("Contents", [])]
    assert keys and all(k.startswith("pipes/") for k in keys)
    # Raw: the file byte for byte, the record written beside it.
    raw = [o["Key"] for o in s3.list_objects_v2(Bucket=stack.settings.lake_bucket, Prefix="raw/")["Contents"]]
    assert sorted(k.rsplit("/", 1)[-1] for k in raw) == ["_delivery.json", "part-00001.csv"]
    copied = next(k for k in raw if k.endswith("part-00001.csv"))
    assert s3.get_object(Bucket=stack.settings.lake_bucket, Key=copied)["Body"].read() == LEGACY_CSV.read_bytes()
    # Silver and gold published through the catalog; the pointer agrees with the partition.
    db = stack.settings.glue_database
    for layer, table in [("silver", "line_items"), *[("gold", name) for name in GOLD]]:
        partition = glue.get_partition(DatabaseName=db, TableName=f"{layer}_{table}", PartitionValues=["2023-11"])
        location = partition["Partition"]["StorageDescriptor"]["Location"]
        assert location.startswith(f"s3://{stack.settings.lake_bucket}/_versions/{layer}/{table}/billing_period=2023-11/")
        pointer = json.loads(s3.get_object(
            Bucket=stack.settings.lake_bucket,
            Key=f"_versions/{layer}/{table}/billing_period=2023-11/_current.json")["Body"].read())
        assert pointer["location"] == location
    silver_columns = {c["Name"]: c["Type"] for c in glue.get_table(
        DatabaseName=db, Name="silver_line_items")["Table"]["StorageDescriptor"]["Columns"]}
    assert silver_columns["unblended_cost"] == "decimal(38,10)" and silver_columns["tags"] == "map<string,string>"
    # Materializations carry the Glue run's id and console URL.
    event = instance.get_latest_materialization_event(SILVER_LINE_ITEMS)
    assert event is not None and event.asset_materialization is not None
    metadata = event.asset_materialization.metadata
    assert "AWS Glue Job Run URL" in metadata and metadata["AWS Glue Job Run ID"].value in fake_glue.runs
    gold_event = instance.get_latest_materialization_event(GOLD["period_summary"])
    assert gold_event is not None and gold_event.asset_materialization is not None
    assert Decimal(str(gold_event.asset_materialization.metadata["unblended_cost"].value)).quantize(
        Decimal("1e-6")) == Decimal("1.682309")


def test_a_failed_glue_run_fails_the_materialization_with_its_error_and_url(
        stack: Stack, fake_glue: LocalGlueClient, tmp_path: Path) -> None:
    rows = legacy_rows(limit=40)
    rows[5][rows[0].index("lineItem/UnblendedCost")] = "twelve"
    bad = tmp_path / "bad.csv"
    with bad.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    stack.moto.client("s3").upload_file(str(bad), stack.settings.landing_bucket, "exports/bad.csv")

    [result] = refresh_periods(build_definitions(stack.settings), DagsterInstance.ephemeral(), ["2023-11"])

    assert result.error is not None
    assert "bad input" in result.error and "'twelve' is not a number" in result.error
    assert f"s3://{stack.settings.landing_bucket}/exports/bad.csv" in result.error  # the file as delivered
    assert "gluestudio/home?region=us-east-1#/job/" in result.error and "/run/jr_" in result.error
    with pytest.raises(stack.moto.client("glue").exceptions.EntityNotFoundException):  # nothing published
        stack.moto.client("glue").get_partition(DatabaseName=stack.settings.glue_database,
                                                TableName="silver_line_items", PartitionValues=["2023-11"])


def test_terminating_the_dagster_run_stops_the_glue_run(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    client = LocalGlueClient(stack.moto.client("glue"), wait_seconds=0, interrupt_on_poll=2)
    monkeypatch.setattr(GlueJobRunner, "glue_client", lambda self: client)
    runner = build_resources(stack.settings)["job_runner"]

    @asset
    def launches(context) -> None:  # no annotation: Dagster inspects it at runtime
        runner.run(context, "silver_to_gold", {"BILLING_PERIOD": "2023-11", "LAKE_ROOT": "s3://nowhere/"})

    result = materialize([launches], raise_on_error=False)

    assert not result.success
    [run] = client.runs.values()
    assert run.stopped and run.process.returncode is not None


def test_all_public_samples_give_the_reference_totals(stack: Stack, fake_glue: LocalGlueClient) -> None:
    for path in SAMPLE_FILES:
        stack.moto.client("s3").upload_file(str(path), stack.settings.landing_bucket, f"exports/{path.name}")

    results = refresh_periods(build_definitions(stack.settings), DagsterInstance.ephemeral(),
                              ["2018-11", "2023-11", "2024-09", "2024-10"])

    assert [r.error for r in results] == [None] * 4
    assert all(r.checks_passed == r.checks_total > 0 for r in results)
    figures = {r.period: (r.rows, f"{r.unblended:.6f}") for r in results}
    assert figures == {  # samples/README.md; FOCUS periods sum the providers
        "2018-11": (124340, "3505.326968"), "2023-11": (1281, "1.682309"),
        "2024-09": (942 + 51 + 6, f"{18.006639 + 1.976514 + 0.297074:.6f}"), "2024-10": (1, "0.240000"),
    }
    assert f"{results[0].amortized:.6f}" == "3632.559846"
