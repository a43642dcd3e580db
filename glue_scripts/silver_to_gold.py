"""Glue job `sentinel-silver-to-gold`: silver.line_items → the gold tables for one billing period.

    python glue_scripts/silver_to_gold.py --BILLING_PERIOD 2023-11 --LAKE_ROOT .sentinel/lake [--ENGINE duckdb|spark]
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
    from sentinel_etl.jobs import silver_to_gold  # after the engine is chosen

    return silver_to_gold.run(engine, lake, args["BILLING_PERIOD"], reporter)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], [], job))
