"""Glue-style job arguments (`--BILLING_PERIOD 2023-11`): the same command line on Glue and locally.

Glue adds arguments of its own (`--JOB_ID`, `--TempDir`, ...); unknown ones are ignored.
"""

from __future__ import annotations

import re

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def parse_job_args(argv: list[str], required: list[str], defaults: dict[str, str]) -> dict[str, str]:
    values: dict[str, str] = dict(defaults)
    index = 0
    while index < len(argv):
        token = argv[index]
        if token.startswith("--"):
            key, eq, inline = token[2:].partition("=")
            if eq:
                values[key] = inline
            elif index + 1 < len(argv) and not argv[index + 1].startswith("--"):
                values[key] = argv[index + 1]
                index += 1
            else:
                values[key] = "true"
        index += 1
    missing = [name for name in required if not values.get(name)]
    if missing:
        raise SystemExit(f"missing job argument(s): {', '.join('--' + m for m in missing)}")
    if "BILLING_PERIOD" in values and not PERIOD.match(values["BILLING_PERIOD"]):
        raise SystemExit(f"--BILLING_PERIOD must be YYYY-MM, got {values['BILLING_PERIOD']!r}")
    return values
