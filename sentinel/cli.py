"""`sentinel`: the user's handle on the project."""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sentinel.settings import Settings

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Sentinel: exact cloud cost analytics.")
console = Console()
err = Console(stderr=True)

READ_ONLY_SQL = re.compile(r"^\s*(select|with|describe|show|summarize|pivot|from|explain)\b", re.IGNORECASE)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _settings(engine: str | None = None) -> Settings:
    settings = Settings()
    if engine:
        settings = settings.model_copy(update={"engine": engine})
    return settings


@app.command()
def run(
    source: Annotated[Path, typer.Option("--source", "-s", help="Export root, folder of files, or one file.")],
    period: Annotated[list[str] | None, typer.Option("--period", "-p", help="Only this billing period (YYYY-MM).")] = None,
    engine: Annotated[str | None, typer.Option(help="duckdb (default) or spark.")] = None,
) -> None:
    """Land a billing export and build silver and gold for its billing periods."""
    from sentinel.job_runner import JobFailed
    from sentinel.pipeline import run_local
    from sentinel_etl.errors import InputError

    settings = _settings(engine)
    try:
        results = run_local(source, settings, period or None, progress=lambda m: err.print(f"[dim]{m}[/dim]"))
    except (InputError, JobFailed) as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    table = Table(title=f"Sentinel · {settings.engine} · {settings.root}")
    for column in ("period", "rows", "unblended", "amortized", "list / public", "checks"):
        table.add_column(column, justify="right" if column != "period" else "left")
    for r in results:
        table.add_row(r.period, f"{r.rows:,}", f"{r.unblended:,.6f}", f"{r.amortized:,.6f}", f"{r.public:,.6f}",
                      f"{r.checks_passed}/{r.checks_total}")
    console.print(table)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="A read-only SQL query over schemas raw, silver, gold.")],
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Query the local catalog (read-only)."""
    from sentinel.catalog import connect_read_only

    if not READ_ONLY_SQL.match(sql):
        err.print("[red]error:[/red] only read-only queries (SELECT, WITH, DESCRIBE, SHOW, ...) are allowed")
        raise typer.Exit(2)
    settings = _settings()
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


def _register_generate() -> None:
    try:
        from sentinel.generate.command import generate_command
    except ImportError:  # pragma: no cover - the generator ships with the package
        return
    app.command("generate", help="Write synthetic billing exports in AWS's delivery layouts.")(generate_command)


_register_generate()

if __name__ == "__main__":
    app()
