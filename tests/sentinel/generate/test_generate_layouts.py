"""AWS's delivery layouts and manifests: paths, file splitting, and manifests that point at the files."""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sentinel.generate import GenerationReport, generate
from sentinel.generate.cur2 import COLUMN_NAMES as CUR2_COLUMNS

ROWS, PER_FILE = 1300, 500
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> GenerationReport:
    out = tmp_path_factory.mktemp("layouts")
    return generate(out, formats="all", months=2, start="2023-11", rows_per_month=ROWS, seed=5,
                    rows_per_file=PER_FILE, chunk_rows=450, bucket="acme-billing")


def rel(report: GenerationReport, path: Path) -> str:
    return path.relative_to(report.out).as_posix()


def test_legacy_csv_layout_keeps_every_assembly_and_points_the_period_manifest_at_the_newest(
        dataset: GenerationReport) -> None:
    # 2023-11 is the closed period that was restated, 2023-12 is open
    old, = dataset.superseded("legacy-csv", "2023-11")
    new = dataset.current("legacy-csv", "2023-11")
    assert old.delivery_id != new.delivery_id
    for delivery, rows in ((old, ROWS), (new, new.totals.total.rows)):
        names = [rel(dataset, f) for f in delivery.files]
        assert names == [f"legacy-cur-csv/sentinel-cur/20231101-20231201/{delivery.delivery_id}/sentinel-cur-{n}.csv.gz"
                         for n in range(1, math.ceil(rows / PER_FILE) + 1)]
        assert re.fullmatch(UUID, delivery.delivery_id)
        inner = json.loads((delivery.files[0].parent / "sentinel-cur-Manifest.json").read_text())
        assert inner["assemblyId"] == delivery.delivery_id
        assert inner["reportKeys"] == names
    top = json.loads((dataset.out / "legacy-cur-csv/sentinel-cur/20231101-20231201/sentinel-cur-Manifest.json")
                     .read_text())
    assert top["assemblyId"] == new.delivery_id
    assert new.totals.total.rows > ROWS  # the restatement added service credits


