"""Run a Glue job script on this machine as a subprocess, with Glue's argument convention.

Used by `sentinel run` outside Dagster and by the benchmarks; inside Dagster the same scripts are
launched through Pipes (sentinel_assets.resources).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sentinel_etl
from sentinel_etl.errors import EXIT_CHECK_FAILED, EXIT_INPUT_ERROR

GLUE_SCRIPTS = Path(sentinel_etl.__file__).resolve().parent.parent


def glue_script(name: str) -> Path:
    path = GLUE_SCRIPTS / f"{name}.py"
    if not path.is_file():
        raise FileNotFoundError(f"no Glue job script {path}")
    return path


def job_command(name: str, args: dict[str, str]) -> list[str]:
    command = [sys.executable, str(glue_script(name))]
    for key, value in args.items():
        command += [f"--{key}", value]
    return command


class JobFailed(RuntimeError):
    def __init__(self, name: str, code: int, message: str):
        self.name, self.code, self.message = name, code, message
        kind = {EXIT_INPUT_ERROR: "bad input", EXIT_CHECK_FAILED: "check failed"}.get(code, f"exit code {code}")
        super().__init__(f"{name} ({kind}): {message}")


@dataclass
class JobRun:
    name: str
    seconds: float
    result: dict[str, Any] = field(default_factory=dict)

    @property
    def checks(self) -> list[dict[str, Any]]:
        return list(self.result.get("checks", []))


def run_job(name: str, args: dict[str, str], *, env: dict[str, str] | None = None) -> JobRun:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sentinel-job-") as scratch:
        result_path = Path(scratch) / "result.json"
        process = subprocess.run(
            job_command(name, {**args, "RESULT_PATH": str(result_path)}),
            capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False,
        )
        result = json.loads(result_path.read_text()) if result_path.exists() else {}
    if process.returncode != 0:
        message = result.get("error") or _last_lines(process.stderr)
        raise JobFailed(name, process.returncode, message)
    return JobRun(name, time.monotonic() - started, result)


def _last_lines(text: str, count: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-count:])
