"""Legacy CUR with Athena integration: typed Parquet with Athena's snake_case names.

    <prefix>/<report>/<report>/year=YYYY/month=M/<report>-0000N.snappy.parquet
    <prefix>/<report>/<report>/cost_and_usage_data_status/cost_and_usage_data_status.parquet
    <prefix>/<report>/<yyyymmdd-yyyymmdd>/<report>-Manifest.json

AWS overwrites a month's Parquet files on every delivery, so a restated month shows only the new
data, under a manifest with a new assemblyId. Like AWS's files, columns are never null: missing text
is '' and missing numbers are 0.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sentinel.generate.delivery import DeliveryContext, DeliveryWriter, FileWriter, clear_stale, write_json
from sentinel.generate.frame import Frame
from sentinel.generate.ids import stable_hex
from sentinel.generate.legacy_columns import Column, athena_name, columns_for, manifest_columns
from sentinel.generate.manifests import legacy_manifest
from sentinel.generate.output import ParquetFileWriter

PREFIX = "legacy-cur-parquet"
REPORT = "sentinel-cur-athena"
_TYPES = {"string": pa.string(), "double": pa.float64(), "timestamp": pa.timestamp("ms")}
_FILL: dict[str, str | float] = {"string": "", "double": 0.0}


def athena_schema(columns: list[Column]) -> pa.Schema:
    return pa.schema([pa.field(athena_name(c.header), _TYPES[c.kind], nullable=False) for c in columns])


class LegacyParquetDelivery(DeliveryWriter):
    format = "legacy_cur_parquet"

    def __init__(self, ctx: DeliveryContext) -> None:
        self.columns = columns_for(ctx.plan.index)
        super().__init__(ctx, with_net=any(c.header == "lineItem/NetUnblendedCost" for c in self.columns))
        period = ctx.plan.period
        self.report_dir = ctx.out / PREFIX / REPORT
        self.data_dir = self.report_dir / REPORT / f"year={period.year}" / f"month={period.month}"
        self.schema = athena_schema(self.columns)
        clear_stale(self.data_dir, rf"{REPORT}-\d+\.snappy\.parquet")

    def open_file(self, number: int) -> FileWriter:
        return ParquetFileWriter(self.data_dir / f"{REPORT}-{number:05d}.snappy.parquet", self.schema)

    def table(self, frame: Frame) -> pa.Table:
        arrays = []
        for column in self.columns:
            values = column.build(frame).cast(_TYPES[column.kind])  # decode dictionaries before filling
            arrays.append(values.fill_null(_FILL[column.kind]) if column.kind in _FILL else values)
        return pa.Table.from_arrays(arrays, names=self.schema.names)

    def finish(self, files: list[Path]) -> Path:
        org = self.ctx.spec.organisation
        document = legacy_manifest(
            assembly_id=self.delivery_id, account=org.ids[0],
            columns=manifest_columns(self.columns),
            compression="Parquet", content_type="Parquet",
            report_id=stable_hex("report", self.ctx.export_seed, REPORT), report_name=REPORT,
            period=self.ctx.plan.period, bucket=self.ctx.bucket, report_keys=[self.ctx.key(f) for f in files],
        )
        manifest = self.report_dir / self.ctx.plan.period.date_range / f"{REPORT}-Manifest.json"
        write_json(manifest, document)
        return manifest


def write_status(out: Path) -> Path:
    """The status table AWS keeps beside Athena-integrated reports ('READY' once delivered)."""
    path = out / PREFIX / REPORT / REPORT / "cost_and_usage_data_status" / "cost_and_usage_data_status.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({"status": pa.array(["READY"], pa.string())}), path, compression="snappy")
    return path
