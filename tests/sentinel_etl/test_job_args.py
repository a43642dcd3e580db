import pytest
from sentinel_etl.job_args import parse_job_args


def test_glue_style_arguments_and_glue_extras_ignored() -> None:
    args = parse_job_args(
        ["--JOB_ID", "j_1", "--BILLING_PERIOD", "2023-11", "--LAKE_ROOT=/lake", "--job-bookmark-option",
         "job-bookmark-disable"],
        ["BILLING_PERIOD", "LAKE_ROOT"], {"ENGINE": "duckdb"},
    )
    assert args["BILLING_PERIOD"] == "2023-11"
    assert args["LAKE_ROOT"] == "/lake"
    assert args["ENGINE"] == "duckdb"


def test_missing_and_malformed_arguments() -> None:
    with pytest.raises(SystemExit, match="--LAKE_ROOT"):
        parse_job_args(["--BILLING_PERIOD", "2023-11"], ["BILLING_PERIOD", "LAKE_ROOT"], {})
    with pytest.raises(SystemExit, match="YYYY-MM"):
        parse_job_args(["--BILLING_PERIOD", "2023-13", "--LAKE_ROOT", "x"], ["BILLING_PERIOD"], {})
