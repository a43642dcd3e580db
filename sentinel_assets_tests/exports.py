"""Delivery layouts for the tests, built from the public samples."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
LEGACY_CSV = SAMPLES / "legacy-cur-2023-11-focus-converters.csv"
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".csv", ".parquet"))


def copy_samples(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in SAMPLE_FILES:
        shutil.copy2(path, target / path.name)
    return target


def legacy_rows(limit: int | None = None) -> list[list[str]]:
    """The legacy CUR sample's header and rows (optionally fewer)."""
    with LEGACY_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[: limit + 1] if limit is not None else rows


def gzip_csv(rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return gzip.compress(text.getvalue().encode("utf-8"), mtime=0)


def write_legacy_delivery(root: Path, assembly_id: str, data: bytes, *, delivered_at: float,
                          period: str = "2023-11", report: str = "sentinel-cur") -> Path:
    """AWS's legacy CUR layout: <report>/<yyyymmdd-yyyymmdd>/<assemblyId>/<report>-1.csv.gz + manifests.

    The top-level manifest names the current assembly; `delivered_at` (epoch seconds) becomes its mtime,
    which is when Sentinel considers the delivery made.
    """
    year, month = int(period[:4]), int(period[5:])
    end = f"{year + 1}01" if month == 12 else f"{year}{month + 1:02d}"
    window = f"{year}{month:02d}01-{end}01"
    folder = root / report / window
    (folder / assembly_id).mkdir(parents=True, exist_ok=True)
    (folder / assembly_id / f"{report}-1.csv.gz").write_bytes(data)
    manifest = json.dumps({
        "assemblyId": assembly_id, "account": "123412340534", "reportName": report,
        "billingPeriod": {"start": f"{window[:8]}T000000.000Z", "end": f"{window[9:]}T000000.000Z"},
        "bucket": "billing-bucket", "reportKeys": [f"{report}/{window}/{assembly_id}/{report}-1.csv.gz"],
        "compression": "GZIP", "contentType": "text/csv",
    })
    for path in (folder / assembly_id / f"{report}-Manifest.json", folder / f"{report}-Manifest.json"):
        path.write_text(manifest, encoding="utf-8")
        os.utime(path, (delivered_at, delivered_at))
    return folder


def focus_csv_for(period: str, *, charge_category: str, limit: int = 5) -> bytes:
    """Rows of the public FOCUS sample moved into `period`, with their ChargeCategory replaced."""
    with (SAMPLES / "focus-1.0-sample.csv").open(newline="", encoding="utf-8") as source:
        header, *rows = list(csv.reader(source))[: limit + 1]
    year, month = int(period[:4]), int(period[5:])
    start = f"{period}-01 00:00:00"
    end = f"{year + 1}-01-01 00:00:00" if month == 12 else f"{year}-{month + 1:02d}-01 00:00:00"
    values = {"BillingPeriodStart": start, "BillingPeriodEnd": end, "ChargePeriodStart": f"{period}-02 00:00:00",
              "ChargePeriodEnd": f"{period}-02 01:00:00", "ChargeCategory": charge_category}
    for row in rows:
        for column, value in values.items():
            row[header.index(column)] = value
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([header, *rows])
    return text.getvalue().encode("utf-8")