def test_legacy_manifest_has_aws_fields_and_describes_the_csv_header(dataset: GenerationReport) -> None:
    delivery = dataset.current("legacy-csv", "2023-12")
    manifest = json.loads(Path(delivery.manifest or "").read_text())
    assert list(manifest) == ["assemblyId", "account", "columns", "charset", "compression", "contentType",
                              "reportId", "reportName", "billingPeriod", "bucket", "reportKeys",
                              "additionalArtifactKeys"]
    assert manifest["billingPeriod"] == {"start": "20231201T000000.000Z", "end": "20240101T000000.000Z"}
    assert (manifest["compression"], manifest["contentType"], manifest["bucket"]) == ("GZIP", "text/csv",
                                                                                       "acme-billing")
    assert re.fullmatch(r"\d{12}", manifest["account"]) and re.fullmatch(r"[0-9a-f]{64}", manifest["reportId"])
    for path in delivery.files:
        with gzip.open(path, "rt", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [f"{c['category']}/{c['name']}" for c in manifest["columns"]]
    assert {"category": "lineItem", "name": "UnblendedCost", "type": "BigDecimal"} in manifest["columns"]


def test_legacy_parquet_layout_is_athena_partitioned_and_overwritten(dataset: GenerationReport) -> None:
    delivery = dataset.current("legacy-parquet", "2023-12")
    base = "legacy-cur-parquet/sentinel-cur-athena"
    assert [rel(dataset, f) for f in delivery.files] == [
        f"{base}/sentinel-cur-athena/year=2023/month=12/sentinel-cur-athena-0000{n}.snappy.parquet" for n in (1, 2, 3)]
    assert rel(dataset, Path(delivery.manifest or "")) == f"{base}/20231201-20240101/sentinel-cur-athena-Manifest.json"
    assert not dataset.superseded("legacy-parquet", "2023-11")  # AWS overwrote it
    status = pq.read_table(dataset.out / base / "sentinel-cur-athena/cost_and_usage_data_status"
                           / "cost_and_usage_data_status.parquet")
    assert status.column("status").to_pylist() == ["READY"]
    schema = pq.read_schema(delivery.files[0])
    assert str(schema.field("line_item_unblended_cost").type) == "double"
    assert str(schema.field("line_item_usage_start_date").type) == "timestamp[ms]"
    assert "reservation_reservation_a_r_n" in schema.names and "resource_tags_user_cost_center" in schema.names
    assert all(not schema.field(name).nullable for name in schema.names)  # '' and 0, like AWS's files


def test_cur2_layout_and_data_exports_manifest(dataset: GenerationReport) -> None:
    for period in ("2023-11", "2023-12"):
        delivery = dataset.current("cur2", period)
        files = [rel(dataset, f) for f in delivery.files]
        assert files == [f"cur2/sentinel-cur2/data/BILLING_PERIOD={period}/sentinel-cur2-0000{n}.snappy.parquet"
                         for n in range(1, len(files) + 1)]
        manifest_path = Path(delivery.manifest or "")
        assert rel(dataset, manifest_path) == f"cur2/sentinel-cur2/metadata/BILLING_PERIOD={period}/sentinel-cur2-Manifest.json"
        manifest = json.loads(manifest_path.read_text())
        assert manifest["executionId"] == delivery.delivery_id
        assert manifest["dataFiles"] == [f"s3://acme-billing/{f}" for f in files]
        assert re.fullmatch(r"arn:aws:bcm-data-exports:us-east-1:\d{12}:export/sentinel-cur2-[0-9a-f]{8}",
                            manifest["exportArn"])
        assert manifest["billingPeriod"]["start"] == f"{period}-01T00:00:00Z"
        schema = pq.read_schema(delivery.files[0])
        assert [c["name"] for c in manifest["columns"]] == schema.names == list(CUR2_COLUMNS)
        for name in ("product", "resource_tags", "cost_category", "discount"):
            dtype = schema.field(name).type
            assert pa.types.is_map(dtype) and dtype.key_type == dtype.item_type == pa.string()
            assert {"name": name, "type": "map"} in manifest["columns"]


def test_focus_layout_and_manifest(dataset: GenerationReport) -> None:
    delivery = dataset.current("focus", "2023-12")
    assert rel(dataset, delivery.files[0]) == \
        "focus/sentinel-focus/data/BILLING_PERIOD=2023-12/sentinel-focus-00001.snappy.parquet"
    manifest = json.loads(Path(delivery.manifest or "").read_text())
    assert manifest["table"] == "FOCUS_1_0_AWS" and manifest["executionId"] == delivery.delivery_id
    assert len(manifest["dataFiles"]) == len(delivery.files) == math.ceil(delivery.totals.total.rows / PER_FILE)


def test_each_file_holds_at_most_the_row_limit(dataset: GenerationReport) -> None:
    for delivery in dataset.deliveries:
        if delivery.format == "legacy_cur_csv":
            counts = [gzip.decompress(f.read_bytes()).count(b"\n") - 1 for f in delivery.files]
        else:
            counts = [pq.ParquetFile(f).metadata.num_rows for f in delivery.files]
        assert sum(counts) == delivery.totals.total.rows
        assert all(c == PER_FILE for c in counts[:-1]) and 0 < counts[-1] <= PER_FILE


def test_focus_csv_is_gzip_csv_in_the_same_layout(tmp_path: Path) -> None:
    report = generate(tmp_path, formats="focus", months=1, rows_per_month=300, focus_csv=True, seed=2,
                      focus_providers=["AWS"])
    delivery = report.current("focus", "2024-01")
    assert [f.name for f in delivery.files] == ["sentinel-focus-00001.csv.gz"]
    manifest = json.loads(Path(delivery.manifest or "").read_text())
    assert (manifest["format"], manifest["compression"]) == ("TEXT_OR_CSV", "GZIP")
    with gzip.open(delivery.files[0], "rt", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == delivery.totals.total.rows
    assert {r["ProviderName"] for r in rows} == {"AWS"}
    assert rows[0]["ChargePeriodStart"].endswith("Z") and "T" in rows[0]["ChargePeriodStart"]
    assert [c["name"] for c in manifest["columns"]] == list(rows[0])


def test_focus_1_3_names_the_provider_service_provider(tmp_path: Path) -> None:
    report = generate(tmp_path, formats="focus", months=1, rows_per_month=300, focus_csv=True, seed=2,
                      focus_version="1.3")
    delivery = report.current("focus", "2024-01")
    manifest = json.loads(Path(delivery.manifest or "").read_text())
    assert manifest["table"] == "FOCUS_1_3_AWS"
    with gzip.open(delivery.files[0], "rt", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [c["name"] for c in manifest["columns"]] == list(rows[0])
    assert {"ServiceProviderName", "HostProviderName"} <= set(rows[0])
    assert not {"ProviderName", "PublisherName"} & set(rows[0])  # deprecated in 1.3, left out as 1.4 may
    counts = {name: sum(r["ServiceProviderName"] == name for r in rows) for name in ("AWS", "Microsoft")}
    assert counts == {name: t.rows for name, t in delivery.totals.providers.items()}
    assert all(r["HostProviderName"] == r["ServiceProviderName"] for r in rows)
