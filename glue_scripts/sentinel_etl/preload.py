"""Import a heavy module on a background thread while the engine works.

Pandera (which imports pandas) and polars take about 0.7 s to import, once per job process; started
first, the import runs while DuckDB, which releases the GIL, scans and writes. A later plain import of
the same module waits for this one to finish (Python's per-module import lock) and then costs nothing.
"""

from __future__ import annotations

import contextlib
import importlib
import threading


def import_in_background(module: str) -> None:
    def load() -> None:
        with contextlib.suppress(Exception):  # the real import, where the module is used, reports it
            importlib.import_module(module)

    threading.Thread(target=load, name=f"preload-{module}", daemon=True).start()
