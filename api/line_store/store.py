"""The audit-log copies of one catalog version: built or opened in the background, asked first."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api.line_store.copies import silver_files, sync_copies
from api.line_store.keys import Unsupported
from api.line_store.pages import page
from api.line_store.period import PeriodCopy
from api.queries.line_item_columns import Order, SortKey
from sentinel.engines.base import QueryEngine

if TYPE_CHECKING:
    from api.filters import CostFilters
    from api.queries.line_items import Keyset

log = logging.getLogger(__name__)


class LineStore:
    """page() returns located_page_query's rows, or None when the engine must answer."""

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled
        self._copies: dict[str, PeriodCopy] = {}
        self._periods: list[str] = []  # every period with silver files, in filename order
        self._ready = threading.Event()

    @classmethod
    def open_in_background(cls, engine: QueryEngine, directory: Path | None) -> LineStore:
        store = cls(enabled=directory is not None)
        if directory is None:
            store._ready.set()
            return store
        threading.Thread(target=store._open, args=(engine, directory), name="line-store", daemon=True).start()
        return store

    def _open(self, engine: QueryEngine, directory: Path) -> None:
        try:
            files = silver_files(engine)
            self._periods = sorted(files)
            ranks = {period: rank for rank, period in enumerate(self._periods)}
            # Newest first: the periods people look at most are usable soonest.
            for period, path in sync_copies(files, directory, sorted(files, reverse=True)):
                self._copies[period] = PeriodCopy(period, path, ranks[period])
        except Exception:  # the engine answers instead; a failed build must not take the API down
            log.exception("could not prepare the audit-log copies; the engine answers every page")
            self.enabled = False
        finally:
            self._ready.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._ready.wait(timeout)

    def _covering(self, f: CostFilters) -> list[PeriodCopy] | None:
        if not self.enabled:
            return None
        lo, hi = f.periods
        needed = [p for p in self._periods if lo <= p <= hi]
        if not self._ready.is_set() and not needed:
            return None  # the period list itself is not known yet
        copies = [self._copies.get(p) for p in needed]
        if any(c is None for c in copies):
            return None
        return [c for c in copies if c is not None]

    def covers(self, f: CostFilters) -> bool:
        return self._covering(f) is not None

    def page(self, f: CostFilters, sort: SortKey, order: Order, limit: int,
             cursor: Keyset | None) -> list[dict[str, Any]] | None:
        copies = self._covering(f)
        if copies is None:
            return None
        try:
            return page(copies, f, sort, order is Order.asc, limit, cursor)
        except Unsupported as reason:
            log.debug("audit-log page from the engine: %s", reason)
            return None
