"""Read a landed delivery's files as DataFrames with snake_case columns (still in the export's own shape)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from pyspark.sql import DataFrame

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

    @property
    def is_csv(self) -> bool:
        return self.record.format in (SourceFormat.LEGACY_CUR_CSV, SourceFormat.FOCUS) and _is_csv(self.file.path)


def read_delivery(engine: Engine, record: DeliveryRecord, folder: str) -> list[RawFile]:
    return [_read_file(engine, record, file, posixpath.join(folder, file.path)) for file in record.files]


def _read_file(engine: Engine, record: DeliveryRecord, file: DeliveredFile, location: str) -> RawFile:
    if _is_csv(file.path):
        null_value = "NULL" if record.format is SourceFormat.FOCUS else None
        frame = engine.read_csv(location, snake_case_all(file.columns), null_value=null_value)
    else:
        frame = engine.read_parquet(location)
        names = snake_case_all(list(frame.columns))
        if names != list(frame.columns):
            frame = frame.toDF(*names)
    return RawFile(record, file, location, frame)


def _is_csv(path: str) -> bool:
    lowered = path.lower()
    return lowered.endswith((".csv", ".csv.gz", ".csv.zip"))
