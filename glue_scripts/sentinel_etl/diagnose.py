"""Failure path only: find the first offending line of a CSV, or row of a Parquet file, so the error can name it.

The engines only count bad values (raw_profile); these scans run once a count says there is one, in plain
Python, so they mirror what the engines accept rather than ask them.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from sentinel_etl.errors import InputError
from sentinel_etl.money import INTEGER_DIGITS, SCALE
from sentinel_etl.null_markers import NULL_MARKERS

NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
SHOWN_CHARACTERS = 60  # of a malformed line's text, in a message


@dataclass(frozen=True)
class Place:
    """Where a value sits: a CSV line (the header is line 1; a record spanning lines is named by its first),
    or a Parquet row group and row in it (both from 0, as pyarrow and DuckDB's parquet_metadata count)."""

    line: int | None = None
    row_group: int | None = None
    row: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}" if self.line is not None else f"row group {self.row_group}, row {self.row}"


@dataclass(frozen=True)
class RowsOfTypes:
    """Only the rows whose line item type (the column at `column`) is among `types`, or, with used=False,
    only the other rows."""

    column: int
    types: frozenset[str]
    used: bool = True

    def admit(self, value: object) -> bool:
        return (value in self.types) == self.used


@dataclass(frozen=True)
class Malformed:
    """A CSV record the readers cannot split into the header's columns."""

    line: int
    column: str  # the header's name for the column where it goes wrong
    problem: str  # names the value


def is_absent(value: object) -> bool:
    return value is None or (isinstance(value, str) and value in NULL_MARKERS)


def is_bad(value: object, kind: str) -> bool:
    """A present value that the profile's try_cast to `kind` (a CHECKED_COLUMNS type) makes NULL."""
    if is_absent(value):
        return False
    money = kind.startswith("decimal")
    if isinstance(value, str):
        if kind == "timestamp":
            return not _is_timestamp(value)
        if not NUMBER.match(value):
            return True
        return money and not _fits_money(Decimal(value.strip()))
    if money and isinstance(value, float | int | Decimal):  # a Parquet number: NaN, or too large
        return not _fits_money(Decimal(value))
    return False  # typed values the profile does not test (timestamps, doubles read as double)


def why_bad(value: object, kind: str) -> str:
    """What is wrong with a value is_bad refuses, as the rest of a sentence naming it."""
    if kind == "timestamp":
        return "is not a valid date" if isinstance(value, str) and TIMESTAMP.match(value) else "is not a timestamp"
    if (isinstance(value, str) and not NUMBER.match(value)) or (isinstance(value, float) and value != value):
        return "is not a number"  # (NaN is the one float unequal to itself)
    return f"does not fit DECIMAL(38,10) (at most {INTEGER_DIGITS} digits before the point)"


def first_bad_value(path: str, column: int, kind: str, *, is_csv: bool,
                    only: RowsOfTypes | None = None) -> tuple[Place, object] | None:
    """Where the first value in the column (by its position in the header or schema) that is not a
    number/timestamp is, and the value, among the rows `only` admits."""
    wanted = [column] if only is None else [column, only.column]
    for place, values in _values(path, wanted, is_csv=is_csv):
        if (only is None or only.admit(values[1])) and is_bad(values[0], kind):
            return place, values[0]
    return None


def first_empty_value(path: str, column: int, *, is_csv: bool) -> Place | None:
    """Where the first row without a value (NULL or a NULL marker) in the column is."""
    return next((place for place, values in _values(path, [column], is_csv=is_csv) if is_absent(values[0])), None)


def malformed_error(location: str, shown: str) -> InputError | None:
    """The first record of a CSV that does not split into the header's columns, as an error naming the
    file as `shown` (the user's name for it)."""
    if location.lower().endswith(".parquet"):  # a delivery's data files are CSV, CSV.gz or Parquet
        return None
    found = first_malformed_line(location)
    return None if found is None else InputError(shown, found.problem, column=found.column, line=found.line)


