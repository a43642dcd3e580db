"""A generated history with known anomalies, built once per test session by the real `sentinel run` and
shared by every xdist worker (tests copy it before changing it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from sample_build import shared_dir

from sentinel.generate import generate

ANOMALY_PERIODS = ["2024-01", "2024-02", "2024-03"]


@dataclass(frozen=True)
class AnomalyHistory:
    home: Path
    source: Path
    labels: dict[str, Any]  # anomalies.json: what was injected

    @property
    def lake(self) -> Path:
        return self.home / "lake"


def built_anomaly_history(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> AnomalyHistory:
    shared = shared_dir(tmp_path_factory, worker_id)
    root = shared / "anomaly-history"
    done = root / "built.json"
    with FileLock(str(shared / "anomaly-history.lock")):
        if not done.exists():
            generate(root / "export", formats=["legacy-csv"], months=3, rows_per_month=40_000, accounts=4,
                     shape="steady", granularity="daily", restate=False, anomalies=6)
            command = [sys.executable, "-m", "sentinel.cli", "run", "--source", str(root / "export" / "legacy-cur-csv")]
            env = {**os.environ, "SENTINEL_HOME": str(root / "home"), "SENTINEL_ENV": "local", "COLUMNS": "200"}
            process = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     timeout=900, check=False)
            assert process.returncode == 0, process.stdout
            done.write_text("{}", encoding="utf-8")
    labels = json.loads((root / "export" / "anomalies.json").read_text(encoding="utf-8"))
    return AnomalyHistory(root / "home", root / "export" / "legacy-cur-csv", labels)
