"""Pandera schemas for silver and gold, checked on the Parquet files a job has just staged.

Checking the written files (read with polars, batch by batch) rather than the engine's DataFrame keeps one
set of schemas for both engines and bounds memory whatever the partition size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandera.polars as pa
import polars as pl
import pyarrow.parquet as pq

from sentinel_etl.charges import CHARGE_CATEGORY_BY_LINE_ITEM_TYPE

CHARGE_CATEGORIES = sorted({*CHARGE_CATEGORY_BY_LINE_ITEM_TYPE.values(), "Adjustment", "Purchase", "Tax", "Credit"})
MONEY = pl.Decimal(38, 10)
BATCH_ROWS = 500_000
EXAMPLE_ROWS = 3  # failing rows shown per check
# A schema's metadata["identity"]: the columns that tell a reader which row failed (a file may lack some).
IDENTITY = "identity"


def _text(nullable: bool = True, **checks: object) -> pa.Column:
    return pa.Column(pl.Utf8, nullable=nullable, **checks)  # type: ignore[arg-type]


def _money(nullable: bool = True) -> pa.Column:
    return pa.Column(MONEY, nullable=nullable)


SILVER_SCHEMA = pa.DataFrameSchema(
    {
        "provider": _text(nullable=False),
        "source_format": _text(nullable=False, checks=pa.Check.isin(["legacy_cur_csv", "legacy_cur_parquet", "cur2", "focus"])),
        "charge_category": _text(nullable=True, checks=pa.Check.isin(CHARGE_CATEGORIES)),
        "usage_start": pa.Column(pl.Datetime(time_unit="us", time_zone="UTC"), nullable=False),
        "usage_date": pa.Column(pl.Date, nullable=False),
        "usage_amount": pa.Column(pl.Float64, nullable=True),
        "unblended_cost": _money(nullable=False),
        "net_unblended_cost": _money(),
        "amortized_cost": _money(),
        "public_cost": _money(),
        "source_file": _text(nullable=False),
        "delivery_id": _text(nullable=False),
    },
    name="silver.line_items",
    # The raw line is not in silver: its file, line item id and hour find it there.
    metadata={IDENTITY: ("source_file", "line_item_id", "usage_start")},
)

_GOLD_KEYS = ("provider", "service", "region", "usage_account_id", "charge_category")
_ACCOUNT_NAMES = ("payer_account_name", "usage_account_name")


def _gold_schema(
    name: str, keys: tuple[str, ...], with_date: bool, names: tuple[str, ...] = ()
) -> pa.DataFrameSchema:
    columns: dict[str, pa.Column] = {key: _text(nullable=False) for key in (*keys, *names)}
    if with_date:
        columns["usage_date"] = pa.Column(pl.Date, nullable=False)
    columns.update({c: _money() for c in ("net_unblended_cost", "amortized_cost", "public_cost")})
    columns["unblended_cost"] = _money(nullable=False)
    columns["line_item_count"] = pa.Column(pl.Int64, nullable=False, checks=pa.Check.gt(0))
    return pa.DataFrameSchema(columns, name=name, metadata={IDENTITY: (*keys, *(("usage_date",) if with_date else ()))})


GOLD_SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "cost_daily": _gold_schema(
        "gold.cost_daily", (*_GOLD_KEYS, "operation", "usage_type", "line_item_type"), True, _ACCOUNT_NAMES
    ),
    "cost_monthly": _gold_schema("gold.cost_monthly", _GOLD_KEYS, False, _ACCOUNT_NAMES),
    "cost_by_tag_daily": _gold_schema(
        "gold.cost_by_tag_daily", ("provider", "service", "region", "usage_account_id", "tag_key", "tag_value"), True,
        ("usage_account_name",),
    ),
    "period_summary": _gold_schema("gold.period_summary", ("provider",), False),
    "cost_anomalies": pa.DataFrameSchema(
        {
            **{key: _text(nullable=False) for key in ("anomaly_id", "episode_id", "usage_account_id", "service_code",
                                                      "service", "drivers")},
            "anomaly_id": _text(nullable=False, unique=True),
            "usage_date": pa.Column(pl.Date, nullable=False),
            "episode_start": pa.Column(pl.Date, nullable=False),
            **{c: _money(nullable=False) for c in ("actual_cost", "expected_cost", "impact")},
            "score": pa.Column(pl.Float64, nullable=False),
            "status": _text(nullable=False, checks=pa.Check.isin(["new", "ongoing", "revised", "withdrawn"])),
            "first_seen_at": pa.Column(pl.Datetime(time_unit="us", time_zone="UTC"), nullable=False),
        },
        name="gold.cost_anomalies", metadata={IDENTITY: ("usage_account_id", "service_code", "usage_date")},
    ),
}


@dataclass
class ValidationResult:
    schema: str
    rows: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def validate_files(schema: pa.DataFrameSchema, files: list[str]) -> ValidationResult:
    result = ValidationResult(schema.name or "")
    wanted = list(schema.columns)
    for path in files:
        parquet = pq.ParquetFile(path)
        present = [c for c in wanted if c in parquet.schema_arrow.names]
        missing = sorted(set(wanted) - set(present))
        if missing:
            result.failures.append(f"{path}: missing columns {', '.join(missing)}")
            continue
        identity = [c for c in (schema.metadata or {}).get(IDENTITY, ()) if c in parquet.schema_arrow.names]
        # polars reads the batches (a slice reads only the row groups it needs, on all cores): about 3×
        # faster than pyarrow batches converted to polars, with half the memory.
        scan = pl.scan_parquet(path, glob=False).select(list(dict.fromkeys([*present, *identity])))
        for offset in range(0, parquet.metadata.num_rows, BATCH_ROWS):
            frame = scan.slice(offset, BATCH_ROWS).collect()
            result.rows += frame.height
            try:
                schema.validate(frame, lazy=True)  # checks the schema's columns, ignores the identity ones
            except pa.errors.SchemaErrors as errors:
                checked_all = frame.height == parquet.metadata.num_rows
                result.failures.extend(_summarise(errors, frame, path, offset, identity, checked_all))
                return result
    return result


def _summarise(errors: pa.errors.SchemaErrors, frame: pl.DataFrame, path: str, offset: int, identity: list[str],
               checked_all: bool) -> list[str]:
    """One line per failed check: how many rows, and the first few with their values and identifying columns."""
    cases = errors.failure_cases
    lines = []
    for (column, check), failed in cases.group_by(["column", "check"], maintain_order=True):
        rows = failed["index"].drop_nulls().unique(maintain_order=True).to_list()
        if not rows:  # a failure of the whole column (its type), not of rows
            lines.append(f"{column}: {check} failed for {failed['failure_case'][0]!r}")
            continue
        examples = "; ".join(_row(frame, str(column), row, offset, identity) for row in rows[:EXAMPLE_ROWS])
        where = path if checked_all else f"{path} (rows {offset:,} to {offset + frame.height - 1:,}, where checking stopped)"
        lines.append(f"{column}: {check} failed on {len(rows):,} rows of {where}: {examples}")
    return lines


def _row(frame: pl.DataFrame, column: str, row: int, offset: int, identity: list[str]) -> str:
    """`None in row 17 (source_file 'cur.csv', line_item_id 'x', usage_start 2023-11-01 00:00:00+00:00)`"""
    named = ", ".join(f"{name} {_shown(frame[name][row])}" for name in identity
                      if name != column and frame[name][row] is not None)  # FOCUS has no line item id
    return f"{_shown(frame[column][row])} in row {offset + row:,}" + (f" ({named})" if named else "")


def _shown(value: object) -> str:
    # Quotes tell text from a number or a time; Decimal's and datetime's own str reads best.
    return repr(value) if value is None or isinstance(value, str) else str(value)
