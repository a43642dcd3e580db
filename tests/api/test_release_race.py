"""Readers never see a period half old, half new, nor an error, while it is re-built.

A real `sentinel serve` is hammered by readers (summary, a line-items page, the CSV export) while the
same month is re-delivered again and again, alternating two versions of the bill, and `sentinel run` is
killed with SIGKILL at each step of its work (landing, silver written, silver staged, gold written,
release published, catalog being written, catalog swapped), then run again to completion. Every response
must succeed and match one of the two versions in full.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from api_support import free_port
from billing_fixtures import LEGACY_CSV, REPO, write_legacy_export

pytestmark = pytest.mark.xdist_group("release_race")

HEADER, *LINES = LEGACY_CSV.read_text().splitlines(keepends=True)
VERSIONS = {"full": LINES, "partial": LINES[:1000]}
PERIOD = "2023-11"
RANGE = {"start": "2023-11-01", "end": "2023-11-30"}
READS = {
    "summary": ("/api/v1/summary", RANGE),
    "page": ("/api/v1/line-items", {**RANGE, "limit": "1000", "sort": "cost", "order": "desc"}),
    "export": ("/api/v1/line-items/export.csv", RANGE),
}
RUN_TIMEOUT_S = 240


def _signature(name: str, response: httpx.Response) -> tuple[object, ...]:
    """What identifies a version in one response: every figure it shows that differs between versions."""
    if name == "summary":
        body = response.json()
        month = body["month_to_date"]
        return (body["total"], month and (month["cost"], month["forecast"]), tuple((m["key"], m["current"]) for m in body["top_movers"]))
    if name == "page":
        body = response.json()
        return (len(body["items"]), body["next_cursor"] is not None,
                sum(Decimal(str(item["unblended_cost"])) for item in body["items"]))
    rows = list(csv.DictReader(io.StringIO(response.text)))
    return (len(rows), sum(Decimal(row["unblended_cost"] or "0") for row in rows))


@dataclass
class Readers:
    base: str
    responses: list[tuple[str, int, tuple[object, ...] | str]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def read(self, name: str) -> tuple[int, tuple[object, ...] | str]:
        path, params = READS[name]
        with httpx.Client(base_url=self.base, timeout=60) as client:
            response = client.get(path, params=params)
        if response.status_code != 200:
            return response.status_code, response.text[:300]
        return 200, _signature(name, response)

    def _loop(self, name: str) -> None:
        with httpx.Client(base_url=self.base, timeout=60) as client:
            while not self.stop.is_set():
                path, params = READS[name]
                try:
                    response = client.get(path, params=params)
                except httpx.HTTPError as error:
                    self.responses.append((name, 0, repr(error)))
                    continue
                if response.status_code != 200:
                    self.responses.append((name, response.status_code, response.text[:300]))
                else:
                    self.responses.append((name, 200, _signature(name, response)))

    @classmethod
    @contextlib.contextmanager
    def hammering(cls, base: str) -> Iterator[Readers]:
        readers = cls(base)
        threads = [threading.Thread(target=readers._loop, args=(name,), daemon=True) for name in READS]
        for thread in threads:
            thread.start()
        try:
            yield readers
        finally:
            readers.stop.set()
            for thread in threads:
                thread.join(timeout=60)


def _environment(home: Path) -> dict[str, str]:
    return {**os.environ, "SENTINEL_HOME": str(home), "PYTHONPATH": f"{REPO}{os.pathsep}{REPO / 'glue_scripts'}"}


def _deliver(export: Path, number: int, version: str) -> None:
    time.sleep(1.1)  # a newer manifest modification time, as on a real re-delivery
    lines = VERSIONS[version]
    write_legacy_export(export, f"asm-{number}", {"sentinel-cur-1.csv.gz": gzip.compress("".join([HEADER, *lines]).encode())})


# Each step of a run, as the filesystem shows it has begun: (name, predicate over the home before the run).
def _entries(path: Path) -> set[str]:
    return {p.name for p in path.iterdir()} if path.is_dir() else set()


def _steps(home: Path) -> list[tuple[str, Callable[[], bool]]]:
    lake = home / "lake"
    raw = lake / "raw" / f"billing_period={PERIOD}"
    silver = lake / "_versions" / "silver" / "line_items" / f"billing_period={PERIOD}"
    gold = lake / "_versions" / "gold" / "period_summary" / f"billing_period={PERIOD}"
    staged = lake / "_staged" / f"billing_period={PERIOD}" / "silver.line_items"
    releases = lake / "_releases" / f"billing_period={PERIOD}"
    catalog = home / "catalog.duckdb"
    deliveries = {p.name for p in raw.glob("export=*/delivery=*")}
    before = {"silver": _entries(silver), "gold": _entries(gold), "releases": _entries(releases)}
    staged_before = os.readlink(staged) if staged.is_symlink() else None
    catalog_before = catalog.stat().st_ino
    return [
        ("landing", lambda: bool({p.name for p in raw.glob("export=*/delivery=*")} - deliveries)),
        ("silver written", lambda: bool(_entries(silver) - before["silver"])),
        ("silver staged", lambda: staged.is_symlink() and os.readlink(staged) != staged_before),
        ("gold written", lambda: bool(_entries(gold) - before["gold"])),
        ("release published", lambda: bool(_entries(releases) - before["releases"])),
        ("catalog being written", lambda: any(home.glob(".catalog.duckdb.*"))),
        ("catalog swapped", lambda: catalog.stat().st_ino != catalog_before),
    ]


def _run(home: Path, export: Path, kill_when: Callable[[], bool] | None = None) -> bool:
    """`sentinel run`; with kill_when, SIGKILL to its whole process group the moment it holds. True when
    the run was killed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sentinel.cli", "run", "--source", str(export)], env=_environment(home),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while process.poll() is None and time.monotonic() < deadline:
        if kill_when is not None and kill_when():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.002)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    output = process.communicate()[0].decode(errors="replace")
    assert process.returncode == 0, output
    return False


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Path, str, Path]]:
    home, export = tmp_path / "home", tmp_path / "export"
    _deliver(export, 1, "full")
    _run(home, export)
    port = free_port()
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "sentinel.cli", "serve", "--port", str(port), "--no-access-log"],
        env=_environment(home), stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "sentinel serve did not start"
            time.sleep(0.2)
        yield home, export, base, log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_readers_see_one_whole_version_while_runs_are_killed_at_every_step(served: tuple[Path, Path, str, Path]) -> None:
    home, export, base, log = served
    probe = Readers(base)
    expected = {"full": {name: probe.read(name) for name in READS}}
    _deliver(export, 2, "partial")
    _run(home, export)
    expected["partial"] = {name: probe.read(name) for name in READS}
    for version, answers in expected.items():
        assert all(status == 200 for status, _ in answers.values()), (version, answers)
    assert expected["full"]["export"][1][0] == 1281 and expected["partial"]["export"][1][0] == 1000
    signatures = {name: {answers[name][1] for answers in expected.values()} for name in READS}
    assert all(len(both) == 2 for both in signatures.values()), "each read tells the two versions apart"

    killed: list[str] = []
    current = "partial"
    with Readers.hammering(base) as readers:
        for number, (step, _) in enumerate(_steps(home), start=3):
            current = "full" if current == "partial" else "partial"
            _deliver(export, number, current)
            (_, kill_when), = [s for s in _steps(home) if s[0] == step]
            if _run(home, export, kill_when):
                killed.append(step)
            # The previous version stays readable after the kill; the next run publishes the delivery.
            _run(home, export)
            assert probe.read("summary") == expected[current]["summary"], f"after the kill at {step}"
        reads = list(readers.responses)

    failures = [r for r in reads if r[1] != 200]
    assert not failures, (failures[:3], log.read_text()[-3000:])
    mixed = [r for r in reads if r[2] not in signatures[r[0]]]
    assert not mixed, mixed[:5]
    assert killed == [step for step, _ in _steps(home)], f"runs killed at {killed}"
    counts = {name: sum(1 for r in reads if r[0] == name) for name in READS}
    assert all(count >= 5 for count in counts.values()), counts
