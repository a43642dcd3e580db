import pytest
from sentinel_etl.errors import InputError
from sentinel_etl.formats import SourceFormat, detect_format, other_focus_dataset
from sentinel_etl.names import snake_case_all

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


# FOCUS column ids as the spec writes them; snake_case_all gives the names detection sees.
FOCUS_1_0 = ["BilledCost", "BillingAccountId", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory",
             "ChargePeriodEnd", "ChargePeriodStart", "EffectiveCost", "InvoiceIssuerName", "ListCost",
             "ProviderName", "PublisherName", "RegionId", "ServiceName", "SubAccountId", "Tags"]
FOCUS_1_3 = [*FOCUS_1_0, "ServiceProviderName", "HostProviderName", "ContractApplied"]
FOCUS_1_4 = [*(c for c in FOCUS_1_3 if c not in ("ProviderName", "PublisherName")), "InvoiceDetailId"]
CONTRACT_COMMITMENT = ["BillingCurrency", "ContractCommitmentCategory", "ContractCommitmentCost",
                       "ContractCommitmentDescription", "ContractCommitmentId", "ContractCommitmentPeriodEnd",
                       "ContractCommitmentPeriodStart", "ContractCommitmentQuantity", "ContractCommitmentType",
                       "ContractCommitmentUnit", "ContractId", "ContractPeriodEnd", "ContractPeriodStart"]
BILLING_PERIOD = ["BillingPeriodCreated", "BillingPeriodEnd", "BillingPeriodLastUpdated", "BillingPeriodStart",
                  "BillingPeriodStatus", "InvoiceIssuerName"]
INVOICE_DETAIL = ["BilledCost", "BillingAccountId", "BillingCurrency", "ChargeCategory", "BillingPeriodEnd",
                  "BillingPeriodStart", "InvoiceDetailCreated", "InvoiceDetailDescription", "InvoiceDetailGrain",
                  "InvoiceDetailId", "InvoiceDetailLastUpdated", "InvoiceId", "InvoiceIssueDate",
                  "InvoiceIssueStatus", "InvoiceIssuerName", "PaymentDueDate", "PaymentTerms", "ReferenceInvoiceId"]


@pytest.mark.parametrize("headers", [FOCUS_1_0, FOCUS_1_3, FOCUS_1_4], ids=["1.0", "1.3", "1.4"])
def test_focus_cost_and_usage_of_every_version_is_focus(headers: list[str]) -> None:
    assert detect_format(snake_case_all(headers), "f.parquet", is_csv=False) is SourceFormat.FOCUS
    assert other_focus_dataset(snake_case_all(headers)) is None


@pytest.mark.parametrize(
    ("headers", "dataset"),
    [(CONTRACT_COMMITMENT, "Contract Commitment"), (BILLING_PERIOD, "Billing Period"),
     (INVOICE_DETAIL, "Invoice Detail")],
)
def test_other_focus_datasets_are_recognised(headers: list[str], dataset: str) -> None:
    assert other_focus_dataset(snake_case_all(headers)) == dataset
    # and never taken for (broken) cost and usage: Invoice Detail has BilledCost and BillingPeriodStart
    with pytest.raises(InputError, match=f"a FOCUS {dataset} dataset, not cost and usage"):
        detect_format(snake_case_all(headers), "f.csv", is_csv=True)


@pytest.mark.parametrize(
    "headers",
    [
        ["date", "amount", "customer"],
        [*LEGACY, "product", "resource_tags"],
        ["ContractId", "Amount"],  # one identifying column is not enough
        ["BillingPeriodStart", "BillingPeriodEnd", "InvoiceIssuerName", "BillingPeriodStatus"],
        ["InvoiceDetailId", "InvoiceIssuerName", "BilledCost", "PaymentCurrency"],  # all shared with cost and usage
        [*FOCUS_1_4, "ContractCommitmentId", "ContractId"],  # cost and usage with extra columns is cost and usage
        ["ContractCommitmentId", "ContractId", "BillingPeriodCreated", "BillingPeriodStatus"],  # which one?
    ],
)
def test_other_columns_are_no_other_focus_dataset(headers: list[str]) -> None:
    assert other_focus_dataset(snake_case_all(headers)) is None


def test_unrecognised_format_shows_the_files_own_names() -> None:
    headers = ["InvoiceDate", "AmountDue", "a", "b", "c", "d", "e", "f", "g"]
    with pytest.raises(InputError) as error:
        detect_format(snake_case_all(headers), "sales.csv", is_csv=True, headers=headers)
    assert error.value.problem.endswith("found InvoiceDate, AmountDue, a, b, c, d, e, f ...")
