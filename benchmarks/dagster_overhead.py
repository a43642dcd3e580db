"""What Dagster costs on top of the job scripts.

(a) The daily run must not grow with history: materialize the open billing period with 1 and with 24
    months of history present (store, raw, silver, gold and the Dagster instance), and compare.
(b) The overhead of one period through Dagster (raw asset, Pipes, catalog crawls, checks, event log) over
    the bare job scripts (sentinel.job_runner.run_job), on a generated 1M-line-item legacy CUR month.

    .venv/bin/python benchmarks/dagster_overhead.py [--rows 1000000] [--repeats 3] [--only a|b]

Runs are interleaved so background load hits both sides alike; medians and best runs are printed (on a
busy machine the best run is the one least disturbed by others).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dagster import AssetCheckEvaluation, AssetMaterialization, DagsterEventType, DagsterInstance  # noqa: E402
from sentinel_etl.lake import LocalLake as VersionedLake  # noqa: E402

from sentinel.catalog import refresh_catalog  # noqa: E402
from sentinel.deliveries.discover import discover  # noqa: E402
from sentinel.deliveries.landing import land, newest_folders  # noqa: E402
from sentinel.job_runner import run_job  # noqa: E402
from sentinel.settings import Settings  # noqa: E402
from sentinel_assets.definitions import build_definitions  # noqa: E402
from sentinel_assets.execution import open_instance, refresh_periods  # noqa: E402
from sentinel_assets.keys import GOLD, RAW_DELIVERIES, SILVER_LINE_ITEMS  # noqa: E402
from sentinel_assets.local import DuckDBLakeTotals, LocalLake  # noqa: E402
from sentinel_assets.partitions import previous_period  # noqa: E402

HISTORY = (1, 24)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="line items of the (b) month")
    parser.add_argument("--history-rows", type=int, default=2_000, help="line items per history month in (a)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", choices=("a", "b"))
    parser.add_argument("--workdir", type=Path, help="keep the work here (default: a temporary folder)")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="sentinel-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.only in (None, "a"):
            history_benchmark(work / "a", args.history_rows, args.repeats)
        if args.only in (None, "b"):
            overhead_benchmark(work / "b", args.rows, args.repeats)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


def generator_available() -> bool:
    try:
        import sentinel.generate  # noqa: F401
    except ImportError:
        return False
    return True


def median_seconds(samples: list[float]) -> str:
    runs = ", ".join(f"{s:.2f}" for s in samples)
    return f"median {statistics.median(samples):6.2f} s, best {min(samples):6.2f} s  (runs: {runs})"


# ------------------------------------------------------------------------------------------------ (a)


def history_benchmark(work: Path, rows: int, repeats: int) -> None:
    print("\n(a) the daily run of the open period, with 1 and with 24 months of history")
    if not generator_available():
        print("    skipped: needs sentinel.generate (`sentinel generate`) to write a multi-month export")
        return
    from sentinel.generate import generate

    now = datetime.now(UTC)
    open_period = f"{now.year:04d}-{now.month:02d}"
    start = open_period
    for _ in range(max(HISTORY)):
        start = previous_period(start)
    export = work / "export"
    generate(export, formats="cur2", months=max(HISTORY) + 1, start=start, rows_per_month=rows, restate=False,
             progress=False)
    print(f"    generated a CUR 2.0 export, {max(HISTORY) + 1} months x {rows:,} line items, open period {open_period}")

    scenarios: dict[int, Callable[[], float]] = {}
    for months in HISTORY:
        scenarios[months] = prepare_history(work / f"history-{months}", export, open_period, months)
    times: dict[int, list[float]] = {months: [] for months in HISTORY}
    for _ in range(repeats):  # interleaved
        for months in HISTORY:
            times[months].append(scenarios[months]())
    for months in HISTORY:
        print(f"    open period with {months:2d} months of history: {median_seconds(times[months])}")
    ratio = statistics.median(times[max(HISTORY)]) / statistics.median(times[min(HISTORY)])
    best = min(times[max(HISTORY)]) / min(times[min(HISTORY)])
    print(f"    ratio 24 / 1 months: {ratio:.2f} of medians, {best:.2f} of best runs  (target <= 1.2)")


def prepare_history(home: Path, export: Path, open_period: str, months: int) -> Callable[[], float]:
    """A SENTINEL_HOME whose store, lake and Dagster instance hold `months` closed periods; returns a
    function that materializes the open period once and returns its seconds."""
    periods = [open_period]
    for _ in range(months):
        periods.insert(0, previous_period(periods[0]))
    store = home / "store"
    copy_periods(export, store, set(periods))
    settings = Settings(home=home, source=store)
    defs, instance = build_definitions(settings), open_instance(settings)

    # one closed period really built through Dagster; the others cloned from it (same cost to keep)
    built = periods[-2]
    (result,) = refresh_periods(defs, instance, [built])
    assert result.succeeded, result.error
    land_source(store, settings, periods[:-1])
    for period in periods[:-2]:
        clone_period(settings.lake_root, built, period)
        record_history(instance, period)
    refresh_catalog(settings.lake_root, settings.catalog_path)
    (warm,) = refresh_periods(defs, instance, [open_period])  # lands the open delivery; later runs re-build
    assert warm.succeeded, warm.error

    def run_open_period() -> float:
        started = time.perf_counter()
        (again,) = refresh_periods(defs, instance, [open_period])
        assert again.succeeded, again.error
        return time.perf_counter() - started

    return run_open_period


def copy_periods(export: Path, target: Path, periods: set[str]) -> None:
    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n.upper().startswith("BILLING_PERIOD=") and n.split("=", 1)[1] not in periods]

    shutil.copytree(export, target, ignore=ignore, copy_function=shutil.copy2)


def clone_period(lake: Path, source: str, target: str) -> None:
    """Silver and gold partitions for `target`: a copy of `source`'s current versions, published alike."""
    versioned = VersionedLake(str(lake))
    versions = {}
    for layer, tables in (("silver", ["line_items"]), ("gold", list(GOLD))):
        for table in tables:
            version = versioned.new_version(layer, table, target)
            shutil.copytree(versioned.current_version(layer, table, source) or "", version)
            versions[(layer, table)] = version
    versioned.publish(target, versions)


