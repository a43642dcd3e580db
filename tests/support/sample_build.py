"""The public samples built once per test session by the real `sentinel run` (Dagster, Pipes, the job
scripts on DuckDB), shared by every xdist worker and every test that reads them without changing them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from billing_fixtures import SAMPLES
from filelock import FileLock

SAMPLE_PERIODS = ["2018-11", "2023-11", "2024-09", "2024-10"]
# A range among them too, as users write it: the command's own period parsing is part of what is built.
RUN_PERIODS = ["--period", "2018-11", "--period", "2023-11", "--period", "2024-09..2024-10"]


@dataclass(frozen=True)
class BuiltSamples:
    home: Path  # SENTINEL_HOME: lake, catalog, Dagster instance
    source: Path  # the folder the samples were landed from
    output: str  # what `sentinel run` printed


def shared_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A folder shared by every xdist worker of this run (and only this run)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


def built_samples(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> BuiltSamples:
    shared = shared_dir(tmp_path_factory, worker_id)
    root = shared / "built-samples"
    done = root / "built.json"
    with FileLock(str(shared / "built-samples.lock")):
        if not done.exists():
            shutil.rmtree(root, ignore_errors=True)
            source = root / "landing"
            source.mkdir(parents=True)
            for path in sorted(SAMPLES.iterdir()):
                if path.suffix in (".csv", ".parquet"):
                    shutil.copy2(path, source / path.name)
            command = [sys.executable, "-m", "sentinel.cli", "run", "--source", str(source), *RUN_PERIODS]
            env = {**os.environ, "SENTINEL_HOME": str(root / "home"), "SENTINEL_ENV": "local", "COLUMNS": "200"}
            process = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, timeout=900, check=False)
            assert process.returncode == 0, process.stdout
            done.write_text(json.dumps({"output": process.stdout}), encoding="utf-8")
    output = json.loads(done.read_text(encoding="utf-8"))["output"]
    return BuiltSamples(root / "home", root / "landing", output)
