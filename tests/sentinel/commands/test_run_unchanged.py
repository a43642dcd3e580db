"""`sentinel run` again on the same delivery rebuilds nothing; a changed file, `--rebuild` or a newer
release of the period builds again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from billing_fixtures import LEGACY_CSV


def _run(home: Path, source: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "sentinel.cli", "run", "--source", str(source), *extra],
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "SENTINEL_HOME": str(home), "COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    return result, time.monotonic() - started


def _summary(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("2023-11")]


def test_an_unchanged_delivery_is_not_rebuilt(tmp_path: Path) -> None:
    source = tmp_path / "export" / LEGACY_CSV.name
    source.parent.mkdir()
    shutil.copy2(LEGACY_CSV, source)
    home = tmp_path / "home"
    first, _ = _run(home, source)
    assert "✓ 2023-11" in first.stderr and "nothing rebuilt" not in first.stderr
    release = os.path.realpath(home / "lake" / "_current" / "billing_period=2023-11")

    again, seconds = _run(home, source)
    assert "nothing rebuilt" in again.stderr
    assert _summary(again) == _summary(first)  # the same figures, from the last run
    assert os.path.realpath(home / "lake" / "_current" / "billing_period=2023-11") == release
    assert seconds < 5  # the process start; a rebuild takes several times this

    forced, _ = _run(home, source, "--rebuild")
    assert "nothing rebuilt" not in forced.stderr and _summary(forced) == _summary(first)
    assert os.path.realpath(home / "lake" / "_current" / "billing_period=2023-11") != release

    os.utime(source, ns=(time.time_ns(), time.time_ns()))  # the export wrote the file again
    touched, _ = _run(home, source)
    assert "nothing rebuilt" not in touched.stderr and _summary(touched) == _summary(first)
