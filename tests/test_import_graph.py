"""Sentinel's packages import downward only: no module reaches itself through its imports (function-level
imports included, which grimp sees too). The layer contracts are import-linter's, in `make lint`."""

from __future__ import annotations

import grimp

PACKAGES = ("sentinel_etl", "sentinel", "sentinel_assets", "api")


def test_there_is_no_import_cycle() -> None:
    graph = grimp.build_graph(*PACKAGES)
    assert len(graph.modules) > 100  # the packages were found
    cycles = {
        tuple(sorted({importer, *chain}))
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
        if (chain := graph.find_shortest_chain(importer=imported, imported=importer))
    }
    assert not cycles, sorted(cycles, key=len)
