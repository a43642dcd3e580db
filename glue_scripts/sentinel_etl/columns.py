"""Column helpers shared by the transforms: safe casts and optional columns.

Written against the PySpark API; on the embedded engine sqlframe runs the same calls on DuckDB.
`try_cast` is used rather than `cast` so both engines turn unparseable values into NULL the same way
(the raw profile counts them and fails the run with a precise error instead).

A string column may spell "no value" as one of NULL_MARKERS, in any format: the helpers read each as NULL.
This is done here, not by the CSV readers, because Spark's reader takes a single `nullValue` and Parquet
string columns carry the markers too.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from sentinel_etl.null_markers import NULL_MARKERS

MONEY = T.DecimalType(38, 10)
MONEY_SQL = "decimal(38,10)"
TAG_MAP = T.MapType(T.StringType(), T.StringType())


_MARKERS_SQL = ", ".join(f"'{marker}'" for marker in NULL_MARKERS)
# A map entry whose value is neither NULL nor a NULL marker (a tag absent on the row).
_PRESENT_ENTRY = f"e -> e.value IS NOT NULL AND e.value NOT IN ({_MARKERS_SQL})"


def null_of(data_type: T.DataType) -> Column:
    return F.lit(None).cast(data_type)


def without_markers(column: Column) -> Column:
    """The string value, or NULL where it is a NULL marker."""
    return F.when(~column.isin(*NULL_MARKERS), column)


@dataclass(frozen=True)
class Source:
    """A frame's column names and types, read once: asking sqlframe for them rebuilds its expression tree."""

    types: dict[str, str]  # name → Spark simple type string (`string`, `timestamp`, `map<string,string>`)

    @classmethod
    def of(cls, df: DataFrame) -> Source:
        return cls({f.name: str(f.dataType.simpleString()) for f in df.schema.fields})

    @property
    def names(self) -> list[str]:
        return list(self.types)


def column_type(src: Source, name: str) -> str:
    return src.types.get(name, "")


def has(src: Source, name: str) -> bool:
    return name in src.types


def first_present(src: Source, *names: str) -> str | None:
    return next((n for n in names if n in src.types), None)


def try_cast(name: str, sql_type: str) -> Column:
    # Names come from our own snake_case normaliser ([a-z0-9_]), so they are safe inside an expression.
    return F.expr(f"try_cast(`{name}` as {sql_type})")


def absent(src: Source, name: str) -> Column:
    """True where the column has no value: NULL or, in a string column, a NULL marker (never NULL itself)."""
    column = F.col(name)
    if column_type(src, name) != "string":
        return column.isNull()
    return column.isNull() | column.isin(*NULL_MARKERS)


def text(src: Source, *names: str) -> Column:
    """The first present column as a string with NULL markers turned into NULL, or NULL."""
    name = first_present(src, *names)
    if name is None:
        return null_of(T.StringType())
    # No cast for a string column: an identity cast still costs a pass over every value on DuckDB.
    column = F.col(name) if column_type(src, name) == "string" else F.col(name).cast(T.StringType())
    return without_markers(column)


# money, number and timestamp read a NULL marker as NULL through try_cast itself: no marker parses as a
# number or a timestamp on either engine (tests/sentinel_etl/transforms/test_null_markers.py), so testing
# for them as well would add a comparison per value for nothing. The raw profile tells markers (absent
# values) from values that do not parse with `absent`.
def money(src: Source, name: str) -> Column:
    if not has(src, name):
        return null_of(MONEY)
    return try_cast(name, MONEY_SQL)


def number(src: Source, name: str) -> Column:
    if not has(src, name):
        return null_of(T.DoubleType())
    return try_cast(name, "double")


def timestamp(src: Source, name: str) -> Column:
    """UTC timestamp from a typed column or an ISO-8601 string (`2023-11-01T00:00:00Z`, `2024-09-18 22:00:00`)."""
    if not has(src, name):
        return null_of(T.TimestampType())
    if column_type(src, name).startswith("timestamp"):
        return F.col(name)
    return try_cast(name, "timestamp")


def period_of(name: str) -> Column:
    """`YYYY-MM` of a billing period start, typed or string."""
    return F.substring(F.col(name).cast(T.StringType()), 1, 7)


def map_without_nulls(pairs: list[tuple[str, str]]) -> Column:
    """A string map from (key, column) pairs, dropping NULL and NULL-marker values (tags absent on a row)."""
    if not pairs:
        return null_of(TAG_MAP)
    # Filter (key, value) structs, then build the map once: cheaper than building a map to filter it.
    entries = ", ".join(f"named_struct('key', '{key}', 'value', cast(`{column}` as string))" for key, column in pairs)
    return F.expr(f"map_from_entries(filter(array({entries}), {_PRESENT_ENTRY}))")


def drop_empty_entries(map_column: str) -> Column:
    return _drop_empty(f"`{map_column}`")


def _drop_empty(map_sql: str) -> Column:
    # map_filter is missing from sqlframe; this spelling runs on Spark and DuckDB alike.
    return F.expr(f"map_from_entries(filter(map_entries({map_sql}), {_PRESENT_ENTRY}))")

