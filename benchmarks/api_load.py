"""Load test of the HTTP API on loopback: dashboard-like requests from 16 concurrent clients.

    .venv/bin/python benchmarks/api_load.py                      # 12 months x 1M line items (CUR 2.0)
    .venv/bin/python benchmarks/api_load.py --months 2 --rows 100000 --duration 5

Steps: generate the billing export (sentinel.generate) and build it with `sentinel run` (both kept in
--work and reused when present), start `sentinel serve` as a subprocess, then drive it from a separate
process (asyncio + aiohttp) one endpoint at a time, and stream one CSV export while sampling the server's
memory. Prints p50/p95/p99 latency, requests/s, errors and the response-cache hit ratio per endpoint.

Requests are drawn at random (ranges, views, filters, groupings, pages) so that most of them are not
repeats; `--no-cache` turns the API's per-catalog-version response cache off to measure raw queries.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
ENDPOINTS = ("summary", "timeseries", "breakdown", "values", "line_items")
TARGET_P95_MS = {"summary": 50, "timeseries": 50, "breakdown": 50, "values": 50, "line_items": 250}
TARGET_EXPORT_ROWS_PER_S = 300_000


# --- data ---------------------------------------------------------------------------------------------

def build_data(work: Path, months: int, rows: int, start: str, rebuild: bool) -> Path:
    key = f"{months}x{rows}-{start}"
    home = work / f"home-{key}"
    if (home / "catalog.duckdb").is_file() and not rebuild:
        from sentinel.catalog import refresh_catalog

        refresh_catalog(home / "lake", home / "catalog.duckdb")  # the lake is reused, the catalog is current
        print(f"reusing {home}")
        return home
    from sentinel.generate import generate

    export = work / f"export-{key}"
    shutil.rmtree(export, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    began = time.monotonic()
    generate(export, formats="cur2", months=months, start=start, rows_per_month=rows, seed=7, progress=True)
    print(f"generated {months} x {rows:,} line items in {time.monotonic() - began:.0f} s")
    began = time.monotonic()
    env = {**os.environ, "SENTINEL_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "sentinel.cli", "run", "--source", str(export)], env=env, check=True,
                   cwd=REPO)
    print(f"built silver and gold in {time.monotonic() - began:.0f} s")
    return home


def sorted_silver_copy(home: Path) -> Path:
    """A copy of the lake whose silver files are ordered by usage_start, as the data layer could write them:
    it shows what row-group pruning does for line-item pages (the API and its queries are unchanged)."""
    import duckdb

    from sentinel.catalog import refresh_catalog

    target = home.with_name(home.name + "-sorted-silver")
    if (target / "catalog.duckdb").is_file():
        return target
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(home / "lake", target / "lake", symlinks=True)  # partition links are relative
    connection = duckdb.connect()
    for partition in sorted((target / "lake" / "silver" / "line_items").glob("billing_period=*")):
        for path in sorted(partition.resolve().glob("*.parquet")):
            staging = path.with_suffix(".sorting")
            connection.execute(
                f"COPY (SELECT * FROM read_parquet('{path}') ORDER BY usage_start) TO '{staging}' "
                "(FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 122880)"
            )
            os.replace(staging, path)
    connection.close()
    refresh_catalog(target / "lake", target / "catalog.duckdb")
    print(f"silver sorted by usage_start in {target}")
    return target


# --- server -------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(home: Path, port: int, workers: int, cache: bool) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SENTINEL_HOME": str(home), "SENTINEL_API_WEB_DIST": "/nonexistent"}
    if not cache:
        env["SENTINEL_API_CACHE_ENTRIES"] = "0"
    process = subprocess.Popen(
        [sys.executable, "-m", "sentinel.cli", "serve", "--port", str(port), "--workers", str(workers),
         "--no-access-log"], env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                warm_up(port)
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start in 60 s")


def warm_up(port: int) -> None:
    """Take the catalog's snapshot (its period index), so that the run measures the serving state."""
    import httpx

    began = time.monotonic()
    httpx.get(f"http://127.0.0.1:{port}/api/v1/meta", timeout=60).raise_for_status()
    print(f"warm-up: {time.monotonic() - began:.1f} s", flush=True)


def rss_kb(pid: int) -> tuple[int, int]:
    """(current, peak) resident set of a process and its children (uvicorn workers), from /proc."""
    total = peak = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            status = dict(line.split(":", 1) for line in Path(f"/proc/{p}/status").read_text().splitlines())
            total += int(status["VmRSS"].split()[0])
            peak += int(status["VmHWM"].split()[0])
        except (OSError, KeyError, ValueError):
            continue
    return total, peak


