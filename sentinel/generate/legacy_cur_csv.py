"""Legacy CUR as gzip CSV, in AWS's 'create new report versions' layout:

    <prefix>/<report>/<yyyymmdd-yyyymmdd>/<assemblyId>/<report>-<n>.csv.gz
    <prefix>/<report>/<yyyymmdd-yyyymmdd>/<assemblyId>/<report>-Manifest.json
    <prefix>/<report>/<yyyymmdd-yyyymmdd>/<report>-Manifest.json      (the current assembly)

A restated month gets a second assembly folder; the top-level manifest then names the newer one.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from sentinel.generate.delivery import DeliveryContext, DeliveryWriter, FileWriter, clear_stale, write_json
from sentinel.generate.frame import Frame
from sentinel.generate.ids import stable_hex
from sentinel.generate.legacy_columns import Column, columns_for, manifest_columns
from sentinel.generate.manifests import legacy_manifest
from sentinel.generate.money import double_text
from sentinel.generate.output import GzipCsvWriter

PREFIX = "legacy-cur-csv"
REPORT = "sentinel-cur"


def csv_value(column: Column, frame: Frame) -> pa.Array:
    """A legacy column as the text AWS writes (numbers like '1.81E-8', times like '...T00:00:00Z')."""
    if column.kind == "timestamp":
        assert column.text is not None
        return column.text(frame)
    values = column.build(frame)
    return double_text(values) if column.kind == "double" else values


class LegacyCsvDelivery(DeliveryWriter):
    format = "legacy_cur_csv"

    def __init__(self, ctx: DeliveryContext) -> None:
        self.columns = columns_for(ctx.plan.index)
        super().__init__(ctx, with_net=any(c.header == "lineItem/NetUnblendedCost" for c in self.columns))
        self.period_dir = ctx.out / PREFIX / REPORT / ctx.plan.period.date_range
        self.assembly_dir = self.period_dir / self.delivery_id
        clear_stale(self.assembly_dir, rf"{REPORT}-\d+\.csv\.gz")

    def open_file(self, number: int) -> FileWriter:
        return GzipCsvWriter(self.assembly_dir / f"{REPORT}-{number}.csv.gz")

    def table(self, frame: Frame) -> pa.Table:
        return pa.table({c.header: csv_value(c, frame) for c in self.columns})

    def finish(self, files: list[Path]) -> Path:
        org = self.ctx.spec.organisation
        document = legacy_manifest(
            assembly_id=self.delivery_id, account=org.ids[0], columns=manifest_columns(self.columns),
            compression="GZIP", content_type="text/csv",
            report_id=stable_hex("report", self.ctx.export_seed, REPORT), report_name=REPORT,
            period=self.ctx.plan.period, bucket=self.ctx.bucket, report_keys=[self.ctx.key(f) for f in files],
        )
        inner = self.assembly_dir / f"{REPORT}-Manifest.json"
        write_json(inner, document)
        # Deliveries are written oldest first, so the last one written is the current assembly.
        write_json(self.period_dir / f"{REPORT}-Manifest.json", document)
        return inner
