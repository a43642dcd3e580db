"""Land a delivery in raw exactly as it came: copied, verified, recorded, never modified afterwards.

A delivery is staged in a hidden folder and renamed into place in one step, so raw never holds half a
delivery, and a delivery already landed is left untouched (landing is idempotent). Each file is read once:
its hash and the integrity check come from the bytes of the copy, and a file that changed while it was
read (its hash differs from the one it was found with, or its size or time moved) is refused. Files are
stored under names Sentinel chooses (`part-00001.csv.gz`); the delivered names are kept in the record.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sentinel_etl.delivery_record import (
    RECORD_NAME,
    REJECTED_NAME,
    DeliveredFile,
    DeliveryRecord,
    newest_per_export,
)
from sentinel_etl.errors import InputError, storage_error

from sentinel.deliveries.discover import Discovery, FoundDelivery, FoundFile, SetAside
from sentinel.deliveries.sniff import verify_integrity

STAGING_PREFIX = ".landing-"
STALE_STAGING_SECONDS = 3600  # a staging folder this old belongs to a run that was killed


@dataclass(frozen=True)
class Landed:
    record: DeliveryRecord
    folder: Path
    created: bool  # False when this delivery was already in raw


@dataclass(frozen=True)
class Rejection:
    """A delivery refused at landing (it failed validation): recorded, so later runs skip it."""

    found: FoundDelivery
    reason: str
    new: bool  # refused by this landing (False: by an earlier one)


# What landing did with each thing found in the store for a period.
Outcome = Landed | Rejection | SetAside


class FileChanged(InputError):
    """A delivered file changed while it was read: the export is still writing it. Not a rejection; the
    next run lands it."""


class RejectedBefore(InputError):
    """The delivery was refused by an earlier landing or run."""


def land_each(found: Discovery, land_one: Callable[[FoundDelivery], Landed],
              reject_one: Callable[[FoundDelivery, str], None]) -> list[Outcome]:
    """Land every delivery; one that fails validation is recorded as rejected and the others still land.
    Datasets set aside are passed on, so the run reports them."""
    outcomes: list[Outcome] = list(found.set_aside)
    for delivery in found.deliveries:
        try:
            outcomes.append(land_one(delivery))
        except RejectedBefore as error:
            outcomes.append(Rejection(delivery, error.problem, new=False))
        except FileChanged:
            raise
        except InputError as error:
            reject_one(delivery, str(error))
            outcomes.append(Rejection(delivery, str(error), new=True))
    return outcomes


def delivery_folder(lake_root: Path, period: str, export_name: str, delivery_id: str) -> Path:
    return lake_root / "raw" / f"billing_period={period}" / f"export={export_name}" / f"delivery={delivery_id}"


def stored_name(index: int, delivered: str) -> str:
    """The name a delivered file is stored under: only its kind survives from the delivered name."""
    lowered = delivered.lower()
    suffix = next((s for s in (".csv.gz", ".csv", ".parquet") if lowered.endswith(s)), "")
    return f"part-{index:05d}{suffix}"


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def land(found: FoundDelivery, lake_root: Path) -> Landed:
    raw = lake_root / "raw"
    remove_stale_staging(raw)  # first: a killed run may have landed this delivery before it died
    target = delivery_folder(lake_root, found.billing_period, found.export_name, found.delivery_id)
    record_path = target / RECORD_NAME
    if record_path.exists():
        return Landed(read_record(target), target, created=False)
    if (target / REJECTED_NAME).exists():
        raise RejectedBefore(str(found.files[0].path) if found.files else found.source,
                             f"rejected before: {rejection(target)}")
    staging = raw / f"{STAGING_PREFIX}{uuid.uuid4().hex}"
    staging.mkdir(parents=True)
    try:
        files = [_copy(file, staging, index, found.digests.get(str(file.path)))
                 for index, file in enumerate(found.files, start=1)]
        manifest_name = None
        if found.manifest is not None:
            manifest_name = "manifest.json"
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
            landed_at=now_stamp(),
        )
        (staging / RECORD_NAME).write_text(record.to_json(), encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(staging, target)
        except OSError:
            if record_path.exists():  # landed concurrently by another run: keep theirs
                return Landed(read_record(target), target, False)
            raise
    except OSError as error:
        raise (storage_error(error, f"landing into {raw}") or error) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Landed(record, target, created=True)


def _copy(file: FoundFile, folder: Path, index: int, expected_sha256: str | None) -> DeliveredFile:
    """Copy a file and hash it in the same pass, then check the copy: the stored bytes are the checked ones."""
    source = file.path
    before = source.stat()
    name = stored_name(index, source.name)
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as reader, (folder / name).open("wb") as writer:
        while chunk := reader.read(1 << 22):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
    after = source.stat()
    sha256 = digest.hexdigest()
    moved = (before.st_size, before.st_mtime) != (after.st_size, after.st_mtime) or size != after.st_size
    if moved or (expected_sha256 is not None and sha256 != expected_sha256):
        raise FileChanged(str(source), "the file changed while Sentinel was reading it: land it again once the "
                                       "export has finished writing it")
    try:
        verify_integrity(folder / name)
    except InputError as error:  # name the delivered file, not the staged copy
        raise InputError(str(source), error.problem, column=error.column, line=error.line) from None
    return DeliveredFile(path=name, bytes=size, sha256=sha256, columns=file.columns, source=str(source),
                         name=source.name)


def remove_stale_staging(raw: Path) -> None:
    """Staging folders of runs that were killed mid-landing: nothing reads them, so they only take space."""
    if not raw.is_dir():
        return
    cutoff = time.time() - STALE_STAGING_SECONDS
    for path in raw.glob(f"{STAGING_PREFIX}*"):
        try:
            if path.stat().st_mtime < cutoff:
                shutil.rmtree(path, ignore_errors=True)
        except FileNotFoundError:
            continue


def read_record(folder: Path) -> DeliveryRecord:
    record = DeliveryRecord.from_json((folder / RECORD_NAME).read_text(encoding="utf-8"))
    reason = rejection(folder)
    return dataclasses.replace(record, rejected=reason) if reason is not None else record


def rejection(folder: Path) -> str | None:
    try:
        return str(json.loads((folder / REJECTED_NAME).read_text(encoding="utf-8"))["reason"])
    except FileNotFoundError:
        return None


def reject(lake_root: Path, period: str, export_name: str, delivery_id: str, reason: str) -> None:
    """Mark a delivery as refused by validation: it stays in raw, and is never the period's newest again."""
    folder = delivery_folder(lake_root, period, export_name, delivery_id)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{REJECTED_NAME}.{uuid.uuid4().hex[:8]}"
    temporary.write_text(json.dumps({"reason": reason, "rejected_at": now_stamp()}, indent=2), encoding="utf-8")
    os.replace(temporary, folder / REJECTED_NAME)


def landed_deliveries(lake_root: Path, period: str) -> list[DeliveryRecord]:
    base = lake_root / "raw" / f"billing_period={period}"
    return [read_record(p.parent) for p in sorted(base.glob(f"export=*/delivery=*/{RECORD_NAME}"))]


def newest_folders(lake_root: Path, period: str) -> list[Path]:
    """The folders of the deliveries silver chooses from (newest_per_export)."""
    return [delivery_folder(lake_root, period, r.export_name, r.delivery_id)
            for r in newest_per_export(sorted(landed_deliveries(lake_root, period), key=lambda r: r.arrival))]


def landed_periods(lake_root: Path) -> list[str]:
    base = lake_root / "raw"
    if not base.is_dir():
        return []
    return sorted(p.name.split("=", 1)[1] for p in base.glob("billing_period=*") if p.is_dir())
