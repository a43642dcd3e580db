"""Glue job `sentinel-raw-to-silver`: the newest delivery of each export → silver.line_items for one period,
each bill (payer × provider) read from one export only.

    python glue_scripts/raw_to_silver.py --BILLING_PERIOD 2023-11 --LAKE_ROOT .sentinel/lake \
        --DELIVERIES <delivery folder>[,<delivery folder>...] [--ENGINE duckdb|spark] [--SPARK_MASTER local[2]]
        [--EXPORT_PREFERENCE cur2,legacy_cur_parquet,legacy_cur_csv,focus] [--EXPORT_PINS payer=export,...]

Plain PySpark (no awsglue): the same file runs on AWS Glue 5.1, on local PySpark and, by default,
on DuckDB through sqlframe.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # sentinel_etl ships beside the script

from sentinel_etl.engine import Engine
from sentinel_etl.entrypoint import main
from sentinel_etl.lake import LocalLake
from sentinel_etl.reporting import Reporter


def job(engine: Engine, lake: LocalLake, args: dict[str, str], reporter: Reporter) -> object:
    from sentinel_etl.bills import DEFAULT_PREFERENCE, parse_pins
    from sentinel_etl.jobs import raw_to_silver  # after the engine is chosen

    deliveries = [path for path in args["DELIVERIES"].split(",") if path]
    preference = tuple(f for f in args.get("EXPORT_PREFERENCE", "").split(",") if f) or DEFAULT_PREFERENCE
    return raw_to_silver.run(engine, lake, args["BILLING_PERIOD"], deliveries, reporter, preference=preference,
                             pins=parse_pins(args.get("EXPORT_PINS", "")))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], ["DELIVERIES"], job))
