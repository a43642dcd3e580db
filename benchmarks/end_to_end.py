"""Benchmark: `sentinel run --source FILE` end to end, against DuckDB doing the same work, in one run.

What a user waits for is the whole command, from the export on disk to gold queryable. Each measurement
is a fresh process in a fresh SENTINEL_HOME:

- `sentinel run --source EXPORT` (every check on), timed as a whole: wall, CPU of the process tree, peak
  RSS of the tree (sampled every 50 ms), and its phases from the run's own records (Dagster's step
  timings and the jobs' reported seconds): landing, silver job, gold job, catalog, checks, and what is
  left (interpreter start-up, definitions, Dagster's run machinery);
- the baseline (benchmarks/duckdb_baseline.py): keep a raw copy, read the export, cast every silver column,
  amortize, write silver and every gold table partitioned by billing period, with no checks.

They take turns, `--repeat` times; figures are medians (peak RSS: the highest). Exports come from
`sentinel generate` (legacy CUR CSV.gz, one month) in two shapes: `default` (resources run for hours) and
`high-cardinality` (a resource per line item: most daily groups distinct), plus the public Parquet sample.
Writes benchmarks/results/end_to_end.json.

    .venv/bin/python benchmarks/end_to_end.py                             # 1M and 5M, both shapes, sample
    .venv/bin/python benchmarks/end_to_end.py --rows 20000000 --shapes default --repeat 1 --no-sample
    .venv/bin/python benchmarks/end_to_end.py --rows 5000000 --engine spark --repeat 1
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SAMPLE = REPO / "samples" / "Nov2018-WorkshopCUR-00001.snappy.parquet"
PERIOD = "2024-01"


@dataclass
class Measurement:
    system: str
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    rows: int
    phases: dict[str, float] = field(default_factory=dict)
    rerun_seconds: float | None = None  # `sentinel run` again on the unchanged export, in the same home


class TreeSampler:
    """Peak resident memory of a process and all its descendants, sampled on a thread."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.root, self.interval, self.peak = psutil.Process(pid), interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            try:
                for process in [self.root, *self.root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):  # a process that just ended
                        total += process.memory_info().rss
            except psutil.Error:
                break
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def timed(command: list[str], env: dict[str, str], log: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of the whole tree, peak tree RSS (MB) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid)
        code = process.wait()
    seconds = time.monotonic() - started
    peak = sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed ({code}); see {log}:\n{log.read_text()[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, peak


def run_phases(home: Path, wall: float) -> tuple[dict[str, float], int]:
    """The run's own records: step timings from Dagster, job seconds from the jobs' materializations."""
    from dagster import AssetKey, AssetRecordsFilter

    from sentinel.settings import Settings
    from sentinel_assets.execution import open_instance

    instance = open_instance(Settings(home=home))
    records = instance.get_run_records()
    steps: dict[str, float] = {}
    for record in records:
        for stat in instance.get_run_step_stats(record.dagster_run.run_id):
            if stat.start_time is not None and stat.end_time is not None:
                steps[stat.step_key] = steps.get(stat.step_key, 0.0) + stat.end_time - stat.start_time

    def reported(key: list[str], name: str) -> tuple[float, int]:
        found = instance.fetch_materializations(AssetRecordsFilter(asset_key=AssetKey(key)), limit=len(records))
        total, rows = 0.0, 0
        for event in found.records:
            metadata = event.asset_materialization.metadata if event.asset_materialization else {}
            value = metadata.get(name)
            total += float(value.value) if value is not None else 0.0  # type: ignore[arg-type]
            count = metadata.get("rows")
            rows += int(count.value) if count is not None else 0  # type: ignore[arg-type,call-overload]
        return total, rows

    silver_job, rows = reported(["silver", "line_items"], "job_seconds")
    gold_job, _ = reported(["gold", "cost_daily"], "job_seconds")
    landing = steps.get("raw__billing_deliveries", 0.0)
    silver_step = steps.get("silver__line_items", 0.0)
    gold_step = steps.get("gold_tables", 0.0)
    checks = sum(v for k, v in steps.items() if k not in {"raw__billing_deliveries", "silver__line_items", "gold_tables"})
    runs = sum((r.end_time or 0) - (r.start_time or 0) for r in records if r.start_time)
    phases = {
        "landing": landing,
        "silver job": silver_job,
        "gold job": gold_job,
        # the gold step refreshes the catalog after its job; the silver step's rest is launching its job
        "catalog": max(0.0, gold_step - gold_job),
        "job launch": max(0.0, silver_step - silver_job),
        "checks": checks,
        "dagster": max(0.0, runs - sum(steps.values())),
    }
    phases["process"] = max(0.0, wall - sum(phases.values()))
    return phases, rows


def measure_sentinel(export: Path, workdir: Path, engine: str) -> Measurement:
    home = workdir / f"home-{engine}"
    shutil.rmtree(home, ignore_errors=True)
    env = {**os.environ, "SENTINEL_HOME": str(home), "SENTINEL_ENGINE": engine}
    env.pop("SENTINEL_FIRST_BILLING_PERIOD", None)
    seconds, cpu, peak = timed([sys.executable, "-m", "sentinel.cli", "run", "--source", str(export)], env,
                               workdir / f"sentinel-{engine}.log")
    phases, rows = run_phases(home, seconds)
    rerun, _, _ = timed([sys.executable, "-m", "sentinel.cli", "run", "--source", str(export)], env,
                        workdir / f"sentinel-{engine}-rerun.log")
    return Measurement(f"sentinel ({engine})", seconds, cpu, peak, rows, phases, rerun)


def measure_baseline(export: Path, workdir: Path) -> Measurement:
    out = workdir / "baseline-out"
    shutil.rmtree(out, ignore_errors=True)
    script = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); from duckdb_baseline import run_baseline; "
        "files = json.loads(sys.argv[2]); from pathlib import Path; "
        "print(run_baseline(files, json.loads(sys.argv[3]), Path(sys.argv[4]), parquet=sys.argv[5] == '1'))"
    )
    files = export_files(export)
    parquet = files[0].endswith(".parquet")
    log = workdir / "baseline.log"
    seconds, cpu, peak = timed([sys.executable, "-c", script, str(HERE), json.dumps(files),
                                json.dumps(header_of(files[0])), str(out), "1" if parquet else "0"], dict(os.environ), log)
    rows = int(log.read_text().strip().splitlines()[-1])
    return Measurement("baseline (duckdb)", seconds, cpu, peak, rows)


