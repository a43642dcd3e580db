"""`sentinel anomalies`: the anomalies in the local catalog, as the API lists them (the same query)."""

from __future__ import annotations

import csv
import json
import re
import sys
from typing import Annotated

import typer

from sentinel.commands.common import err, settings_for
from sentinel.commands.query import OutputFormat, print_fitted

COLUMNS = ("usage_date", "account", "service", "actual_cost", "expected_cost", "impact", "score", "status",
           "top_usage_type", "anomaly_id")


def anomalies(
    period: Annotated[list[str] | None, typer.Option(
        "--period", "-p", metavar="PERIOD", help="Billing period (YYYY-MM); repeatable. Default: every period.")] = None,
    status: Annotated[list[str] | None, typer.Option(
        metavar="STATUS", help="new, ongoing, revised or withdrawn; repeatable. Default: all but withdrawn.")] = None,
    min_impact: Annotated[float | None, typer.Option(metavar="AMOUNT", help="Only impacts of at least this.")] = None,
    output: Annotated[OutputFormat, typer.Option("--format", "-f", metavar="[table|csv|json]",
                                                 help="table, csv or json (json has every field).")] = OutputFormat.table,
) -> None:
    """List cost anomalies (largest impact first) from the local catalog."""
    from sentinel_etl.billing_periods import first_day, last_day

    from api.filters import CostFilters
    from api.queries.anomalies import STATUSES, AnomalySort, list_query
    from api.queries.columns import COST_ANOMALIES, View
    from api.schemas import Anomaly
    from api.services.anomalies import anomaly_of
    from sentinel.engines.base import Query
    from sentinel.engines.duckdb_engine import DuckDBEngine
    from sentinel.settings import BILLING_PERIOD_PATTERN

    wanted = tuple(sorted(set(status or ()))) or tuple(s for s in STATUSES if s != "withdrawn")
    for value in wanted:
        if value not in STATUSES:
            err.print(f"[red]error:[/red] --status {value!r}: choose from {', '.join(STATUSES)}")
            raise typer.Exit(2)
    for value in period or ():
        if not re.match(BILLING_PERIOD_PATTERN, value):
            err.print(f"[red]error:[/red] --period {value!r}: a billing period is YYYY-MM")
            raise typer.Exit(2)
    settings = settings_for()
    if not settings.catalog_path.exists():
        err.print(f"[red]error:[/red] no catalog at {settings.catalog_path}: run `sentinel run --source EXPORT` first")
        raise typer.Exit(2)
    engine = DuckDBEngine(settings.catalog_path)
    try:
        rows: list[dict[str, object]] = []
        if not engine.has_table(COST_ANOMALIES.name):
            pass
        else:
            every = engine.execute(Query(f"SELECT DISTINCT billing_period FROM {COST_ANOMALIES.name}")).rows
            periods = sorted(period or [str(p) for (p,) in every])
            if periods:
                f = CostFilters(start=first_day(periods[0]), end=last_day(periods[-1]), view=View.amortized,
                                periods=(periods[0], periods[-1]))
                rows = engine.execute(list_query(f, wanted, min_impact, AnomalySort.impact, 10_000)).dicts()
                rows = [r for r in rows if r["billing_period"] in periods]
    finally:
        engine.close()
    found = [anomaly_of(r) for r in rows]
    if output is OutputFormat.json:
        sys.stdout.write(json.dumps([a.model_dump(mode="json") for a in found], indent=2) + "\n")
        return
    def top(a: Anomaly) -> str:
        driver = next((d for d in a.drivers if d.dimension == "usage_type"), None)  # the most telling
        return f"{driver.key} (+{driver.impact:,.2f})" if driver else ""

    if output is OutputFormat.csv:  # plain numbers, for spreadsheets and scripts
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows((a.usage_date.isoformat(), a.account, a.service, a.actual_cost, a.expected_cost, a.impact,
                          a.score, a.status, top(a), a.anomaly_id) for a in found)
        return
    table = [(a.usage_date.isoformat(), a.account, a.service, f"{a.actual_cost:,.2f}", f"{a.expected_cost:,.2f}",
              f"{a.impact:,.2f}", f"{a.score:.1f}", a.status, top(a), a.anomaly_id) for a in found]
    if not table:
        err.print("no anomalies" + (f" in {', '.join(period)}" if period else ""))
        return
    print_fitted(list(COLUMNS), list(table))
    err.print(f"[dim]{len(found)} anomalies, {sum(a.impact for a in found):,.2f} of impact[/dim]")
