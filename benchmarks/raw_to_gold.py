"""Benchmark: raw → silver → gold for one legacy CUR CSV.gz month, three ways, in one run.

- the default engine (the Glue job scripts on DuckDB through sqlframe, as `sentinel run` launches them)
- real PySpark 3.5.6 in local mode (the same scripts, `--ENGINE spark`)
- a hand-written DuckDB SQL baseline doing the same work without checks (benchmarks/duckdb_baseline.py)

Each measurement runs in a fresh process so its peak RSS (including child processes such as the JVM)
is its own. The engines take turns, `--repeat` times (3 by default), so a passing disturbance on the
machine spreads over all of them; the figures are medians, with the fastest and slowest run beside them.
Prints seconds, rows/s, peak RSS and the ratio to the baseline's median; writes them to
benchmarks/results/raw_to_gold.json.

    .venv/bin/python benchmarks/raw_to_gold.py                       # 1M and 5M rows, all three
    .venv/bin/python benchmarks/raw_to_gold.py --rows 200000 --engines duckdb baseline --repeat 1
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
PERIOD = "2024-01"


def prepare(rows: int, workdir: Path) -> tuple[Path, dict[str, str]]:
    """Generate one month and land it; returns the lake root and the expected totals."""
    from sentinel.deliveries.discover import discover
    from sentinel.deliveries.landing import land
    from sentinel.generate import generate

    export = workdir / f"export-{rows}"
    lake = workdir / f"lake-{rows}"
    if not (export / "expected_totals.json").exists():
        shutil.rmtree(export, ignore_errors=True)
        generate(export, formats="legacy-csv", months=1, start=PERIOD, rows_per_month=rows, seed=7, restate=False,
                 progress=False)
    if not lake.exists():
        for found in discover(export):
            land(found, lake)
    expected = json.loads((export / "expected_totals.json").read_text())["formats"]["legacy_cur_csv"][PERIOD]["totals"]
    return lake, expected


def measure(engine: str, lake: Path, out: Path) -> dict[str, float | int | str]:
    """Runs in its own process (see --measure)."""
    started = time.monotonic()
    if engine == "baseline":
        sys.path.insert(0, str(HERE))
        from duckdb_baseline import run_baseline

        from sentinel.deliveries.landing import landed_deliveries, newest_folders

        folder = newest_folders(lake, PERIOD)[0]
        record = landed_deliveries(lake, PERIOD)[0]
        files = [str(folder / f.path) for f in record.files]
        rows = run_baseline(files, record.files[0].columns, out)
        unblended = ""
    else:
        from sentinel.deliveries.landing import newest_folders
        from sentinel.job_runner import run_job

        args = {"BILLING_PERIOD": PERIOD, "LAKE_ROOT": str(lake), "ENGINE": engine}
        if engine == "spark":
            args["SPARK_MASTER"] = "local[2]"
        deliveries = ",".join(str(p) for p in newest_folders(lake, PERIOD))
        silver = run_job("raw_to_silver", {**args, "DELIVERIES": deliveries})
        run_job("silver_to_gold", args)
        rows = int(silver.result["result"]["silver"]["rows"])
        unblended = str(silver.result["result"]["silver"]["unblended"])
    seconds = time.monotonic() - started
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"engine": engine, "rows": rows, "seconds": seconds, "peak_rss_mb": peak_kb / 1024, "unblended": unblended}


def run_measurement(engine: str, lake: Path, workdir: Path) -> dict[str, float | int | str]:
    out = workdir / f"baseline-out-{lake.name}"
    shutil.rmtree(out, ignore_errors=True)
    process = subprocess.run(
        [sys.executable, __file__, "--measure", engine, "--lake", str(lake), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )
    if process.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{process.stderr[-3000:]}")
    return json.loads(process.stdout.strip().splitlines()[-1])


def summarise(runs: list[dict[str, float | int | str]]) -> dict[str, object]:
    """One engine's runs: the median time, every run's time, the highest peak RSS."""
    seconds = [float(r["seconds"]) for r in runs]
    return {**runs[0], "seconds": statistics.median(seconds), "runs_seconds": seconds,
            "peak_rss_mb": max(float(r["peak_rss_mb"]) for r in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--engines", nargs="+", default=["baseline", "duckdb", "spark"])
    parser.add_argument("--repeat", type=int, default=3, help="runs per engine, taking turns (medians are reported)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/sentinel-bench-raw-to-gold"))
    parser.add_argument("--measure")
    parser.add_argument("--lake", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.lake, args.out)))
        return

    console = Console(width=None if sys.stdout.isatty() else 120)  # piped to a file: the whole table
    results = []
    args.workdir.mkdir(parents=True, exist_ok=True)
    for rows in args.rows:
        console.print(f"[dim]preparing {rows:,} line items ...[/dim]")
        lake, expected = prepare(rows, args.workdir)
        runs: dict[str, list[dict[str, float | int | str]]] = {engine: [] for engine in args.engines}
        for turn in range(args.repeat):
            for engine in args.engines:
                console.print(f"[dim]  {engine} (run {turn + 1} of {args.repeat}) ...[/dim]")
                result = run_measurement(engine, lake, args.workdir)
                if result["unblended"] and result["unblended"] != expected["unblended_cost"]:
                    raise SystemExit(f"{engine}: unblended {result['unblended']} != expected {expected['unblended_cost']}")
                runs[engine].append(result)
        by_engine = {engine: summarise(engine_runs) for engine, engine_runs in runs.items()}
        baseline = by_engine.get("baseline")
        for result in by_engine.values():
            result["ratio_to_baseline"] = (result["seconds"] / baseline["seconds"]) if baseline else float("nan")  # type: ignore[operator]
            result["rows_per_second"] = rows / float(result["seconds"])
            result["input_rows"] = rows
            results.append(result)

    table = Table(title="raw → silver → gold, legacy CUR CSV.gz, one month (2 cores)")
    for column in ("rows", "engine", "runs", "median s", "fastest–slowest s", "rows/s", "peak RSS MB", "× baseline"):
        table.add_column(column, justify="right")
    for r in results:
        table.add_row(f"{r['input_rows']:,}", str(r["engine"]), str(len(r["runs_seconds"])), f"{r['seconds']:.2f}",
                      f"{min(r['runs_seconds']):.2f}–{max(r['runs_seconds']):.2f}", f"{r['rows_per_second']:,.0f}",
                      f"{r['peak_rss_mb']:,.0f}", f"{r['ratio_to_baseline']:.2f}")
    console.print(table)
    out = HERE / "results" / "raw_to_gold.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    console.print(f"[dim]written to {out}[/dim]")


if __name__ == "__main__":
    main()
