"""Land a delivery in raw exactly as it came: copied, verified, recorded, never modified afterwards.

A delivery is staged in a hidden folder and renamed into place in one step, so raw never holds half a
delivery, and a delivery already landed is left untouched (landing is idempotent).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sentinel_etl.delivery_record import RECORD_NAME, DeliveredFile, DeliveryRecord

from sentinel.deliveries.discover import FoundDelivery
from sentinel.deliveries.sniff import verify_integrity


@dataclass(frozen=True)
class Landed:
    record: DeliveryRecord
    folder: Path
    created: bool  # False when this delivery was already in raw


def delivery_folder(lake_root: Path, period: str, export_name: str, delivery_id: str) -> Path:
    return lake_root / "raw" / f"billing_period={period}" / f"export={export_name}" / f"delivery={delivery_id}"


def land(found: FoundDelivery, lake_root: Path) -> Landed:
    target = delivery_folder(lake_root, found.billing_period, found.export_name, found.delivery_id)
    record_path = target / RECORD_NAME
    if record_path.exists():
        return Landed(DeliveryRecord.from_json(record_path.read_text(encoding="utf-8")), target, created=False)
    if not found.verified:
        for file in found.files:
            verify_integrity(file.path)
    staging = lake_root / "raw" / f".landing-{uuid.uuid4().hex}"
    staging.mkdir(parents=True)
    try:
        files = [_copy(file.path, staging, file.columns) for file in found.files]
        manifest_name = None
        if found.manifest is not None:
            manifest_name = found.manifest.name
            shutil.copyfile(found.manifest, staging / manifest_name)
        record = DeliveryRecord(
            delivery_id=found.delivery_id,
            export_name=found.export_name,
            billing_period=found.billing_period,
            format=found.format,
            files=files,
            manifest=manifest_name,
            period_from_manifest=found.period_from_manifest,
            source=found.source,
            delivered_at=found.delivered_at,
            landed_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        (staging / RECORD_NAME).write_text(record.to_json(), encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(staging, target)
        except OSError:
            if record_path.exists():  # landed concurrently by another run: keep theirs
                return Landed(DeliveryRecord.from_json(record_path.read_text(encoding="utf-8")), target, False)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Landed(record, target, created=True)


def _copy(source: Path, folder: Path, columns: list[str]) -> DeliveredFile:
    """Copy a file and hash it in the same pass; names stay unique within the delivery."""
    name = source.name
    while (folder / name).exists():
        name = f"{uuid.uuid4().hex[:6]}-{source.name}"
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as reader, (folder / name).open("wb") as writer:
        while chunk := reader.read(1 << 22):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
    return DeliveredFile(path=name, bytes=size, sha256=digest.hexdigest(), columns=columns)


def landed_deliveries(lake_root: Path, period: str) -> list[DeliveryRecord]:
    base = lake_root / "raw" / f"billing_period={period}"
    return [
        DeliveryRecord.from_json(p.read_text(encoding="utf-8")) for p in sorted(base.glob(f"export=*/delivery=*/{RECORD_NAME}"))
    ]


def newest_per_export(lake_root: Path, period: str) -> list[Path]:
    """The delivery folders silver is built from: the newest delivery of each export for the period."""
    newest: dict[str, DeliveryRecord] = {}
    for record in landed_deliveries(lake_root, period):
        current = newest.get(record.export_name)
        if current is None or (record.delivered_at, record.landed_at) > (current.delivered_at, current.landed_at):
            newest[record.export_name] = record
    return [
        delivery_folder(lake_root, period, r.export_name, r.delivery_id) for _, r in sorted(newest.items())
    ]


def landed_periods(lake_root: Path) -> list[str]:
    base = lake_root / "raw"
    if not base.is_dir():
        return []
    return sorted(p.name.split("=", 1)[1] for p in base.glob("billing_period=*") if p.is_dir())
