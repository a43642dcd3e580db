"""`_delivery.json`: what Sentinel recorded when it landed a delivery in raw.

Written by the raw asset, read by the raw_to_silver job, so both sides agree on the files, the format
and the billing period without listing or sniffing the lake again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from sentinel_etl.formats import SourceFormat

RECORD_NAME = "_delivery.json"


@dataclass(frozen=True)
class DeliveredFile:
    path: str  # relative to the delivery folder
    bytes: int
    sha256: str
    columns: list[str] = field(default_factory=list)  # original header / Parquet column names


@dataclass(frozen=True)
class DeliveryRecord:
    delivery_id: str
    export_name: str
    billing_period: str  # YYYY-MM
    format: SourceFormat
    files: list[DeliveredFile]
    manifest: str | None  # file name of the export's manifest inside the delivery folder, if any
    period_from_manifest: bool  # True: rows of another period are an error; False: they are filtered out
    source: str  # where the delivery was found
    delivered_at: str  # ISO-8601 UTC, from the manifest or the files' modification time
    landed_at: str  # ISO-8601 UTC

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DeliveryRecord:
        data = json.loads(text)
        data["format"] = SourceFormat(data["format"])
        data["files"] = [DeliveredFile(**f) for f in data["files"]]
        return cls(**data)

    @property
    def total_bytes(self) -> int:
        return sum(f.bytes for f in self.files)
