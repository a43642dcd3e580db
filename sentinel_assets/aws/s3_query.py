"""Checks' second reading of the lake on S3: the published partitions (found through the catalog) and the
raw files, read with the same DuckDB SQL as locally, on a local copy.

DuckDB cannot read s3:// here (its httpfs extension is not installable offline), so each query works on
a temporary copy of the partition; partitions of one period are small (gold: kilobytes; silver: one
month of line items). On a real account Athena answers the same questions (athena_query.py).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sentinel_etl.money import MoneyTotals
from sentinel_etl.s3_lake import S3Lake as VersionedS3Lake

from sentinel_assets.aws.clients import aws_client
from sentinel_assets.interfaces import Lake, LakeTotals
from sentinel_assets.local import DuckDBLakeTotals


class S3CopyLakeTotals(LakeTotals):
    bucket: str
    database: str = "sentinel"
    region: str | None = None
    endpoint_url: str | None = None

    def _lake(self) -> VersionedS3Lake:
        lake = VersionedS3Lake(f"s3://{self.bucket}/", staged_io=True, database=self.database)
        lake._clients.update(s3=aws_client("s3", self.region, self.endpoint_url),
                             glue=aws_client("glue", self.region, self.endpoint_url))
        return lake

    def _ask(self, layer: str, table: str, period: str, question: str, *args: Any) -> Any:
        """Copy the published partition into the local layout DuckDBLakeTotals reads, then ask it."""
        lake = self._lake()
        location = lake.current_location(layer, table, period)
        with tempfile.TemporaryDirectory(prefix="sentinel-check-") as root:
            if location is not None:
                local = Path(lake._download(lake.key_of(location).rstrip("/") + "/"))
                target = Path(root) / layer / table / f"billing_period={period}"
                target.parent.mkdir(parents=True)
                target.symlink_to(local)
            try:
                return getattr(DuckDBLakeTotals(lake_root=root), question)(layer, table, period, *args)
            finally:
                lake.close()

    def totals(self, layer: str, table: str, period: str) -> MoneyTotals | None:
        return self._ask(layer, table, period, "totals")

    def row_count(self, layer: str, table: str, period: str) -> int:
        return int(self._ask(layer, table, period, "row_count"))

    def distinct(self, layer: str, table: str, period: str, column: str) -> list[str]:
        return list(self._ask(layer, table, period, "distinct", column))

    def raw_totals(self, lake: Lake, period: str, delivery_ids: Sequence[str]) -> MoneyTotals:
        versioned = self._lake()
        try:
            wanted = [r for r in lake.records(period) if r.delivery_id in set(delivery_ids)]
            for record in wanted:
                versioned.input_folder(lake.delivery_uri(record))
            local = _LocalRaw(versioned.scratch, wanted)
            return DuckDBLakeTotals(lake_root=versioned.scratch).raw_totals(local, period, delivery_ids)  # type: ignore[arg-type]  # duck-typed Lake
        finally:
            versioned.close()


class _LocalRaw:
    """Just enough of a Lake for DuckDBLakeTotals.raw_totals over the local copy of raw/."""

    def __init__(self, root: str, records: list[Any]):
        self.root, self._records = root, records

    def records(self, period: str) -> list[Any]:
        return self._records

    def delivery_uri(self, record: Any) -> str:
        return str(Path(self.root) / "raw" / f"billing_period={record.billing_period}" /
                   f"export={record.export_name}" / f"delivery={record.delivery_id}")
