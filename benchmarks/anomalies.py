"""Benchmark: the quality of Sentinel's anomaly detection on labelled generated data, against a naive rule.

    .venv/bin/python benchmarks/anomalies.py [--noise 0.05 0.1 0.2] [--rows 200000] [--anomalies 12]

For each noise level: `sentinel generate --shape steady --granularity daily --anomalies N` writes four
months of realistic daily series (weekends lower, series-day noise, one series three times as noisy, N
spikes, bursts and level shifts of varied size) and anomalies.json, the labels. `sentinel run` builds them
in a fresh SENTINEL_HOME; what Sentinel found is read back from gold.cost_anomalies (the pipeline's own
output). The naive rule, computed in this script on the same daily series from gold.cost_daily, flags a
day that costs 50% more than the day before and passes the same absolute floor.

Scoring, per episode (consecutive flagged days of a series): an episode is a true positive when one of its
days falls in an injected anomaly of the same series; precision = true episodes / episodes. An injected
anomaly is detected when any of its days is flagged (a level shift: within its first 7 days); recall =
detected / injected. Delay in days: the first flagged day minus the anomaly's first day.

Delay in deliveries: the baseline only reads days before the scored one, and each run scores every complete
day it holds, so the final state's flags equal what the run of the delivery that completed the day flagged.
The replay checks that claim: for each anomaly of the last month, the month is delivered again up to its
first day only (`--through`, an open month), built in a copy of the home with `sentinel run --period`, and
the anomaly must be in gold.cost_anomalies after that run.

Cost: the anomaly job's own time against the whole `sentinel run`, from the run's Dagster step records.
Writes benchmarks/results/anomalies.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
START, MONTHS = "2024-01", 4
LEVEL_SHIFT_DAYS = 7  # a level shift counts as found when flagged within its first week
NAIVE_RISE = 0.5  # the naive rule: 50% over the day before
NAIVE_FLOOR = 10.0  # and the detector's absolute floor

USAGE_SERIES = """
SELECT usage_account_id, service_code, usage_date, sum(amortized_cost)::DOUBLE
FROM read_parquet('{lake}/gold/cost_daily/*/*.parquet', hive_partitioning = true)
WHERE charge_category = 'Usage' AND line_item_type <> 'SavingsPlanNegation'
GROUP BY ALL
"""
FOUND = """
SELECT usage_account_id, service_code, usage_date, episode_id
FROM read_parquet('{lake}/gold/cost_anomalies/*/*.parquet', hive_partitioning = true)
WHERE status <> 'withdrawn'
"""

Episode = tuple[str, str, list[date]]  # account, service, flagged days


@dataclass
class Score:
    method: str
    noise: float
    injected: int
    detected: int
    episodes: int
    true_episodes: int
    delay_days_mean: float | None
    delay_days_max: int | None

    @property
    def precision(self) -> float:
        return self.true_episodes / self.episodes if self.episodes else 1.0

    @property
    def recall(self) -> float:
        return self.detected / self.injected if self.injected else 1.0


def sentinel(args: list[str], home: Path, log: Path) -> float:
    started = time.monotonic()
    env = {**os.environ, "SENTINEL_HOME": str(home), "COLUMNS": "200"}
    env.pop("SENTINEL_FIRST_BILLING_PERIOD", None)
    with log.open("w") as out:
        code = subprocess.call([sys.executable, "-m", "sentinel.cli", *args], env=env, stdout=out,
                               stderr=subprocess.STDOUT)
    if code != 0:
        raise SystemExit(f"sentinel {' '.join(args)} failed; see {log}:\n{log.read_text()[-3000:]}")
    return time.monotonic() - started


def generate(out: Path, rows: int, count: int, noise: float, through: date | None = None) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    args = ["generate", str(out), "-f", "legacy-csv", "--months", str(MONTHS), "--start", START,
            "--rows-per-month", str(rows), "--accounts", "6", "--shape", "steady", "--granularity", "daily",
            "--no-restate", "--anomalies", str(count), "--series-noise", str(noise), "-q"]
    if through is not None:
        args += ["--through", through.isoformat()]
    sentinel(args, out.parent / "unused-home", out.parent / "generate.log")
    return out


def episodes_of(days_by_series: dict[tuple[str, str], list[date]]) -> list[Episode]:
    out: list[Episode] = []
    for (account, service), days in days_by_series.items():
        run: list[date] = []
        for day in sorted(days):
            if run and day != run[-1] + timedelta(days=1):
                out.append((account, service, run))
                run = []
            run.append(day)
        if run:
            out.append((account, service, run))
    return out


def naive_flags(series: dict[tuple[str, str], dict[date, float]], first_scored: date) -> list[Episode]:
    flagged: dict[tuple[str, str], list[date]] = defaultdict(list)
    for key, costs in series.items():
        for day, cost in costs.items():
            before = costs.get(day - timedelta(days=1), 0.0)
            if day >= first_scored and cost - before >= max(NAIVE_FLOOR, NAIVE_RISE * before):
                flagged[key].append(day)
    return episodes_of(flagged)


def score(method: str, noise: float, episodes: list[Episode], labels: list[dict[str, Any]]) -> Score:
    spans = [(a["usage_account_id"], a["service_code"], date.fromisoformat(a["first_day"]),
              date.fromisoformat(a["last_day"]), a["kind"]) for a in labels]
    true = sum(any(acc == a and svc == s and lo <= d <= hi for acc, svc, lo, hi, _ in spans for d in days)
               for a, s, days in episodes)
    delays = []
    for account, service, lo, hi, kind in spans:
        hi = min(hi, lo + timedelta(days=LEVEL_SHIFT_DAYS - 1)) if kind == "level_shift" else hi
        hits = [d for a, s, days in episodes if (a, s) == (account, service) for d in days if lo <= d <= hi]
        if hits:
            delays.append((min(hits) - lo).days)
    return Score(method, noise, len(spans), len(delays), len(episodes), true,
                 sum(delays) / len(delays) if delays else None, max(delays) if delays else None)


def anomaly_seconds(home: Path) -> tuple[float, float]:
    """(seconds in the gold/cost_anomalies steps, seconds of all steps) from the Dagster instance."""
    from dagster import DagsterEventType, DagsterInstance

    os.environ["DAGSTER_HOME"] = str(home / "dagster")
    instance = DagsterInstance.get()
    anomaly = total = 0.0
    for record in instance.get_event_records(_filter(DagsterEventType.STEP_SUCCESS)):
        event = record.event_log_entry.dagster_event
        seconds = event.event_specific_data.duration_ms / 1000
        total += seconds
        if event.step_key == "gold__cost_anomalies":
            anomaly += seconds
    instance.dispose()
    return anomaly, total


def _filter(kind: Any) -> Any:
    from dagster import EventRecordsFilter

    return EventRecordsFilter(event_type=kind)


def replay(home: Path, workdir: Path, rows: int, count: int, noise: float,
           labels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each anomaly of the last month, delivered up to its first day in a copy of the built home."""
    last_month = f"{START[:4]}-{int(START[5:]) + MONTHS - 1:02d}"
    results = []
    for injected in labels:
        first = date.fromisoformat(injected["first_day"])
        if first.strftime("%Y-%m") != last_month:
            continue
        copy = workdir / "replay-home"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(home, copy, symlinks=True)
        export = generate(workdir / "replay-export", rows, count, noise, through=first)
        sentinel(["run", "--source", str(export / "legacy-cur-csv"), "--period", last_month], copy,
                 workdir / "replay.log")
        found = duckdb.sql(FOUND.format(lake=copy / "lake")).fetchall()
        flagged = any((a, s, d) == (injected["usage_account_id"], injected["service_code"], first) for a, s, d, _ in found)
        results.append({**injected, "flagged_in_the_run_of_its_first_day": flagged})
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--noise", type=float, nargs="+", default=[0.05, 0.1, 0.2])
    parser.add_argument("--rows", type=int, default=200_000, help="line items per month")
    parser.add_argument("--anomalies", type=int, default=12)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/sentinel-bench-anomalies"))
    parser.add_argument("--no-replay", action="store_true", help="skip the delivery replay")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "anomalies.json")
    args = parser.parse_args()
    console = Console(width=None if sys.stdout.isatty() else 160)
    args.workdir.mkdir(parents=True, exist_ok=True)
    scores: list[Score] = []
    runs: list[dict[str, Any]] = []
    replays: list[dict[str, Any]] = []
    for noise in args.noise:
        console.print(f"[dim]noise {noise}: generating and building ...[/dim]")
        export = generate(args.workdir / f"export-{noise}", args.rows, args.anomalies, noise)
        labels = json.loads((export / "anomalies.json").read_text())["anomalies"]
        home = args.workdir / f"home-{noise}"
        shutil.rmtree(home, ignore_errors=True)
        wall = sentinel(["run", "--source", str(export / "legacy-cur-csv")], home, args.workdir / "run.log")
        anomaly, steps = anomaly_seconds(home)
        runs.append({"noise": noise, "run_seconds": wall, "anomaly_step_seconds": anomaly, "step_seconds": steps})
        series: dict[tuple[str, str], dict[date, float]] = defaultdict(dict)
        for account, service, day, cost in duckdb.sql(USAGE_SERIES.format(lake=home / "lake")).fetchall():
            series[(account, service)][day] = cost
        found: dict[tuple[str, str], list[date]] = defaultdict(list)
        for account, service, day, _ in duckdb.sql(FOUND.format(lake=home / "lake")).fetchall():
            found[(account, service)].append(day)
        first_scored = date.fromisoformat(f"{START}-01") + timedelta(days=14)
        scores.append(score("sentinel", noise, episodes_of(found), labels))
        scores.append(score("naive day-over-day", noise, naive_flags(series, first_scored), labels))
        if not args.no_replay and noise == 0.1:
            console.print("[dim]  replaying the last month's anomalies delivery by delivery ...[/dim]")
            replays = replay(home, args.workdir, args.rows, args.anomalies, noise, labels)

    table = Table(title=f"Anomaly detection, {MONTHS} months x {args.rows:,} line items, {args.anomalies} injected")
    for column in ("noise", "method", "recall", "precision", "episodes", "delay days (mean, max)"):
        table.add_column(column, justify="left" if column == "method" else "right")
    for s in scores:
        delay = "" if s.delay_days_mean is None else f"{s.delay_days_mean:.2f}, {s.delay_days_max}"
        table.add_row(f"{s.noise}", s.method, f"{s.recall:.2f} ({s.detected}/{s.injected})",
                      f"{s.precision:.2f} ({s.true_episodes}/{s.episodes})", f"{s.episodes}", delay)
    console.print(table)
    for run in runs:
        share = run["anomaly_step_seconds"] / run["run_seconds"]
        console.print(f"noise {run['noise']}: sentinel run {run['run_seconds']:.1f} s for {MONTHS} periods, of "
                      f"which the anomaly steps {run['anomaly_step_seconds']:.1f} s ({share:.1%})")
    if replays:
        flagged = sum(r["flagged_in_the_run_of_its_first_day"] for r in replays)
        console.print(f"replay: {flagged} of {len(replays)} anomalies of the last month flagged in the run of the "
                      "delivery that first held their first day")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({
        "rows_per_month": args.rows, "months": MONTHS, "injected": args.anomalies,
        "scores": [{**asdict(s), "precision": s.precision, "recall": s.recall} for s in scores],
        "runs": runs, "replay": replays,
    }, indent=2, default=str) + "\n")
    console.print(f"[dim]wrote {args.output}[/dim]")


if __name__ == "__main__":
    main()