def export_files(export: Path) -> list[str]:
    if export.is_file():
        return [str(export)]
    return sorted(str(p) for p in export.rglob("*") if p.name.endswith((".csv.gz", ".parquet")))


def header_of(path: str) -> list[str]:
    if path.endswith(".parquet"):
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    with gzip.open(path, "rt") as handle:
        return handle.readline().rstrip("\n").split(",")


def prepare(shape: str, rows: int, workdir: Path) -> Path:
    """One generated month (legacy CUR CSV.gz, streamed to disk by the generator), reused across runs."""
    if shape == "sample":
        return SAMPLE
    from sentinel.generate import generate

    export = workdir / f"export-{shape}-{rows}"
    if not (export / "expected_totals.json").exists():
        shutil.rmtree(export, ignore_errors=True)
        generate(export, formats="legacy-csv", months=1, start=PERIOD, rows_per_month=rows, seed=7, restate=False,
                 shape=shape, progress=False)  # type: ignore[arg-type]
    return export / "legacy-cur-csv"  # the export itself: expected_totals.json beside it is not part of it


def summarise(runs: list[Measurement]) -> Measurement:
    phases = {k: statistics.median(r.phases.get(k, 0.0) for r in runs) for k in runs[0].phases}
    return Measurement(runs[0].system, statistics.median(r.seconds for r in runs),
                       statistics.median(r.cpu_seconds for r in runs), max(r.peak_rss_mb for r in runs),
                       runs[0].rows, phases,
                       None if runs[0].rerun_seconds is None else max(r.rerun_seconds or 0.0 for r in runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--shapes", nargs="+", default=["default", "high-cardinality"])
    parser.add_argument("--no-sample", action="store_true", help="skip the public Parquet sample")
    parser.add_argument("--engine", default="duckdb", choices=["duckdb", "spark"])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each, taking turns (medians are reported)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/sentinel-bench-end-to-end"))
    parser.add_argument("--output", type=Path, default=HERE / "results" / "end_to_end.json")
    args = parser.parse_args()

    console = Console(width=None if sys.stdout.isatty() else 200)
    args.workdir.mkdir(parents=True, exist_ok=True)
    cases = [(shape, rows) for shape in args.shapes for rows in args.rows]
    if not args.no_sample:
        cases.append(("sample", 0))
    results = []
    for shape, rows in cases:
        console.print(f"[dim]{shape} {rows:,}: preparing ...[/dim]")
        export = prepare(shape, rows, args.workdir)
        runs: dict[str, list[Measurement]] = {"baseline": [], "sentinel": []}
        for turn in range(args.repeat):
            for system in runs:
                console.print(f"[dim]  {system} (run {turn + 1} of {args.repeat}) ...[/dim]")
                measured = (measure_baseline(export, args.workdir) if system == "baseline"
                            else measure_sentinel(export, args.workdir, args.engine))
                runs[system].append(measured)
        baseline, sentinel = summarise(runs["baseline"]), summarise(runs["sentinel"])
        if sentinel.rows != baseline.rows:
            raise SystemExit(f"{shape}: Sentinel built {sentinel.rows:,} silver rows, the baseline {baseline.rows:,}")
        for m in (baseline, sentinel):
            results.append({"shape": shape, **asdict(m), "rows_per_second": m.rows / m.seconds,
                            "ratio_to_baseline": m.seconds / baseline.seconds,
                            "runs_seconds": [r.seconds for r in runs["baseline" if m is baseline else "sentinel"]]})

    table = Table(title="sentinel run --source EXPORT, end to end, vs DuckDB doing the same work")
    for column in ("shape", "rows", "system", "wall s", "CPU s", "rows/s", "peak RSS MB", "× baseline", "re-run s",
                   "phases (s)"):
        table.add_column(column, justify="left" if column in ("shape", "system", "phases (s)") else "right")
    for r in results:
        phases = ", ".join(f"{k} {v:.1f}" for k, v in r["phases"].items())
        table.add_row(r["shape"], f"{r['rows']:,}", r["system"], f"{r['seconds']:.1f}", f"{r['cpu_seconds']:.1f}",
                      f"{r['rows_per_second']:,.0f}", f"{r['peak_rss_mb']:,.0f}", f"{r['ratio_to_baseline']:.2f}",
                      "" if r["rerun_seconds"] is None else f"{r['rerun_seconds']:.2f}", phases)
    console.print(table)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"machine": {"cpus": os.cpu_count()}, "engine": args.engine,
                                       "repeat": args.repeat, "results": results}, indent=2) + "\n")
    console.print(f"[dim]wrote {args.output}[/dim]")


if __name__ == "__main__":
    main()
