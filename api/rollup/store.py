"""The rollups of one catalog version: loaded in the background, asked first, SQL when they cannot answer."""

from __future__ import annotations

import logging
import threading
from datetime import date
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from api.queries.columns import COST_BY_TAG, COST_DAILY, COST_MONTHLY, MONEY_COLUMNS, Dimension, Table
from api.queries.periods import PeriodIndex
from api.rollup import answers
from api.rollup.table import Coded, NotExact, RollupTable
from sentinel.engines.base import EngineError, Query, QueryEngine

if TYPE_CHECKING:  # api.filters depends on the snapshot, which holds the rollups
    from api.filters import CostFilters
    from api.queries.costs import Granularity, Grouping
    from api.queries.summary import Ranges

log = logging.getLogger(__name__)

ROLLUP_TABLES: tuple[Table, ...] = (COST_DAILY, COST_MONTHLY, COST_BY_TAG)
LOAD_BATCH_ROWS = 65536


class Rollups:
    """Each method returns the statement's rows, or None when the engine must answer."""

    def __init__(self, tables: dict[str, RollupTable] | None = None):
        self._tables: dict[str, RollupTable] = dict(tables or {})
        self._ready = threading.Event()
        if tables is not None:
            self._ready.set()

    @classmethod
    def load_in_background(cls, engine: QueryEngine, version: str, max_rows: int) -> Rollups:
        rollups = cls()
        if max_rows <= 0:
            rollups._ready.set()
            return rollups
        threading.Thread(target=rollups._load, args=(engine, version, max_rows), name="rollup-load",
                         daemon=True).start()
        return rollups

    def _load(self, engine: QueryEngine, version: str, max_rows: int) -> None:
        try:
            for table in ROLLUP_TABLES:
                loaded = load_table(engine, table, max_rows)
                if loaded is not None and engine.version() == version:  # not a newer catalog's rows
                    self._tables[table.name] = loaded
        except Exception:  # the engine answers instead; a failed load must not take the API down
            log.exception("could not load the rollups; the engine answers every query")
        finally:
            self._ready.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._ready.wait(timeout)

    @property
    def tables(self) -> dict[str, RollupTable]:
        return dict(self._tables)

    def covers(self, table: Table, f: CostFilters, group: Grouping | None = None, search: str | None = None,
               *, tag_keys: bool = False) -> bool:
        """Whether the methods below answer this (cheap: the routers ask before choosing where to compute)."""
        rollup = self._tables.get(table.name)
        if rollup is None or f.view not in rollup.money or (f.tags and rollup.tags is None):
            return False
        if group is not None and group.is_tag and not f.tags and not tag_keys:
            daily = self._tables.get(COST_DAILY.name)  # the untagged remainder
            if daily is None or f.view not in daily.money:
                return False
        if search:
            return search.isascii() and _searched(rollup, group, tag_keys).ascii  # lower() agrees on ASCII
        return True

    def _rollup(self, table: Table) -> RollupTable:
        return self._tables[table.name]

    def timeseries(self, table: Table, f: CostFilters, granularity: Granularity, group: Grouping,
                   top: int) -> list[tuple[Any, ...]] | None:
        if not self.covers(table, f, group):
            return None
        daily = self._tables.get(COST_DAILY.name)
        return answers.timeseries(self._rollup(table), f, granularity, group, top, daily)

    def breakdown(self, table: Table, f: CostFilters, group: Grouping, top: int) -> list[tuple[Any, ...]] | None:
        if not self.covers(table, f, group):
            return None
        return answers.breakdown(self._rollup(table), f, group, top, self._tables.get(COST_DAILY.name))

    def values(self, table: Table, f: CostFilters, group: Grouping, search: str | None, limit: int, *,
               tag_keys: bool = False) -> list[tuple[Any, ...]] | None:
        if not self.covers(table, f, group, search, tag_keys=tag_keys):
            return None
        if tag_keys:
            return answers.tag_keys(self._rollup(table), f, search, limit)
        return answers.values(self._rollup(table), f, group, search, limit)

    def totals(self, table: Table, f: CostFilters, ranges: Ranges, group: Dimension,
               periods: PeriodIndex) -> list[tuple[Any, ...]] | None:
        if not self.covers(table, f):
            return None
        return answers.totals(self._rollup(table), f, ranges, group, periods)

    def counts(self, table: Table, f: CostFilters) -> tuple[Any, ...] | None:
        return answers.counts(self._rollup(table), f) if self.covers(table, f) else None

    def month_to_date(self, table: Table, f: CostFilters, as_of: date,
                      periods: PeriodIndex) -> list[tuple[Any, ...]] | None:
        return answers.month_to_date(self._rollup(table), f, as_of, periods) if self.covers(table, f) else None


def _searched(rollup: RollupTable, group: Grouping | None, tag_keys: bool) -> Coded:
    """The text a picker's search looks in."""
    if tag_keys or (group is not None and group.is_tag):
        assert rollup.tags is not None
        return rollup.tags.keys if tag_keys else rollup.tags.values
    assert group is not None and group.dimension is not None
    return rollup.dimensions[group.dimension]


def load_table(engine: QueryEngine, table: Table, max_rows: int) -> RollupTable | None:
    if not engine.has_table(table.name):
        return None
    ((rows,),) = engine.execute(Query(f"SELECT count(*) FROM {table.name}", name="rollup_rows")).rows
    if rows > max_rows:
        log.info("%s has %d rows, over the rollup cap of %d: the engine answers it", table.name, rows, max_rows)
        return None
    columns = sorted({*table.columns.values(), *([table.date_column] if table.date_column else []),
                      *(["tag_key", "tag_value"] if table.tags == "rows" else []),
                      *MONEY_COLUMNS.values(), "line_item_count"})
    try:
        batches = list(engine.stream(Query(f"SELECT {', '.join(columns)} FROM {table.name}", name="rollup_load"),
                                     LOAD_BATCH_ROWS))
        data = pa.Table.from_batches(batches) if batches else None
        if data is None:
            return None
        return RollupTable.from_arrow(table, data)
    except (NotExact, EngineError) as problem:
        log.warning("no rollup of %s (%s): the engine answers it", table.name, problem)
        return None
