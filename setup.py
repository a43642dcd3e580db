"""Package layout for setuptools; the rest of the metadata lives in pyproject.toml.

The pure transforms ship to AWS Glue as their own zip, so they live beside the job scripts
(glue_scripts/sentinel_etl) and are mapped into the installed distribution here.
"""

from setuptools import find_packages, setup

APP_PACKAGES = find_packages(include=["sentinel", "sentinel.*", "sentinel_assets", "sentinel_assets.*", "api", "api.*"])
ETL_PACKAGES = ["sentinel_etl", *(f"sentinel_etl.{p}" for p in find_packages(where="glue_scripts/sentinel_etl"))]

setup(
    packages=APP_PACKAGES + ETL_PACKAGES,
    package_dir={"sentinel_etl": "glue_scripts/sentinel_etl"},
    package_data={"sentinel_etl": ["py.typed"], "sentinel": ["py.typed"]},
)
