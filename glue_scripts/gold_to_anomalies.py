"""Glue job `sentinel-gold-to-anomalies`: gold.cost_daily (this period and the two before) → gold.cost_anomalies.

    python glue_scripts/gold_to_anomalies.py --BILLING_PERIOD 2024-03 --LAKE_ROOT .sentinel/lake [--ENGINE duckdb|spark]
        [--ANOMALY_VIEW amortized] [--ANOMALY_THRESHOLD 4] [--ANOMALY_MIN_IMPACT 10] [--ANOMALY_MIN_RELATIVE 0.2]
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
    from sentinel_etl.anomalies.rules import DetectionRules
    from sentinel_etl.jobs import gold_to_anomalies  # after the engine is chosen

    defaults = DetectionRules()
    rules = DetectionRules(
        view=args.get("ANOMALY_VIEW") or defaults.view,
        threshold=float(args.get("ANOMALY_THRESHOLD") or defaults.threshold),
        min_impact=float(args.get("ANOMALY_MIN_IMPACT") or defaults.min_impact),
        min_relative_impact=float(args.get("ANOMALY_MIN_RELATIVE") or defaults.min_relative_impact),
    )
    return gold_to_anomalies.run(engine, lake, args["BILLING_PERIOD"], rules, reporter)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], [], job))
