"""`sentinel run` on a terminal shows live progress per period and step; piped, one line per period."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from billing_fixtures import LEGACY_CSV

ANSI = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]")


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "SENTINEL_HOME": str(home), "COLUMNS": "80", "TERM": "xterm"}


def test_on_a_terminal_each_step_is_shown_as_it_runs(tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "sentinel.cli", "run", "--source", str(LEGACY_CSV)],
                               stdin=terminal, stdout=terminal, stderr=terminal, env=_env(tmp_path / "home"))
    os.close(terminal)
    output = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the other end closed: the process exited
            break
        if not chunk:
            break
        output += chunk
    os.close(controller)
    assert process.wait(timeout=300) == 0, output.decode(errors="replace")
    text = ANSI.sub("", output.decode(errors="replace"))
    # (the checks after gold take a few milliseconds here: too short for a frame of their own)
    steps = ["landing the delivery in raw", "raw_to_silver job", "silver_to_gold job"]
    positions = [text.find(f"2023-11 · {step}") for step in steps]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), text
    assert "✓ 2023-11" in text
    # The summary fits 80 columns with every figure whole (6 decimals).
    row = next(line.strip() for line in re.split(r"[\r\n]", text)
               if re.match(r"2023-11 +[\d,]+ ", line.strip()))
    assert "…" not in row and re.search(r"\d\.\d{6}\b", row), row


def test_piped_it_prints_one_line_per_period(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "sentinel.cli", "run", "--source", str(LEGACY_CSV)],
                            capture_output=True, text=True, env=_env(tmp_path / "home"), timeout=300)
    assert result.returncode == 0, result.stderr
    assert "·" not in result.stderr.replace("Sentinel ·", "")  # no progress frames
    assert re.search(r"^✓ 2023-11 +\d+\.\ds$", result.stderr + result.stdout, re.MULTILINE), result.stderr
