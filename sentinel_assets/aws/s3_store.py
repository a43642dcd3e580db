"""The delivery store on S3: the export prefix of the landing bucket (legacy CUR, CUR 2.0, FOCUS).

Discovery is the local one (sentinel.deliveries.discover) run over a snapshot listing through
`S3Path`: one implementation of manifest parsing, current-manifest choice and key resolution.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sentinel.deliveries.discover import Discovery, find
from sentinel.deliveries.landing import Outcome, land_each
from sentinel.deliveries.s3_path import S3Snapshot
from sentinel_assets.aws.clients import aws_client
from sentinel_assets.aws.s3_lake import S3Lake
from sentinel_assets.interfaces import DeliveryRef, DeliveryStore, Lake


class S3DeliveryStore(DeliveryStore):
    bucket: str
    prefix: str = "exports"
    region: str | None = None
    endpoint_url: str | None = None

    def _s3(self) -> Any:
        return aws_client("s3", self.region, self.endpoint_url)

    @property
    def _prefix(self) -> str:
        return self.prefix.strip("/") + "/" if self.prefix.strip("/") else ""

    def describe(self) -> str:
        return f"s3://{self.bucket}/{self._prefix}"

    def snapshot(self) -> S3Snapshot:
        return S3Snapshot.list(self._s3(), self.bucket, self._prefix)

    def fingerprint(self) -> str:
        """Keys, sizes and ETags of the prefix: one paginated listing, no object is read."""
        digest = hashlib.sha256()
        for key, obj in sorted(self.snapshot().objects.items()):
            digest.update(f"{key}|{obj.size}|{obj.etag}\n".encode())
        return digest.hexdigest()

    def _found(self, period: str | None) -> Discovery:
        snapshot = self.snapshot()
        if not snapshot.objects:
            return Discovery([])
        found = find(snapshot.root)  # type: ignore[arg-type]  # S3Path quacks like the Path it needs
        for delivery in found.deliveries:
            delivery.source = self.describe()
        return found.for_period(period)

    def current(self, period: str | None = None) -> list[DeliveryRef]:
        return [DeliveryRef(f.billing_period, f.export_name, f.delivery_id, f.delivered_at)
                for f in self._found(period).deliveries]

    def land(self, period: str, lake: Lake) -> list[Outcome]:
        if not isinstance(lake, S3Lake):
            raise TypeError("deliveries in S3 land in the S3 lake (SENTINEL_ENV=aws selects both)")
        return land_each(self._found(period), lake.land, lambda found, reason: lake.reject(
            found.billing_period, found.export_name, found.delivery_id, reason))
