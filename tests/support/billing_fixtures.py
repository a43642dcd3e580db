"""Helpers the tests share: real AWS delivery layouts built from the public samples."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
LEGACY_CSV = SAMPLES / "legacy-cur-2023-11-focus-converters.csv"
LEGACY_PARQUET = SAMPLES / "Nov2018-WorkshopCUR-00001.snappy.parquet"
FOCUS_CSV = SAMPLES / "focus-1.0-sample.csv"


def write_legacy_export(root: Path, assembly_id: str, files: dict[str, bytes], period: str = "2023-11",
                        report: str = "sentinel-cur") -> Path:
    """AWS's legacy CUR delivery layout: <report>/<yyyymmdd-yyyymmdd>/<assemblyId>/<files> + the manifest."""
    year, month = int(period[:4]), int(period[5:])
    end_year, end_month = (year + 1, 1) if month == 12 else (year, month + 1)
    window = f"{year}{month:02d}01-{end_year}{end_month:02d}01"
    period_dir = root / "cur" / report / window
    keys = []
    for name, content in files.items():
        (period_dir / assembly_id).mkdir(parents=True, exist_ok=True)
        (period_dir / assembly_id / name).write_bytes(content)
        keys.append(f"cur/{report}/{window}/{assembly_id}/{name}")
    manifest = {
        "assemblyId": assembly_id,
        "account": "123412340534",
        "reportName": report,
        "billingPeriod": {"start": f"{window[:8]}T000000.000Z", "end": f"{window[9:]}T000000.000Z"},
        "bucket": "billing-bucket",
        "reportKeys": keys,
        "compression": "GZIP",
        "contentType": "text/csv",
    }
    text = json.dumps(manifest)
    (period_dir / f"{report}-Manifest.json").write_text(text)
    (period_dir / assembly_id / f"{report}-Manifest.json").write_text(text)
    return root

