"""Read a landed delivery's files as DataFrames with snake_case columns (still in the export's own shape)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from pyspark.sql import DataFrame

from sentinel_etl.columns import Source
from sentinel_etl.delivery_record import DeliveredFile, DeliveryRecord
from sentinel_etl.engine import Engine
from sentinel_etl.formats import SourceFormat
from sentinel_etl.names import snake_case_all


@dataclass(frozen=True)
class RawFile:
    record: DeliveryRecord
    file: DeliveredFile
    location: str  # path or URI the engine reads
    frame: DataFrame
    source: Source  # the frame's column names and types

    @property
    def is_csv(self) -> bool:
        return self.record.format in (SourceFormat.LEGACY_CUR_CSV, SourceFormat.FOCUS) and _is_csv(self.file.path)


def read_delivery(engine: Engine, record: DeliveryRecord, folder: str) -> list[RawFile]:
    return [_read_file(engine, record, file, posixpath.join(folder, file.path)) for file in record.files]


def _read_file(engine: Engine, record: DeliveryRecord, file: DeliveredFile, location: str) -> RawFile:
    if _is_csv(file.path):
        null_value = "NULL" if record.format is SourceFormat.FOCUS else None
        names = snake_case_all(file.columns)
        frame = engine.read_csv(location, names, null_value=null_value)
        # Read with an all-string schema of our own: no need to ask the engine (a DESCRIBE on DuckDB).
        return RawFile(record, file, location, frame, Source({name: "string" for name in names}))
    frame = engine.read_parquet(location, names=snake_case_all(file.columns) if file.columns else None)
    return RawFile(record, file, location, frame, Source.of(frame))


def _is_csv(path: str) -> bool:
    lowered = path.lower()
    return lowered.endswith((".csv", ".csv.gz", ".csv.zip"))