def record_history(instance: DagsterInstance, period: str) -> None:
    """The event log a real month of runs leaves: a materialization per asset and each check's result."""
    for key in (RAW_DELIVERIES, SILVER_LINE_ITEMS, *GOLD.values()):
        instance.report_runless_asset_event(AssetMaterialization(key, partition=period, metadata={"cloned": True}))
    for key, name in [(SILVER_LINE_ITEMS, "pandera_schema"), (SILVER_LINE_ITEMS, "reconciles_with_raw"),
                      *[(gold, "pandera_schema") for gold in GOLD.values()],
                      (GOLD["period_summary"], "money_conserved")]:
        instance.report_runless_asset_event(
            AssetCheckEvaluation(asset_key=key, check_name=name, passed=True, partition=period))


# ------------------------------------------------------------------------------------------------ (b)


def overhead_benchmark(work: Path, rows: int, repeats: int) -> None:
    if generator_available():
        from sentinel.generate import generate

        source = work / "export"
        generate(source, formats="legacy-csv", months=1, start="2024-01", rows_per_month=rows, restate=False,
                 progress=False)
        period, label = "2024-01", f"a generated legacy CUR month, {rows:,} line items"
    else:
        source = REPO / "samples" / "Nov2018-WorkshopCUR-00001.snappy.parquet"
        period, label = "2018-11", "the largest sample (124,340 line items): no generator found"
    print(f"\n(b) one period through Dagster vs the bare job scripts: {label}")

    bare_jobs: list[float] = []
    bare_pipeline: list[float] = []
    dagster: list[float] = []
    steps: dict[str, list[float]] = {}
    rescans: list[float] = []
    in_run: list[float] = []  # Dagster run / time inside its own job processes: immune to run-to-run noise
    for index in range(repeats):  # interleaved, each on a fresh SENTINEL_HOME
        per_job, pipeline_seconds = run_bare(work / f"bare-{index}", source, period)
        bare_jobs.append(sum(per_job.values()))
        bare_pipeline.append(pipeline_seconds)
        for job, value in per_job.items():
            steps.setdefault(f"bare {job}", []).append(value)
        seconds, in_jobs, durations = run_dagster(work / f"dagster-{index}", source, period)
        dagster.append(seconds)
        in_run.append(seconds / in_jobs)
        for step, value in durations.items():
            steps.setdefault(f"dagster step {step}", []).append(value)
        rescans.append(raw_rescan_seconds(work / f"dagster-{index}", period))
        shutil.rmtree(work / f"bare-{index}")
        shutil.rmtree(work / f"dagster-{index}")
    print(f"    bare job scripts (raw_to_silver + silver_to_gold):      {median_seconds(bare_jobs)}")
    print(f"    bare pipeline (land + job scripts + catalog):           {median_seconds(bare_pipeline)}")
    print(f"    through Dagster (one run: raw, silver, gold, checks):   {median_seconds(dagster)}")
    for step, values in sorted(steps.items()):
        print(f"        {step:<52s} {statistics.median(values):6.2f} s")
    print(f"        (money_conserved re-reading the raw files instead: {statistics.median(rescans):.2f} s more)")
    ratio = statistics.median(in_run)
    print(f"    within each Dagster run, run time / time inside the job scripts: {ratio:.2f} = "
          f"{(ratio - 1) * 100:.1f} % overhead  (runs: {', '.join(f'{r:.2f}' for r in in_run)}; target under 25 %)")
    print("    across runs (noisier when the machine is busy):")
    for name, pick in (("medians", statistics.median), ("best runs", min)):
        jobs, pipeline, orchestrated = pick(bare_jobs), pick(bare_pipeline), pick(dagster)
        print(f"      overhead ({name}) vs bare job scripts: {orchestrated - jobs:6.2f} s = "
              f"{(orchestrated / jobs - 1) * 100:5.1f} %;  vs bare pipeline: {orchestrated - pipeline:6.2f} s = "
              f"{(orchestrated / pipeline - 1) * 100:5.1f} %  (target under 25 %)")


