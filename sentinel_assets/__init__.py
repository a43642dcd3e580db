"""Sentinel's Dagster code location: billing data as raw → silver → gold assets (see definitions.py)."""

import warnings

from dagster import PreviewWarning

# Checks are partitioned by billing period (their results are per period): a preview API in Dagster 1.13.
warnings.filterwarnings("ignore", message=".*partitions_def on an AssetCheckSpec.*", category=PreviewWarning)
