"""Silver counts every line once: each bill comes from one delivery, and no line repeats within one.

Read from the written files, like the other checks: what readers will see once the version is published.
A line is (bill, delivery, file, line item id, time interval); AWS guarantees a line item id unique only
within one file of one delivery, and FOCUS rows have no id, so those are covered by the bill test alone.
"""

from __future__ import annotations

import polars as pl
import pyarrow.parquet as pq

BILL = ("provider", "payer_account_id")
LINE = (*BILL, "delivery_id", "source_file", "line_item_id", "time_interval")
SHOWN = 3  # examples per problem
HASHES_PER_PASS = 5_000_000


def uniqueness_problems(files: list[str]) -> list[str]:
    if not files:
        return []
    frame = pl.scan_parquet(files).select(LINE)
    # The distinct (bill, delivery) pairs first: a handful of rows, where aggregating the text per bill
    # over every line holds it all in memory.
    pairs = frame.select(*BILL, "delivery_id").unique().collect(engine="streaming")
    bills = (pairs.group_by(BILL).agg(pl.len().alias("deliveries"), pl.col("delivery_id").sort().alias("ids"))
             .filter(pl.col("deliveries") > 1).sort(BILL))
    problems = [f"bill of {row['provider']} payer {row['payer_account_id']} comes from {row['deliveries']} deliveries "
                f"({', '.join(row['ids'])})" for row in bills.head(SHOWN).iter_rows(named=True)]
    # Grouping the six text columns of every line holds them all in memory (2.5 GB at 5M lines): group
    # their 64-bit hash instead, then compare the text of the few lines whose hash repeats (exact: a
    # collision is only a candidate).
    ided = frame.filter(pl.col("line_item_id").is_not_null()).with_columns(pl.struct(LINE).hash().alias("h"))
    # The streaming engine reads the files in morsels, so memory is the hash table; a pass per slice of
    # the hash space bounds that too, whatever the partition's size (about 0.5 GB a pass).
    rows = sum(pq.ParquetFile(path).metadata.num_rows for path in files)
    passes = max(1, -(-rows // HASHES_PER_PASS))
    repeated = pl.concat([
        ided.filter(pl.col("h") % passes == slice_).group_by("h").len().filter(pl.col("len") > 1).select("h")
        .collect(engine="streaming")
        for slice_ in range(passes)
    ])
    if not repeated.height:
        return problems
    lines = (ided.join(repeated.lazy(), on="h", how="semi").group_by(LINE).len()
             .filter(pl.col("len") > 1).collect(engine="streaming"))
    if lines.height:
        first = lines.sort(LINE).row(0, named=True)
        problems.append(f"{lines.height} line items appear more than once, e.g. {first['line_item_id']} "
                        f"({first['time_interval']}) in {first['source_file']}, {first['len']} times")
    return problems