def first_malformed_line(path: str) -> Malformed | None:
    """The first CSV record that does not split into the header's columns: a quote that is never closed
    (or closes inside a value) or more or fewer fields than the header has. Read as the engines read it:
    comma, double quote, a quote inside a quoted value written twice."""
    with _text(path) as text:
        lines = _Lines(text)
        reader = csv.reader(lines, strict=True)
        try:
            header = next(reader)
        except (StopIteration, csv.Error):
            return None
        while True:
            first = reader.line_num + 1
            lines.consumed.clear()
            try:
                row = next(reader)
            except StopIteration:
                return None
            except csv.Error:
                return _unclosed_quote(first, "".join(lines.consumed), header)
            if row and len(row) != len(header):  # a blank line is skipped by the engines too
                return _ragged(first, row, header)


def _unclosed_quote(first: int, text: str, header: list[str]) -> Malformed | None:
    found = _open_quote(text)
    if found is None:
        return None
    field, offset = found
    line = first + text.count("\n", 0, offset)
    shown = text[offset:].splitlines()[0][:SHOWN_CHARACTERS]
    column = header[field] if field < len(header) else f"field {field + 1}"
    return Malformed(line, column, f"a quoted value opens here and is not closed where the value ends: {shown!r}")


def _open_quote(text: str) -> tuple[int, int] | None:
    """(field index, offset of its opening quote) of the first quoted value that never closes or closes
    before the value ends."""
    field, i, end = 0, 0, len(text)
    while i < end:
        if text[i] == '"':
            start, i = i, i + 1
            while True:
                close = text.find('"', i)
                if close < 0:
                    return field, start
                if text.startswith('""', close):
                    i = close + 2
                    continue
                i = close + 1
                break
            if i < end and text[i] not in ",\r\n":
                return field, start
        while i < end and text[i] not in ",\r\n":
            i += 1
        if i < end and text[i] != ",":
            return None  # the record ended without a quote problem
        field, i = field + 1, i + 1
    return None


def _ragged(line: int, row: list[str], header: list[str]) -> Malformed:
    fields, columns = len(row), len(header)
    if fields > columns:
        extra = ",".join(row[columns:])[:SHOWN_CHARACTERS]
        return Malformed(line, header[-1], f"{fields} fields where the header has {columns}: {extra!r} after "
                                           "the last column belongs to no column")
    after = columns - fields - 1
    rest = f" and the {after} after it" if after else ""
    return Malformed(line, header[fields], f"{fields} fields where the header has {columns}: the line ends after "
                                           f"{row[-1]!r}, leaving this column{rest} without a value")


class _Lines:
    """The text's lines, keeping those the csv reader has taken since `consumed` was last cleared."""

    def __init__(self, text: io.TextIOBase):
        self._text = text
        self.consumed: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._text)
        self.consumed.append(line)
        return line


def _text(path: str) -> io.TextIOWrapper:
    raw = gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")


def _values(path: str, columns: list[int], *, is_csv: bool) -> Iterator[tuple[Place, list[object]]]:
    """Each data row's values in the columns (by position; None where a CSV line is too short)."""
    if not is_csv:
        yield from _parquet_values(path, columns)
        return
    with _text(path) as text:
        reader = csv.reader(text)
        next(reader, None)
        first = reader.line_num + 1
        for row in reader:
            if row:  # a blank line is no row to the engines either
                yield Place(line=first), [row[c] if c < len(row) else None for c in columns]
            first = reader.line_num + 1


def _parquet_values(path: str, columns: list[int]) -> Iterator[tuple[Place, list[object]]]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    names = [parquet.schema_arrow.names[c] for c in columns]
    for group in range(parquet.num_row_groups):
        table = parquet.read_row_group(group, columns=list(dict.fromkeys(names)))
        read = [table.column(name).to_pylist() for name in names]
        for row, values in enumerate(zip(*read, strict=True)):
            yield Place(row_group=group, row=row), list(values)


def _is_timestamp(value: str) -> bool:
    match = TIMESTAMP.match(value)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    try:
        datetime(year, month, day, hour, minute, second)
    except ValueError:  # 2023-11-31, hour 25, ...
        return False
    return True


def _fits_money(value: Decimal) -> bool:
    """Both engines' try_cast to DECIMAL(38,10) rounds to 10 places and is NULL beyond 28 integer digits."""
    if not value.is_finite():
        return False
    if value.adjusted() >= INTEGER_DIGITS + 1:
        return False
    with localcontext() as context:  # arithmetic rounds to the context's 28 digits by default
        context.prec = INTEGER_DIGITS + 20
        try:
            rounded = value.quantize(SCALE, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return False
        return abs(rounded) < Decimal(10) ** INTEGER_DIGITS
