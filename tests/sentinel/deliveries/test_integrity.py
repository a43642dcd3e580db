"""The landing integrity check: the whole file inflates and is UTF-8, across 4 MB read chunks, or a
precise error names the file and line."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from sentinel_etl.errors import InputError

from sentinel.deliveries.sniff import verify_integrity

CHUNK = 1 << 22
LINE = "2024-01-01T00:00:00Z,AmazonEC2,0.0123456789\n"


def export(tmp_path: Path, text: bytes, *, compressed: bool) -> Path:
    path = tmp_path / ("cur.csv.gz" if compressed else "cur.csv")
    path.write_bytes(gzip.compress(text, compresslevel=1) if compressed else text)
    return path


@pytest.mark.parametrize("compressed", [True, False])
def test_a_character_split_between_chunks_is_valid(tmp_path: Path, compressed: bool) -> None:
    head = b"a" * (CHUNK - 1)
    verify_integrity(export(tmp_path, head + "é,ß\n".encode() + LINE.encode(), compressed=compressed))


@pytest.mark.parametrize("compressed", [True, False])
def test_a_bad_byte_past_the_first_chunk_names_its_line(tmp_path: Path, compressed: bool) -> None:
    lines = LINE.encode() * (CHUNK // len(LINE) + 1000)  # well into the second chunk
    before = lines.count(b"\n")
    path = export(tmp_path, lines + b"caf\xe9\n" + LINE.encode(), compressed=compressed)
    with pytest.raises(InputError, match=r"invalid UTF-8 \(byte 0xe9\)") as error:
        verify_integrity(path)
    assert error.value.file == str(path)
    assert error.value.line == before + 1


def test_text_that_ends_inside_a_character(tmp_path: Path) -> None:
    path = export(tmp_path, LINE.encode() * 3 + "é".encode()[:1], compressed=True)
    with pytest.raises(InputError, match="invalid UTF-8") as error:
        verify_integrity(path)
    assert error.value.line == 4


def test_a_truncated_gzip(tmp_path: Path) -> None:
    path = export(tmp_path, LINE.encode() * 50_000, compressed=True)
    path.write_bytes(path.read_bytes()[:-5000])
    with pytest.raises(InputError, match="truncated or corrupt gzip") as error:
        verify_integrity(path)
    assert error.value.file == str(path)


def test_a_gzip_of_several_members(tmp_path: Path) -> None:
    path = tmp_path / "cur.csv.gz"
    path.write_bytes(gzip.compress(LINE.encode() * 10) + gzip.compress("café\n".encode()))
    verify_integrity(path)
