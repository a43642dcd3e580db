"""The CSV encoder is RFC 4180, and the export pipeline stops and fails cleanly."""

from __future__ import annotations

import csv
import io
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pyarrow as pa
import pytest

from api.csv_export import encode_batch, header_row, pipelined


def test_quotes_commas_newlines_and_nulls_round_trip() -> None:
    batch = pa.RecordBatch.from_pydict({
        "text": ['plain', 'with "quotes"', "with, comma", "two\r\nlines", None],
        "cost": pa.array([Decimal("1.5"), Decimal("-0.0000000001"), None, Decimal(0), Decimal("12345678.9")],
                         type=pa.decimal128(38, 10)),
        "at": pa.array([datetime(2024, 9, 30, 22, tzinfo=UTC)] * 5, type=pa.timestamp("us", tz="UTC")),
    })
    text = (encode_batch(batch, header=True) + encode_batch(batch, header=False)).decode()
    assert text.startswith('"text","cost","at"\r\n')
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["text", "cost", "at"] and len(rows) == 11
    assert [r[0] for r in rows[1:6]] == ["plain", 'with "quotes"', "with, comma", "two\r\nlines", ""]
    # exact decimals (pyarrow writes values below 1e-6 in E notation, which every CSV reader parses)
    assert rows[1][1] == "1.5000000000" and Decimal(rows[2][1]) == Decimal("-0.0000000001") and rows[3][1] == ""
    assert rows[1][2] == "2024-09-30 22:00:00"
    assert header_row(["a", "b"]) == b'"a","b"\r\n'


def test_pipeline_passes_chunks_in_order() -> None:
    assert list(pipelined(iter([b"a", b"b", b"c"]))) == [b"a", b"b", b"c"]


def test_pipeline_reraises_the_producer_error() -> None:
    def failing() -> Iterator[bytes]:
        yield b"a"
        raise RuntimeError("scan failed")

    chunks = pipelined(failing())
    assert next(chunks) == b"a"
    with pytest.raises(RuntimeError, match="scan failed"):
        next(chunks)


def test_a_client_going_away_stops_the_producer() -> None:
    produced = []
    closed = threading.Event()

    def endless() -> Iterator[bytes]:
        try:
            while True:
                produced.append(1)
                yield b"x" * 1000
        finally:
            closed.set()

    chunks = pipelined(endless(), depth=2)
    next(chunks)
    chunks.close()
    assert closed.wait(5)
    count = len(produced)
    time.sleep(0.2)
    assert len(produced) == count <= 5  # bounded read-ahead, then nothing
