"""Look inside a delivered file without reading it all: its columns, its format, a sane header."""

from __future__ import annotations

import codecs
import csv
import gzip
import re
import zlib
from pathlib import Path
from typing import BinaryIO

import pyarrow.parquet as pq
from isal import igzip, isal_zlib
from sentinel_etl.errors import InputError
from sentinel_etl.formats import SourceFormat, detect_format
from sentinel_etl.names import first_clash, snake_case_all

CSV_SUFFIXES = (".csv", ".csv.gz")
PARQUET_SUFFIXES = (".parquet",)
LEGACY_HEADER = re.compile(r"^[A-Za-z]+/[^/]+$")
FOCUS_HEADER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_HEADER_BYTES = 1 << 20


def is_data_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(CSV_SUFFIXES + PARQUET_SUFFIXES) and not name.startswith((".", "_"))


def is_csv(path: Path) -> bool:
    return path.name.lower().endswith(CSV_SUFFIXES)


def columns_of(path: Path) -> list[str]:
    """The original column names: the CSV header row, or the Parquet schema."""
    if path.stat().st_size == 0:
        raise InputError(str(path), "the file is empty (0 bytes)")
    if not is_csv(path):
        try:
            with path.open("rb") as handle:  # a file object: the path may be an S3Path (s3_path.py)
                return list(pq.read_schema(handle).names)
        except Exception as error:
            raise InputError(str(path), f"not a readable Parquet file: {error}") from error
    header = _first_line(path)
    if not header.strip():
        raise InputError(str(path), "the file has no header row", line=1)
    return next(csv.reader([header]))


def sniff(path: Path) -> tuple[SourceFormat, list[str]]:
    columns = columns_of(path)
    fmt = detect_format(snake_case_all(columns), str(path), is_csv=is_csv(path), headers=columns)
    if is_csv(path):
        _check_header(path, columns, fmt)
    _check_unique(path, columns)
    return fmt, columns


def _check_unique(path: Path, columns: list[str]) -> None:
    """Every column must be readable by its own name: the job, the profile and the totals address columns by
    snake_case name, so of two that share one the first would be used and the other silently dropped."""
    clash = first_clash(columns)
    if clash is None:
        return
    first, second = columns[clash.first], columns[clash.second]
    how = "have the same name" if clash.same_header else f"both read as {clash.name!r}"
    raise InputError(str(path), f"columns {clash.first + 1} {first!r} and {clash.second + 1} {second!r} {how}",
                     line=1 if is_csv(path) else None)


def _check_header(path: Path, columns: list[str], fmt: SourceFormat) -> None:
    pattern = LEGACY_HEADER if fmt is SourceFormat.LEGACY_CUR_CSV else FOCUS_HEADER
    for index, name in enumerate(columns, start=1):
        if not name.strip():
            raise InputError(str(path), f"header field {index} is empty", line=1)
        if not pattern.match(name.strip()):
            problem = "two header names run together" if name.count("/") > 1 else "malformed header name"
            raise InputError(str(path), problem, column=name, line=1)


def _first_line(path: Path) -> str:
    try:
        with path.open("rb") as source:
            handle = gzip.GzipFile(fileobj=source) if path.name.lower().endswith(".gz") else source
            raw = handle.readline(MAX_HEADER_BYTES)
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(str(path), f"cannot be decompressed: {error}") from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"header is not valid UTF-8 (byte {error.start})", line=1) from error


def verify_integrity(path: Path) -> None:
    """Read the whole file once: a truncated gzip or invalid UTF-8 fails here, before anything is stored.

    A month of line items inflates to about 1 KB per row, so this is a landing's main cost: ISA-L inflates
    about 3× faster than zlib, a chunk of plain ASCII (almost all of a billing export) is valid UTF-8
    without being decoded, and lines are only counted to place an error.
    """
    if not is_csv(path):
        return
    utf8 = codecs.getincrementaldecoder("utf-8")()
    offset = 0  # of the chunk in the inflated text
    try:
        with _open_text_bytes(path) as handle:
            while chunk := handle.read(1 << 22):
                pending = utf8.getstate()[0]
                if pending or not chunk.isascii():
                    try:
                        utf8.decode(chunk)
                    except UnicodeDecodeError as error:
                        raise _invalid_utf8(path, offset - len(pending) + error.start, (pending + chunk)[error.start]) \
                            from None
                offset += len(chunk)
        pending = utf8.getstate()[0]
        if pending:  # the text ends inside a character
            raise _invalid_utf8(path, offset - len(pending), pending[0])
    except (EOFError, zlib.error, isal_zlib.error, gzip.BadGzipFile) as error:  # type: ignore[misc]  # isal's stub
        raise InputError(str(path), f"truncated or corrupt gzip: {error}") from error


def _open_text_bytes(path: Path) -> BinaryIO:
    return igzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _invalid_utf8(path: Path, position: int, byte: int) -> InputError:
    """The error for a bad byte at `position` of the inflated text, with its line (read again to count)."""
    line, seen = 1, 0
    with _open_text_bytes(path) as handle:
        while seen < position and (chunk := handle.read(min(1 << 22, position - seen))):
            line += chunk.count(b"\n")
            seen += len(chunk)
    return InputError(str(path), f"invalid UTF-8 (byte 0x{byte:02x})", line=line)

