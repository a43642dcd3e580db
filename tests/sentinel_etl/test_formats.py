import pytest
from sentinel_etl.errors import InputError
from sentinel_etl.formats import SourceFormat, detect_format

LEGACY = ["bill_billing_period_start_date", "line_item_line_item_type", "line_item_usage_start_date",
          "line_item_unblended_cost"]


def test_detects_each_format() -> None:
    assert detect_format(LEGACY, "f.csv", is_csv=True) is SourceFormat.LEGACY_CUR_CSV
    assert detect_format(LEGACY, "f.parquet", is_csv=False) is SourceFormat.LEGACY_CUR_PARQUET
    assert detect_format([*LEGACY, "product", "resource_tags"], "f.parquet", is_csv=False) is SourceFormat.CUR2
    focus = ["billing_period_start", "charge_period_start", "billed_cost"]
    assert detect_format(focus, "f.csv", is_csv=True) is SourceFormat.FOCUS


def test_missing_required_column_is_named() -> None:
    with pytest.raises(InputError) as error:
        detect_format([*LEGACY[:-1], "line_item_usage_amount"], "bill.csv", is_csv=True)
    assert error.value.column == "line_item_unblended_cost"
    assert "bill.csv" in str(error.value)


def test_unrecognised_format() -> None:
    with pytest.raises(InputError, match="unrecognised billing format"):
        detect_format(["date", "amount"], "other.csv", is_csv=True)
