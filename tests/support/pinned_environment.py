"""Imported first by the conftests: the suite's partition set starts at 2018-01 whatever data this machine
holds (unset, Sentinel derives it from the lake; sentinel_assets_tests/test_partitions.py tests that)."""

import os

os.environ.setdefault("SENTINEL_FIRST_BILLING_PERIOD", "2018-01")
