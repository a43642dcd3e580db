"""Per-period row counts and money sums read straight from the lake with DuckDB.

The reconciliation check compares these with each other: an independent second reading of raw,
silver and gold (the job scripts compute their own sums on their own engine).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from sentinel_etl.delivery_record import DeliveredFile, DeliveryRecord
from sentinel_etl.formats import SourceFormat
from sentinel_etl.money import MoneyTotals, to_money
from sentinel_etl.names import snake_case_all


def table_totals(connection: duckdb.DuckDBPyConnection, partition: Path, count_column: str | None) -> MoneyTotals:
    rows = f"sum({count_column})" if count_column else "count(*)"
    row = connection.execute(
        f"SELECT {rows}, sum(unblended_cost)::VARCHAR, sum(public_cost)::VARCHAR, sum(amortized_cost)::VARCHAR "
        "FROM read_parquet(?)",
        [str(partition / "*.parquet")],
    ).fetchone()
    assert row is not None
    return MoneyTotals(rows=int(row[0] or 0), unblended=to_money(row[1]), public=to_money(row[2]),
                       amortized=to_money(row[3]))


# (period, unblended, public) columns of each format, by their snake_case names
_COLUMNS = {
    SourceFormat.FOCUS: ("billing_period_start", "billed_cost", "list_cost"),
    SourceFormat.LEGACY_CUR_CSV: ("bill_billing_period_start_date", "line_item_unblended_cost",
                                  "pricing_public_on_demand_cost"),
}


def raw_totals(connection: duckdb.DuckDBPyConnection, record: DeliveryRecord, folder: Path, period: str) -> MoneyTotals:
    period_column, unblended, public = _COLUMNS.get(record.format, _COLUMNS[SourceFormat.LEGACY_CUR_CSV])
    total = MoneyTotals(amortized=None)  # raw has no amortized figure without the CUR CASE logic
    for file in record.files:
        total += _file_totals(connection, folder / file.path, file, period, (period_column, unblended, public))
    return total


def _file_totals(connection: duckdb.DuckDBPyConnection, path: Path, file: DeliveredFile, period: str,
                 wanted: tuple[str, str, str]) -> MoneyTotals:
    names = snake_case_all(file.columns)
    if path.name.lower().endswith((".csv", ".csv.gz")):
        # positional snake_case names, as the job reads it; every value as text, cast below
        source = "read_csv(?, header = true, all_varchar = true, names = ?, nullstr = ['NULL', ''])"
        params: list[object] = [str(path), names]
        column = {name: name for name in names}
    else:
        source = "read_parquet(?)"
        params = [str(path)]
        column = dict(zip(names, file.columns, strict=True))
    period_column, unblended, public = (_quoted(column.get(name)) for name in wanted)
    if period_column is None or unblended is None:
        return MoneyTotals(amortized=None)

    def money(name: str | None) -> str:
        return f"sum(TRY_CAST({name} AS DECIMAL(38,10)))::VARCHAR" if name else "NULL"

    row = connection.execute(
        f"SELECT count(*), {money(unblended)}, {money(public)} FROM {source} "
        f"WHERE substr(CAST({period_column} AS VARCHAR), 1, 7) = ?",
        [*params, period],
    ).fetchone()
    assert row is not None
    return MoneyTotals(rows=int(row[0] or 0), unblended=to_money(row[1]), public=to_money(row[2]), amortized=None)


def _quoted(name: str | None) -> str | None:
    return None if name is None else '"' + name.replace('"', '""') + '"'
