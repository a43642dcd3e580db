"""Sentinel's Dagster code location: billing data as raw → silver → gold assets (see definitions.py)."""

import warnings

from dagster import PreviewWarning

# A preview API we rely on knowingly: checks partitioned by billing period (their results are per period).
warnings.filterwarnings("ignore", message=".*partitions_def on an AssetCheckSpec.*", category=PreviewWarning)
