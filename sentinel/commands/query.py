"""`sentinel query`: read-only SQL over the local catalog."""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sentinel.commands.common import err, settings_for

READ_ONLY_SQL = re.compile(r"^\s*(select|with|describe|show|summarize|pivot|from|explain)\b", re.IGNORECASE)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def query(
    sql: Annotated[str, typer.Argument(metavar="SQL", help="A read-only SQL query over schemas raw, silver, gold.", show_default=False)],
    output: Annotated[OutputFormat, typer.Option("--format", "-f", metavar="[table|csv|json]", help="table (fits the terminal), csv or json.")] = OutputFormat.table,
) -> None:
    """Query the local catalog (read-only)."""
    from sentinel.catalog import connect_read_only

    if not READ_ONLY_SQL.match(sql):
        err.print("[red]error:[/red] only read-only queries (SELECT, WITH, DESCRIBE, SHOW, ...) are allowed")
        raise typer.Exit(2)
    settings = settings_for()
    try:
        connection = connect_read_only(settings.catalog_path)
        cursor = connection.execute(sql)
    except Exception as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    columns = [d[0] for d in cursor.description or []]
    rows = [tuple(plain(v) for v in row) for row in cursor.fetchall()]
    if output is OutputFormat.json:
        sys.stdout.write(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str, indent=2) + "\n")
    elif output is OutputFormat.csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        print_fitted(columns, rows)


def plain(value: object) -> object:
    """Decimals as plain numbers (DuckDB's 0E-10 is 0.0000000000); other values as the engine gives them."""
    return format(value, "f") if isinstance(value, Decimal) else value


def print_fitted(columns: list[str], rows: list[tuple[object, ...]]) -> None:
    """A table when it fits the terminal; otherwise one block per row (column: value), as psql's \\x does."""
    console = Console()  # made now, so it measures the terminal (COLUMNS) the command runs in
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    if sum(widths) + 3 * len(columns) + 1 <= console.width:
        table = Table()
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in cells:
            table.add_row(*row)
        console.print(table)
        return
    label = max((len(c) for c in columns), default=0)
    for number, row in enumerate(cells, 1):
        console.print(f"[dim]-[ row {number} ]{'-' * max(0, label - 6)}[/dim]", highlight=False)
        for column, value in zip(columns, row, strict=True):
            console.print(f"{column:<{label}} | {value}", markup=False, highlight=False, overflow="fold")
    console.print(f"[dim]({len(cells)} row{'s' if len(cells) != 1 else ''})[/dim]", highlight=False)
