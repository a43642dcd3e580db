"""The lake on S3, Dagster's side: land deliveries into raw/ by server-side copy and read what is there.

Partitions of silver and gold are versioned and published by the job scripts themselves
(glue_scripts/sentinel_etl/s3_lake.py); this resource only reads their catalog location.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
from pathlib import Path
from typing import Any

from sentinel_etl.delivery_record import (
    RECORD_NAME,
    REJECTED_NAME,
    DeliveredFile,
    DeliveryRecord,
    newest_per_export,
)
from sentinel_etl.s3_lake import S3Lake as VersionedS3Lake

from sentinel.deliveries.discover import FoundDelivery
from sentinel.deliveries.landing import Landed, RejectedBefore, now_stamp, stored_name
from sentinel.deliveries.s3_path import S3Path
from sentinel_assets.aws.clients import aws_client
from sentinel_assets.interfaces import Lake


class S3Lake(Lake):
    bucket: str
    database: str = "sentinel"
    region: str | None = None
    endpoint_url: str | None = None

    def _s3(self) -> Any:
        return aws_client("s3", self.region, self.endpoint_url)

    @property
    def uri(self) -> str:
        return f"s3://{self.bucket}/"

    @staticmethod
    def delivery_key(period: str, export_name: str, delivery_id: str) -> str:
        return f"raw/billing_period={period}/export={export_name}/delivery={delivery_id}/"

    def land(self, found: FoundDelivery) -> Landed:
        """Copy a delivery from the landing bucket, server side; `_delivery.json` goes last.

        Raw is append-only (the orchestrator may not delete there): a half-landed delivery, if the run
        dies mid-copy, has no record, so nothing reads it, and the next run copies over it.
        """
        folder = self.delivery_key(found.billing_period, found.export_name, found.delivery_id)
        existing = self._record(folder + RECORD_NAME)
        if existing is not None:
            return Landed(existing, Path(folder), created=False)
        reason = self.rejected(found.billing_period, found.export_name, found.delivery_id)
        if reason is not None:
            raise RejectedBefore(found.source, f"rejected before: {reason}")
        files: list[DeliveredFile] = []
        for index, found_file in enumerate(found.files, start=1):
            source = _s3_path(found_file.path)
            name = stored_name(index, source.name)
            self._copy(source, folder + name)
            # No byte is read here, so the file's fingerprint is S3's ETag rather than a sha256; the copy
            # names the ETag it was listed with, so an object rewritten since is refused by S3 itself.
            files.append(DeliveredFile(path=name, bytes=source.object.size, sha256=f"s3-etag:{source.object.etag}",
                                       columns=found_file.columns, source=source.uri, name=source.name))
        manifest_name = None
        if found.manifest is not None:
            manifest = _s3_path(found.manifest)
            manifest_name = "manifest.json"
            self._copy(manifest, folder + manifest_name)
        record = DeliveryRecord(
            delivery_id=found.delivery_id, export_name=found.export_name, billing_period=found.billing_period,
            format=found.format, files=files, manifest=manifest_name,
            period_from_manifest=found.period_from_manifest, source=found.source,
            delivered_at=found.delivered_at, landed_at=now_stamp(),
        )
        self._s3().put_object(Bucket=self.bucket, Key=folder + RECORD_NAME, Body=record.to_json().encode(),
                              ContentType="application/json")
        return Landed(record, Path(folder), created=True)

    def _copy(self, source: S3Path, key: str) -> None:
        # Managed copy: CopyObject, or UploadPartCopy above 8 MiB parts; both stay inside S3.
        self._s3().copy({"Bucket": source.snapshot.bucket, "Key": source.key}, self.bucket, key,
                        ExtraArgs={"CopySourceIfMatch": f'"{source.object.etag}"'})

    def _record(self, key: str) -> DeliveryRecord | None:
        body = self._read(key)
        if body is None:
            return None
        record = DeliveryRecord.from_json(body)
        rejected = self._read(key.rsplit("/", 1)[0] + "/" + REJECTED_NAME)
        return dataclasses.replace(record, rejected=str(json.loads(rejected)["reason"])) if rejected else record

    def _read(self, key: str) -> str | None:
        s3 = self._s3()
        try:
            return str(s3.get_object(Bucket=self.bucket, Key=key)["Body"].read().decode("utf-8"))
        except s3.exceptions.NoSuchKey:
            return None

    def reject(self, period: str, export_name: str, delivery_id: str, reason: str) -> None:
        key = self.delivery_key(period, export_name, delivery_id) + REJECTED_NAME
        body = json.dumps({"reason": reason, "rejected_at": now_stamp()}, indent=2).encode()
        self._s3().put_object(Bucket=self.bucket, Key=key, Body=body, ContentType="application/json")

    def rejected(self, period: str, export_name: str, delivery_id: str) -> str | None:
        body = self._read(self.delivery_key(period, export_name, delivery_id) + REJECTED_NAME)
        return str(json.loads(body)["reason"]) if body else None

    def _list(self, prefix: str, delimiter: str | None = None) -> list[str]:
        paginator = self._s3().get_paginator("list_objects_v2")
        extra = {"Delimiter": delimiter} if delimiter else {}
        keys: list[str] = []
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix, **extra):
            keys += [item["Key"] for item in page.get("Contents", [])]
            keys += [item["Prefix"] for item in page.get("CommonPrefixes", [])]
        return keys

    def records(self, period: str) -> list[DeliveryRecord]:
        keys = [k for k in self._list(f"raw/billing_period={period}/") if k.endswith("/" + RECORD_NAME)]
        records = [r for k in keys if (r := self._record(k)) is not None]
        return sorted(records, key=lambda r: r.arrival)

    def delivery_uri(self, record: DeliveryRecord) -> str:
        key = self.delivery_key(record.billing_period, record.export_name, record.delivery_id)
        return f"s3://{self.bucket}/{key.rstrip('/')}"

    def newest(self, period: str) -> list[DeliveryRecord]:
        return newest_per_export(self.records(period))

    def periods(self) -> list[str]:
        prefixes = self._list("raw/", "/")
        return sorted(p.rstrip("/").split("=", 1)[1] for p in prefixes if p.startswith("raw/billing_period="))

    def published_version(self, layer: str, table: str, period: str) -> str | None:
        location = self.versioned().current_location(layer, table, period)
        return posixpath.basename(location.rstrip("/")) if location else None

    def versioned(self) -> VersionedS3Lake:
        """The job scripts' view of the same lake (catalog partitions, `_current.json` pointers)."""
        lake = VersionedS3Lake(self.uri, staged_io=True, database=self.database)
        lake._clients.update(s3=self._s3(), glue=aws_client("glue", self.region, self.endpoint_url))
        return lake


def _s3_path(path: object) -> S3Path:
    if not isinstance(path, S3Path):
        raise TypeError(f"the S3 lake lands deliveries from S3 only, not {path}")
    return path


