"""The S3 lake of the job scripts (in-process moto): versions, publish through the catalog, pointer,
discard, pruning, and the one place that picks a lake from LAKE_ROOT."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from decimal import Decimal

import boto3
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from moto import mock_aws
from sentinel_etl.lake import LocalLake, open_lake
from sentinel_etl.s3_lake import S3Lake, hive_type

pytestmark = pytest.mark.aws


@pytest.fixture
def lake(monkeypatch: pytest.MonkeyPatch) -> Iterator[S3Lake]:
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="lake")
        boto3.client("glue").create_database(DatabaseInput={"Name": "sentinel"})
        lake = open_lake("s3://lake/", "duckdb")
        assert isinstance(lake, S3Lake)
        yield lake
        lake.close()


def write_version(lake: S3Lake, value: float) -> str:
    version = lake.new_version("gold", "cost_monthly", "2024-01")
    os.makedirs(version, exist_ok=True)
    table = pa.table({"service": ["ec2"], "unblended_cost": pa.array([Decimal(str(value))], pa.decimal128(38, 10)),
                      "tags": pa.array([[("team", "a")]], pa.map_(pa.string(), pa.string()))})
    pq.write_table(table, os.path.join(version, "part-00000.parquet"))
    return version


def partition_location(period: str = "2024-01") -> str:
    partition = boto3.client("glue").get_partition(DatabaseName="sentinel", TableName="gold_cost_monthly",
                                                   PartitionValues=[period])
    return str(partition["Partition"]["StorageDescriptor"]["Location"])


def version_prefixes() -> list[str]:
    listing = boto3.client("s3").list_objects_v2(Bucket="lake", Prefix="_versions/gold/cost_monthly/billing_period=2024-01/",
                                                 Delimiter="/")
    return sorted(p["Prefix"] for p in listing.get("CommonPrefixes", []))


def test_open_lake_picks_by_scheme_and_engine(tmp_path: object) -> None:
    assert isinstance(open_lake(str(tmp_path), "duckdb"), LocalLake)
    lakes = [open_lake("s3://lake/", "duckdb"), open_lake("s3://lake/", "spark"),
             open_lake("s3://lake/", "spark", mode="staged")]
    assert [isinstance(lake, S3Lake) and lake.staged_io for lake in lakes] == [True, False, True]


def test_publish_moves_the_catalog_partition_and_keeps_one_predecessor(lake: S3Lake) -> None:
    locations = []
    for value in (1.0, 2.0, 3.0):
        lake.publish("2024-01", {("gold", "cost_monthly"): write_version(lake, value)})
        locations.append(partition_location())
        pointer = json.loads(boto3.client("s3").get_object(
            Bucket="lake", Key="_versions/gold/cost_monthly/billing_period=2024-01/_current.json")["Body"].read())
        assert pointer["location"] == locations[-1] == lake.current_location("gold", "cost_monthly", "2024-01")
    assert len(set(locations)) == 3
    assert [f"s3://lake/{p}" for p in version_prefixes()] == locations[1:]  # the oldest was pruned
    columns = boto3.client("glue").get_table(DatabaseName="sentinel", Name="gold_cost_monthly")["Table"]
    assert [c["Type"] for c in columns["StorageDescriptor"]["Columns"]] == ["string", "decimal(38,10)",
                                                                           "map<string,string>"]
    assert columns["PartitionKeys"] == [{"Name": "billing_period", "Type": "string"}]
    # The staged read of the published partition is the newest version's file.
    local = lake.input_partition("gold", "cost_monthly", "2024-01")
    assert local and float(pq.read_table(local).column("unblended_cost")[0].as_py()) == 3.0


def test_discard_deletes_only_the_unpublished_version(lake: S3Lake) -> None:
    lake.publish("2024-01", {("gold", "cost_monthly"): write_version(lake, 1.0)})
    published = partition_location()
    failed = write_version(lake, 9.0)
    lake.discard(failed)
    assert not os.path.exists(failed)
    assert partition_location() == published and [f"s3://lake/{p}" for p in version_prefixes()] == [published]


def test_staged_silver_is_published_with_gold_in_one_release(lake: S3Lake) -> None:
    gold = write_version(lake, 1.0)
    silver = lake.new_version("silver", "line_items", "2024-01")
    os.makedirs(silver)
    pq.write_table(pa.table({"n": [1]}), os.path.join(silver, "part-00000.parquet"))
    lake.stage("silver", "line_items", "2024-01", silver)
    assert lake.input_partition("silver", "line_items", "2024-01") is None  # staged is not published
    assert lake.release("2024-01") == {}
    staged = lake.staged("silver", "line_items", "2024-01")
    assert staged and pq.read_table(staged).column("n").to_pylist() == [1]
    lake.publish("2024-01", {("silver", "line_items"): staged, ("gold", "cost_monthly"): gold})
    release = lake.release("2024-01")
    assert set(release) == {"silver.line_items", "gold.cost_monthly"}
    assert release["gold.cost_monthly"] == partition_location()
    assert release["silver.line_items"] == lake.current_location("silver", "line_items", "2024-01")
    assert lake.staged("silver", "line_items", "2024-01") is None


def test_a_missing_partition_and_record_read_as_absent(lake: S3Lake) -> None:
    assert lake.input_partition("silver", "line_items", "2024-01") is None
    with pytest.raises(FileNotFoundError):
        lake.read_text("s3://lake/raw/billing_period=2024-01/export=x/delivery=y/_delivery.json")


def test_hive_types() -> None:
    assert hive_type(pa.timestamp("us", tz="UTC")) == "timestamp" and hive_type(pa.date32()) == "date"
    assert hive_type(pa.int64()) == "bigint" and hive_type(pa.float64()) == "double"
    assert hive_type(pa.list_(pa.string())) == "array<string>"


def test_a_release_with_new_columns_adds_them_to_the_catalog_table(lake: S3Lake) -> None:
    lake.publish("2024-01", {("gold", "cost_monthly"): write_version(lake, 1.0)})
    version = lake.new_version("gold", "cost_monthly", "2024-02")
    os.makedirs(version)
    pq.write_table(pa.table({"service": ["ec2"], "usage_account_name": ["Payments"],
                             "unblended_cost": pa.array([Decimal(2)], pa.decimal128(38, 10))}),
                   os.path.join(version, "part-00000.parquet"))
    lake.publish("2024-02", {("gold", "cost_monthly"): version})
    glue = boto3.client("glue")
    table = glue.get_table(DatabaseName="sentinel", Name="gold_cost_monthly")["Table"]
    assert [c["Name"] for c in table["StorageDescriptor"]["Columns"]] == [
        "service", "unblended_cost", "tags", "usage_account_name"]
    partition = glue.get_partition(DatabaseName="sentinel", TableName="gold_cost_monthly", PartitionValues=["2024-02"])
    assert [c["Name"] for c in partition["Partition"]["StorageDescriptor"]["Columns"]][-1] == "usage_account_name"
