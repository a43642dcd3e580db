"""Sentinel's HTTP API: FastAPI over the gold (and silver) tables, on DuckDB locally or Athena on AWS."""

__version__ = "0.1.0"