def land_source(source: Path, settings: Settings, periods: list[str]) -> None:
    for found in discover(source):
        if found.billing_period in periods:
            land(found, settings.lake_root)


def run_bare(home: Path, source: Path, period: str) -> tuple[dict[str, float], float]:
    """Landing, the two job scripts (sentinel.job_runner.run_job) and the catalog, without Dagster;
    per-job seconds."""
    settings = Settings(home=home)
    started = time.perf_counter()
    land_source(source, settings, [period])
    args = {"BILLING_PERIOD": period, "LAKE_ROOT": str(settings.lake_root), "ENGINE": settings.engine}
    deliveries = ",".join(str(p) for p in newest_folders(settings.lake_root, period))
    silver = run_job("raw_to_silver", {**args, "DELIVERIES": deliveries})
    gold = run_job("silver_to_gold", args)
    refresh_catalog(settings.lake_root, settings.catalog_path)
    return {"raw_to_silver": silver.seconds, "silver_to_gold": gold.seconds}, time.perf_counter() - started


def raw_rescan_seconds(home: Path, period: str) -> float:
    """What money_conserved costs when it has to re-read the raw files (silver not built by Dagster)."""
    lake = LocalLake(root=str(Settings(home=home).lake_root))
    ids = [r.delivery_id for r in lake.newest(period)]
    started = time.perf_counter()
    DuckDBLakeTotals(lake_root=lake.root).raw_totals(lake, period, ids)
    return time.perf_counter() - started


def run_dagster(home: Path, source: Path, period: str) -> tuple[float, float, dict[str, float]]:
    """Seconds of the whole run, seconds spent inside the two job processes, and each step's seconds."""
    settings = Settings(home=home, source=source)
    defs, instance = build_definitions(settings), open_instance(settings)
    started = time.perf_counter()
    (result,) = refresh_periods(defs, instance, [period])
    seconds = time.perf_counter() - started
    assert result.succeeded, result.error
    durations = {
        entry.step_key or "?": entry.dagster_event.event_specific_data.duration_ms / 1000  # type: ignore[union-attr]
        for entry in instance.all_logs(result.run_id or "", of_type=DagsterEventType.STEP_SUCCESS)
    }
    in_jobs: dict[str, float] = {}
    for entry in instance.all_logs(result.run_id or "", of_type=DagsterEventType.ASSET_MATERIALIZATION):
        metadata = entry.asset_materialization.metadata if entry.asset_materialization else {}
        if "job" in metadata:
            in_jobs[str(metadata["job"].value)] = float(metadata["job_seconds"].value)  # type: ignore[arg-type]
    return seconds, sum(in_jobs.values()), durations


if __name__ == "__main__":
    main()
