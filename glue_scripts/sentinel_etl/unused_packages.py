"""DuckDB job processes run without pandas and hypothesis, which nothing in them uses.

Where they are installed (Glue ships pandas; the dev environment has hypothesis for property tests),
two imports load them anyway: pyarrow.dataset, which DuckDB imports to call the tally function, and
Pandera, whose polars API the checks use. That is about 0.55 s of CPU per job process, taken from the
DuckDB writes those imports overlap. Hidden, both libraries take their documented paths for an install
without them. Spark job processes keep them: PySpark uses pandas.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

UNUSED_ON_DUCKDB = ("pandas", "hypothesis")


class _Hidden(MetaPathFinder):
    def __init__(self, packages: Sequence[str]):
        self.packages = frozenset(packages)

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname.partition(".")[0] in self.packages:
            # Starts as Python's own message for a package that is not installed, which libraries test for.
            raise ModuleNotFoundError(f"No module named {fullname!r} (hidden from this job process, which does "
                                      "not use it: sentinel_etl/unused_packages.py)", name=fullname)
        return None


def hide_packages(packages: Sequence[str] = UNUSED_ON_DUCKDB) -> bool:
    """Make later imports of `packages` fail in this process, as if not installed. Call it first thing in
    a job process; returns False (and hides nothing) if one of them is already loaded."""
    if any(name in sys.modules for name in packages):
        return False
    if not any(isinstance(finder, _Hidden) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Hidden(packages))
    return True
