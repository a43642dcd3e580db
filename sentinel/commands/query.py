"""`sentinel query`: read-only SQL over the local catalog."""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from sentinel.commands.common import console, err, settings_for

READ_ONLY_SQL = re.compile(r"^\s*(select|with|describe|show|summarize|pivot|from|explain)\b", re.IGNORECASE)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def query(
    sql: Annotated[str, typer.Argument(help="A read-only SQL query over schemas raw, silver, gold.")],
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
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
    rows = cursor.fetchall()
    if output is OutputFormat.json:
        sys.stdout.write(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str, indent=2) + "\n")
    elif output is OutputFormat.csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        table = Table()
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)
