"""Sentinel's Dagster code location: billing data as raw → silver → gold assets (see definitions.py)."""

import warnings

from dagster import PreviewWarning

# Preview APIs we rely on knowingly: checks partitioned by billing period (their results are per period),
# and Pipes' own use of a preview method on every job run.
warnings.filterwarnings("ignore", message=".*partitions_def on an AssetCheckSpec.*", category=PreviewWarning)
warnings.filterwarnings("ignore", message=".*expected_writer_count.*", category=PreviewWarning)
