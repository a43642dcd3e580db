"""Import a heavy module on a background thread while the engine works.

Pandera and polars take about 0.35 s to import (0.9 s where pandas is loaded too), once per job process;
started once the job's planning is done, the import runs while DuckDB, which releases the GIL, scans and
writes. A later plain import of the same module waits for this one to finish (Python's per-module import
lock) and then costs nothing.
"""

from __future__ import annotations

import contextlib
import importlib
import threading


def import_in_background(module: str, warm_up: str | None = None) -> None:
    """`warm_up` names a function of the module to call next (first calls that load more lazily)."""

    def load() -> None:
        with contextlib.suppress(Exception):  # the real import, where the module is used, reports it
            loaded = importlib.import_module(module)
            if warm_up:
                getattr(loaded, warm_up)()

    threading.Thread(target=load, name=f"preload-{module}", daemon=True).start()
