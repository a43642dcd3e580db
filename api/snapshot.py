"""What the API knows about one version of the catalog, and the answers it has already computed.

Gold and silver only change when a pipeline run swaps the catalog (locally) or when the crawlers update
Glue (on AWS), so an answer is valid for as long as the engine's version() does not change. Caching by
version is what keeps repeated dashboard queries in the sub-millisecond range without serving stale data.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from anyio import CapacityLimiter

from api.queries.periods import PeriodIndex
from sentinel.engines.base import QueryEngine

T = TypeVar("T")


@dataclass(frozen=True)
class Snapshot:
    version: str
    periods: PeriodIndex


# What an entry costs besides its key's text and its bytes (the dict slot, the tuple, the objects).
ENTRY_OVERHEAD_BYTES = 256
# Per item of an answer that is not bytes (/meta keeps its model, not its JSON).
ITEM_BYTES = 128


def _size(key: tuple[Hashable, ...], value: Any) -> int:
    """An estimate of the memory an entry holds: keys count too (filters can carry long values)."""
    if isinstance(value, bytes):
        held = len(value)
    elif isinstance(value, dict | tuple | list):
        held = ITEM_BYTES * (1 + len(value))
    else:
        held = ITEM_BYTES
    return ENTRY_OVERHEAD_BYTES + len(repr(key)) + held


class Catalog:
    def __init__(self, engine: QueryEngine, *, cache_entries: int, cache_bytes: int = 256 << 20,
                 query_slots: int = 8):
        self.engine = engine
        self.query_slots = query_slots
        self._cache_entries = cache_entries
        self._cache_bytes = cache_bytes
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple[Hashable, ...], tuple[Any, int]] = OrderedDict()  # value, size
        self._bytes = 0
        self._limiter: CapacityLimiter | None = None
        self.hits = self.misses = 0

    def query_limiter(self) -> CapacityLimiter:
        """The query slots, made on first use from the event loop (anyio creates limiters inside one)."""
        if self._limiter is None:
            self._limiter = CapacityLimiter(self.query_slots)
        return self._limiter

    def current(self) -> Snapshot | None:
        """The snapshot if it is still the engine's version (a stat() or a clock read; never a query)."""
        current = self._snapshot
        if current is not None and current.version == self.engine.version():
            return current
        return None

    def snapshot(self) -> Snapshot:
        current = self.current()
        if current is not None:
            return current
        version = self.engine.version()
        with self._lock:
            current = self._snapshot
            if current is None or current.version != version:
                current = Snapshot(version, PeriodIndex.load(self.engine))
                self._snapshot = current
                self._answers.clear()
                self._bytes = 0
        return current

    def peek(self, snapshot: Snapshot, key: tuple[Hashable, ...]) -> Any:
        """The cached answer for key, or None (counted as a hit only when found)."""
        if self._cache_entries <= 0:
            return None
        full_key = (snapshot.version, *key)
        with self._lock:
            entry = self._answers.get(full_key)
            if entry is None:
                return None
            self._answers.move_to_end(full_key)
            self.hits += 1
            return entry[0]

    def cached(self, snapshot: Snapshot, key: tuple[Hashable, ...], compute: Callable[[], T]) -> tuple[T, bool]:
        """The answer for key under this snapshot, computing it on a miss (outside the lock)."""
        if self._cache_entries <= 0:
            return compute(), False
        found = self.peek(snapshot, key)
        if found is not None:
            return found, True
        with self._lock:
            self.misses += 1
        value = compute()
        self.store(snapshot, key, value)
        return value, False

    def store(self, snapshot: Snapshot, key: tuple[Hashable, ...], value: Any) -> None:
        """Keep an answer computed under snapshot, unless a newer catalog version has come in since."""
        size = _size(key, value)
        if self._cache_entries <= 0 or size > self._cache_bytes:
            return
        with self._lock:
            if self._snapshot is None or self._snapshot.version != snapshot.version:
                return
            full_key = (snapshot.version, *key)
            previous = self._answers.pop(full_key, None)
            if previous is not None:
                self._bytes -= previous[1]
            self._answers[full_key] = (value, size)
            self._bytes += size
            while self._answers and (len(self._answers) > self._cache_entries or self._bytes > self._cache_bytes):
                _, (_, evicted) = self._answers.popitem(last=False)
                self._bytes -= evicted

    @property
    def cached_bytes(self) -> int:
        return self._bytes
