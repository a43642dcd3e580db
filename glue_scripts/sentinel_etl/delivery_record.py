"""`_delivery.json`: what Sentinel recorded when it landed a delivery in raw.

Written by the raw asset, read by the raw_to_silver job, so both sides agree on the files, the format
and the billing period without listing or sniffing the lake again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from sentinel_etl.formats import SourceFormat

RECORD_NAME = "_delivery.json"
REJECTED_NAME = "_rejected.json"  # beside the record: the delivery failed validation and is never used


@dataclass(frozen=True)
class DeliveredFile:
    path: str  # relative to the delivery folder: a name Sentinel chose (`part-00001.csv.gz`), safe anywhere
    bytes: int
    sha256: str
    columns: list[str] = field(default_factory=list)  # original header / Parquet column names
    source: str = ""  # the file as delivered (path or URI): what messages name
    name: str = ""  # its name as delivered: silver's source_file

    @property
    def delivered_name(self) -> str:
        return self.name or self.path

    @property
    def shown(self) -> str:
        return self.source or self.path


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
    delivered_at: str  # ISO-8601 UTC, from the manifest or the files' modification time (shown, not ordered by)
    landed_at: str  # ISO-8601 UTC with microseconds: the order of arrival, which decides the newest delivery
    rejected: str | None = None  # why validation refused it (from REJECTED_NAME, not part of the record)

    def to_json(self) -> str:
        data = asdict(self)
        data.pop("rejected")
        return json.dumps(data, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DeliveryRecord:
        data = json.loads(text)
        data["format"] = SourceFormat(data["format"])
        data["files"] = [DeliveredFile(**f) for f in data["files"]]
        data.pop("rejected", None)
        return cls(**data)

    @property
    def total_bytes(self) -> int:
        return sum(f.bytes for f in self.files)

    @property
    def arrival(self) -> tuple[str, str]:
        """Later is newer: landing order, then the export's own delivery time."""
        return self.landed_at, self.delivered_at


def newest_per_export(records: list[DeliveryRecord]) -> list[DeliveryRecord]:
    """The deliveries silver is built from: per export, the last to arrive that was not rejected."""
    newest: dict[str, DeliveryRecord] = {}
    for record in records:
        current = newest.get(record.export_name)
        if record.rejected is None and (current is None or record.arrival > current.arrival):
            newest[record.export_name] = record
    return [newest[name] for name in sorted(newest)]

