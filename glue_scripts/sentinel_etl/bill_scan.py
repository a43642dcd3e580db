"""The engine's side of choosing one export per bill: which bills each delivery holds, and their totals.

Only needed when a period has more than one delivery to choose from: one aggregate over every candidate
file, in silver's own terms (so the legacy, CUR 2.0 and FOCUS totals compare in one view).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from sentinel_etl.bills import Bill, BillChoice, Candidate
from sentinel_etl.engine import Engine
from sentinel_etl.money import MoneyTotals, to_money
from sentinel_etl.normalize import silver_columns
from sentinel_etl.raw_reader import RawFile

FILE_INDEX = "sentinel_file_index"


def bill_key(column: str) -> Column:
    return F.coalesce(F.col(column), F.lit(""))


def candidates(engine: Engine, raws: Sequence[RawFile], period: str) -> list[Candidate]:
    """Each delivery's bills in the period, with rows and billed and amortized totals."""
    scans: list[DataFrame] = [
        raw.frame.select(*silver_columns(raw.source, raw.record.format, source_file=raw.file.delivered_name,
                                         delivery_id=raw.record.delivery_id), F.lit(index).alias(FILE_INDEX))
        .where(F.col("billing_period") == period)
        .groupBy(F.col(FILE_INDEX), bill_key("provider").alias("provider"), bill_key("payer_account_id").alias("payer"))
        .agg(F.count(F.lit(1)).alias("rows"),
             F.sum("unblended_cost").cast("string").alias("unblended"),
             F.sum("amortized_cost").cast("string").alias("amortized"))
        for index, raw in enumerate(raws)
    ]
    rows = engine.union_by_name(scans).collect()
    bills: dict[str, dict[Bill, MoneyTotals]] = {raw.record.delivery_id: {} for raw in raws}
    for row in rows:
        record = raws[int(row[FILE_INDEX])].record
        bill = Bill(str(row["provider"]), str(row["payer"]))
        held = bills[record.delivery_id].get(bill, MoneyTotals())
        bills[record.delivery_id][bill] = held + MoneyTotals(
            rows=int(row["rows"]), unblended=to_money(row["unblended"]), amortized=to_money(row["amortized"]))
    records = {raw.record.delivery_id: raw.record for raw in raws}
    return [Candidate(delivery_id, records[delivery_id].export_name, records[delivery_id].format.value, held)
            for delivery_id, held in bills.items()]


def taken(raws: Sequence[RawFile], offered: Sequence[Candidate], choices: Sequence[BillChoice]) \
        -> list[tuple[RawFile, Column | None]]:
    """The files silver reads, each with the filter to its chosen bills (None: all its rows): files of
    deliveries that won no bill are not read at all."""
    held = {candidate.delivery_id: set(candidate.bills) for candidate in offered}
    out = []
    for raw in raws:
        won = {choice.bill for choice in choices if choice.chosen.delivery_id == raw.record.delivery_id}
        if won:
            out.append((raw, None if held[raw.record.delivery_id] <= won else _bills_filter(won)))
    return out


def _bills_filter(won: set[Bill]) -> Column:
    tests = [(bill_key("provider") == bill.provider) & (bill_key("payer_account_id") == bill.payer) for bill in sorted(won)]
    return functools.reduce(lambda a, b: a | b, tests)
