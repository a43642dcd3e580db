"""Streaming file writers: gzip CSV and Parquet, one chunk at a time, deterministic bytes."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

GZIP_LEVEL = 1  # AWS's level is unknown; level 1 writes ~5x faster than 6 for ~40% larger files
PARQUET_ROW_GROUP = 250_000


class GzipCsvWriter:
    """A CSV file compressed on the fly. zlib's gzip header carries no timestamp or name, so the
    same rows always give the same bytes."""

    def __init__(self, path: Path, quote_all: bool = False) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file: BinaryIO = path.open("wb")
        self._zip = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
        self._header = True
        self._options = {"quoting_style": "all_valid" if quote_all else "needed"}
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        sink = pa.BufferOutputStream()
        pcsv.write_csv(table, sink, pcsv.WriteOptions(include_header=self._header, **self._options))
        self._header = False
        self._file.write(self._zip.compress(sink.getvalue().to_pybytes()))
        self.rows += table.num_rows

    def close(self) -> None:
        self._file.write(self._zip.flush())
        self._file.close()


class ParquetFileWriter:
    """A snappy Parquet file with a fixed schema, written in row groups."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.schema = schema
        self._writer = pq.ParquetWriter(path, schema, compression="snappy", write_statistics=True)
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        self._writer.write_table(table.cast(self.schema), row_group_size=PARQUET_ROW_GROUP)
        self.rows += table.num_rows

    def close(self) -> None:
        self._writer.close()