def rss_split(pid: int) -> tuple[int, int]:
    """(anonymous, file-backed) resident kB of the server process: mapped files are page cache."""
    try:
        status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
        return int(status["RssAnon"].split()[0]), int(status["RssFile"].split()[0])
    except (OSError, KeyError, ValueError):
        return 0, 0


class MemorySampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[int] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.samples.append(rss_kb(self.pid)[0])
            time.sleep(self.interval)

    def stop(self) -> list[int]:
        self._stop_event.set()
        self.join()
        return self.samples


# --- request mix --------------------------------------------------------------------------------------

@dataclass
class Universe:
    """What the catalog holds, to draw realistic requests from."""

    months: list[date]
    services: list[str]
    accounts: list[str]
    tag_keys: list[str]
    tag_values: dict[str, list[str]] = field(default_factory=dict)


def month_range(first: date, count: int = 1) -> tuple[str, str]:
    end = first
    for _ in range(count):
        end = (end.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first.isoformat(), (end - timedelta(days=1)).isoformat()


def random_range(rng: random.Random, u: Universe, max_months: int = 3) -> tuple[str, str]:
    kind = rng.random()
    first = rng.choice(u.months)
    if kind < 0.6:  # a whole month: the dashboard's default view
        return month_range(first)
    if kind < 0.8:  # a quarter, or what remains of the data
        return month_range(first, min(max_months, 1 + len([m for m in u.months if m > first])))
    start = first + timedelta(days=rng.randrange(0, 20))
    return start.isoformat(), (start + timedelta(days=rng.randrange(6, 30))).isoformat()


def random_filters(rng: random.Random, u: Universe, tags: bool = True) -> dict[str, Any]:
    params: dict[str, Any] = {"view": rng.choice(["unblended", "amortized", "unblended", "net_unblended", "public"])}
    roll = rng.random()
    if roll < 0.2 and u.services:
        params["service"] = rng.sample(u.services, k=min(len(u.services), rng.randint(1, 3)))
    elif roll < 0.35 and u.accounts:
        params["account"] = rng.choice(u.accounts)
    elif roll < 0.45 and tags and u.tag_keys:
        key = rng.choice(u.tag_keys)
        if u.tag_values.get(key):
            params["tag"] = f"{key}={rng.choice(u.tag_values[key])}"
    return params


def request_for(endpoint: str, rng: random.Random, u: Universe, state: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if endpoint == "summary":
        start, end = random_range(rng, u)
        return "/api/v1/summary", {"start": start, "end": end, **random_filters(rng, u)}
    if endpoint == "timeseries":
        granularity = rng.choice(["day", "day", "month"])
        start, end = random_range(rng, u, max_months=3 if granularity == "day" else 12)
        group = rng.choice([None, "service", "account", "region", "usage_type", "charge_category", "tag"])
        params = {"start": start, "end": end, "granularity": granularity, "top": rng.choice([5, 10]),
                  **random_filters(rng, u, tags=group in (None, "service", "account", "region"))}
        if group == "tag" and u.tag_keys:
            params.update(group_by="tag", tag_key=rng.choice(u.tag_keys))
            params.pop("tag", None)
        elif group and group != "tag":
            params["group_by"] = group
        return "/api/v1/costs/timeseries", params
    if endpoint == "breakdown":
        start, end = random_range(rng, u)
        dimension = rng.choice(["service", "account", "region", "usage_type", "operation", "charge_category", "tag"])
        params = {"start": start, "end": end, "dimension": dimension, "top": rng.choice([10, 20]),
                  **random_filters(rng, u, tags=dimension in ("service", "account", "region"))}
        if dimension == "tag" and u.tag_keys:
            params["tag_key"] = rng.choice(u.tag_keys)
            params.pop("tag", None)
        return "/api/v1/costs/breakdown", params
    if endpoint == "values":
        start, end = random_range(rng, u)
        dimension = rng.choice(["service", "account", "region", "usage_type", "operation"])
        search = rng.choice(["", "", "a", "e", "ec", "us"])
        return f"/api/v1/dimensions/{dimension}/values", {"start": start, "end": end, "search": search}
    # line items: a client opens a month's audit log and pages through it (sometimes re-sorted)
    if state.get("cursor") and rng.random() < 0.8:
        return "/api/v1/line-items", {**state["params"], "cursor": state["cursor"]}
    start, end = month_range(rng.choice(u.months))
    params = {"start": start, "end": end, "limit": 100,
              "sort": rng.choice(["usage_start"] * 3 + ["cost"]), **random_filters(rng, u, tags=True)}
    state["params"], state["cursor"] = params, None
    return "/api/v1/line-items", params


# --- driver (runs in its own process) ----------------------------------------------------------------

def _query(params: dict[str, Any]) -> list[tuple[str, str]]:
    """Repeated parameters (service=A&service=B) as the API expects them."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, str(item)))
    return pairs


async def drive(base: str, endpoint: str, clients: int, duration: float, seed: int, u: Universe) -> dict[str, Any]:
    # aiohttp rather than httpx: the driver shares the 2 cores with the server, and aiohttp spends about a
    # quarter of httpx's CPU per request, so more of the machine measures the server.
    import aiohttp

    latencies: list[float] = []
    errors: dict[str, int] = {}
    hits = 0
    deadline = time.monotonic() + duration
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(base, connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as http:

        async def client(index: int) -> None:
            nonlocal hits
            rng = random.Random(seed * 1000 + index)
            state: dict[str, Any] = {}
            while time.monotonic() < deadline:
                path, params = request_for(endpoint, rng, u, state)
                began = time.perf_counter()
                try:
                    async with http.get(path, params=_query(params)) as response:
                        body = await response.read()
                        elapsed = time.perf_counter() - began
                        if response.status != 200:
                            key = f"{response.status}"
                            errors[key] = errors.get(key, 0) + 1
                            continue
                        if endpoint == "line_items":
                            state["cursor"] = json.loads(body).get("next_cursor")
                        hits += response.headers.get("x-cache") == "hit"
                    latencies.append(elapsed)
                except (aiohttp.ClientError, TimeoutError) as error:
                    errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1

        began = time.monotonic()
        await asyncio.gather(*(client(i) for i in range(clients)))
        wall = time.monotonic() - began
    return {"latencies": latencies, "errors": errors, "wall": wall, "hits": hits}


async def export(base: str, params: dict[str, Any]) -> dict[str, Any]:
    import aiohttp

    rows = size = 0
    began = time.perf_counter()
    first_byte = None
    async with aiohttp.ClientSession(base, timeout=aiohttp.ClientTimeout(total=600)) as http, \
            http.get("/api/v1/line-items/export.csv", params=_query(params)) as response:
        status = response.status
        async for chunk in response.content.iter_chunked(1 << 16):
            first_byte = first_byte or time.perf_counter() - began
            rows += chunk.count(b"\r\n")
            size += len(chunk)
    return {"status": status, "rows": rows - 1, "bytes": size, "seconds": time.perf_counter() - began,
            "first_byte": first_byte or 0.0}


def run_driver(args: argparse.Namespace) -> None:
    document = json.loads(Path(args.drive).read_text())
    u = Universe(months=[date.fromisoformat(m) for m in document["universe"]["months"]],
                 services=document["universe"]["services"], accounts=document["universe"]["accounts"],
                 tag_keys=document["universe"]["tag_keys"], tag_values=document["universe"]["tag_values"])
    if document["mode"] == "export":
        result = asyncio.run(export(document["base"], document["params"]))
    else:
        result = asyncio.run(drive(document["base"], document["endpoint"], document["clients"],
                                   document["duration"], document["seed"], u))
    print(json.dumps(result))


def in_driver_process(payload: dict[str, Any], work: Path) -> dict[str, Any]:
    path = work / f"driver-{os.getpid()}.json"
    path.write_text(json.dumps(payload))
    try:
        output = subprocess.run([sys.executable, __file__, "--drive", str(path)], capture_output=True, text=True,
                                check=True).stdout
    finally:
        path.unlink(missing_ok=True)
    return dict(json.loads(output.strip().splitlines()[-1]))


# --- orchestration ------------------------------------------------------------------------------------

def discover(base: str) -> Universe:
    import httpx

    meta = httpx.get(f"{base}/api/v1/meta", timeout=60).json()
    months = [date.fromisoformat(p["billing_period"] + "-01") for p in meta["periods"]]
    start, end = month_range(months[-1])

    def values(dimension: str, **extra: Any) -> list[str]:
        body = httpx.get(f"{base}/api/v1/dimensions/{dimension}/values",
                         params={"start": start, "end": end, "limit": 50, **extra}, timeout=60).json()
        return [v["key"] for v in body.get("values", []) if v["key"]]

    tag_keys = meta["tag_keys"][:8]
    return Universe(months, values("service"), values("account"), tag_keys,
                    {k: values("tag", tag_key=k)[:10] for k in tag_keys})


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--rows", type=int, default=1_000_000, help="line items per month")
    parser.add_argument("--start", default="2025-01", help="first billing period")
    parser.add_argument("--work", type=Path, default=Path("/tmp/sentinel-bench-api"))
    parser.add_argument("--rebuild", action="store_true", help="regenerate and rebuild even if present")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per endpoint")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--no-cache", action="store_true", help="turn the API's response cache off")
    parser.add_argument("--endpoints", nargs="*", default=list(ENDPOINTS), choices=ENDPOINTS)
    parser.add_argument("--export-months", type=int, default=1, help="months in the CSV export (0: skip)")
    parser.add_argument("--sorted-silver", action="store_true",
                        help="serve a copy whose silver files are ordered by usage_start (a data-layer option)")
    parser.add_argument("--drive", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        run_driver(args)
        return

    args.work.mkdir(parents=True, exist_ok=True)
    home = build_data(args.work, args.months, args.rows, args.start, args.rebuild)
    if args.sorted_silver:
        home = sorted_silver_copy(home)
    port = free_port()
    server = start_server(home, port, args.workers, cache=not args.no_cache)
    base = f"http://127.0.0.1:{port}"
    try:
        universe = discover(base)
        print(f"\n{args.months} months x {args.rows:,} line items · {args.clients} clients · {args.duration:g} s "
              f"per endpoint · workers {args.workers} · response cache {'off' if args.no_cache else 'on'}"
              f"{' · silver sorted by usage_start' if args.sorted_silver else ''}\n")
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other processes count)")
        header = f"{'endpoint':<12}{'1 client p50':>13}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>8}" \
                 f"{'p95 ms':>8}{'p99 ms':>8}{'cached':>8}  target"
        print(header)
        print("-" * len(header))
        universe_doc = {"months": [m.isoformat() for m in universe.months], "services": universe.services,
                        "accounts": universe.accounts, "tag_keys": universe.tag_keys,
                        "tag_values": universe.tag_values}
        for index, endpoint in enumerate(args.endpoints):
            # One client first: what a request costs without queueing (other seeds: no cache reuse).
            alone = in_driver_process({"mode": "load", "base": base, "endpoint": endpoint, "clients": 1,
                                       "duration": max(2.0, args.duration / 3), "seed": 100 + index,
                                       "universe": universe_doc}, args.work)
            single = percentile([x * 1000 for x in alone["latencies"]], 50)
            result = in_driver_process({"mode": "load", "base": base, "endpoint": endpoint, "clients": args.clients,
                                        "duration": args.duration, "seed": index + 1, "universe": universe_doc},
                                       args.work)
            latencies = [x * 1000 for x in result["latencies"]]
            count, errors = len(latencies), sum(result["errors"].values())
            p95 = percentile(latencies, 95)
            verdict = "ok" if p95 <= TARGET_P95_MS[endpoint] and not errors else "MISSED"
            print(f"{endpoint:<12}{single:>13.1f}{count:>9}{errors:>8}{count / result['wall']:>8.0f}"
                  f"{percentile(latencies, 50):>8.1f}{p95:>8.1f}{percentile(latencies, 99):>8.1f}"
                  f"{result['hits'] / max(count, 1):>8.0%}  p95 <= {TARGET_P95_MS[endpoint]} ms: {verdict}"
                  + (f"  {result['errors']}" if errors else ""))
        if args.export_months:
            first = universe.months[-min(args.export_months, len(universe.months))]
            start, end = month_range(first, min(args.export_months, len(universe.months)))
            before, _ = rss_kb(server.pid)
            sampler = MemorySampler(server.pid)
            sampler.start()
            result = in_driver_process({"mode": "export", "base": base, "params": {"start": start, "end": end},
                                        "universe": universe_doc}, args.work)
            samples = sampler.stop()
            _, peak_ever = rss_kb(server.pid)
            rate = result["rows"] / result["seconds"]
            verdict = "ok" if rate >= TARGET_EXPORT_ROWS_PER_S and result["status"] == 200 else "MISSED"
            print(f"\nexport {start}..{end}: {result['rows']:,} rows, {result['bytes'] / 1e6:,.0f} MB in "
                  f"{result['seconds']:.1f} s = {rate:,.0f} rows/s (first byte {result['first_byte'] * 1000:.0f} ms)"
                  f"  >= {TARGET_EXPORT_ROWS_PER_S:,} rows/s: {verdict}")
            print(f"server RSS: {before / 1024:,.0f} MB before the export, peak {max(samples or [0]) / 1024:,.0f} MB "
                  f"during it (+{(max(samples or [before]) - before) / 1024:,.0f} MB); peak over the whole run "
                  f"{peak_ever / 1024:,.0f} MB")
            private, mapped = rss_split(server.pid)
            print(f"  of which private {private / 1024:,.0f} MB, mapped files {mapped / 1024:,.0f} MB (pages of the "
                  "audit-log copies: page cache the OS can drop, shared by every worker)")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
