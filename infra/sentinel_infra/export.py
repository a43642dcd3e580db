"""The billing export (`AWS::BCMDataExports::Export`): CUR 2.0 or FOCUS 1.0, Parquet, into the landing bucket.

AWS Data Exports is a global service homed in us-east-1: the resource can only be created by a stack
deployed to us-east-1 (the bucket itself may be in any region; `S3Region` says where). stack.py places
it accordingly.
"""

from __future__ import annotations

from aws_cdk import aws_bcmdataexports as bcm
from constructs import Construct

from .config import SentinelConfig

# Every column of the CUR 2.0 table without the split-cost-allocation columns (they only exist when
# INCLUDE_SPLIT_COST_ALLOCATION_DATA is TRUE). Data Exports needs explicit column names.
CUR2_COLUMNS: tuple[str, ...] = (
    "bill_bill_type", "bill_billing_entity", "bill_billing_period_end_date", "bill_billing_period_start_date",
    "bill_invoice_id", "bill_invoicing_entity", "bill_payer_account_id", "bill_payer_account_name",
    "cost_category", "discount", "discount_bundled_discount", "discount_total_discount",
    "identity_line_item_id", "identity_time_interval",
    "line_item_availability_zone", "line_item_blended_cost", "line_item_blended_rate",
    "line_item_currency_code", "line_item_legal_entity", "line_item_line_item_description",
    "line_item_line_item_type", "line_item_net_unblended_cost", "line_item_net_unblended_rate",
    "line_item_normalization_factor", "line_item_normalized_usage_amount", "line_item_operation",
    "line_item_product_code", "line_item_resource_id", "line_item_tax_type", "line_item_unblended_cost",
    "line_item_unblended_rate", "line_item_usage_account_id", "line_item_usage_account_name",
    "line_item_usage_amount", "line_item_usage_end_date", "line_item_usage_start_date",
    "line_item_usage_type",
    "pricing_currency", "pricing_lease_contract_length", "pricing_offering_class",
    "pricing_public_on_demand_cost", "pricing_public_on_demand_rate", "pricing_purchase_option",
    "pricing_rate_code", "pricing_rate_id", "pricing_term", "pricing_unit",
    "product", "product_comment", "product_fee_code", "product_fee_description", "product_from_location",
    "product_from_location_type", "product_from_region_code", "product_instance_family",
    "product_instance_type", "product_instancesku", "product_location", "product_location_type",
    "product_operation", "product_pricing_unit", "product_product_family", "product_region_code",
    "product_servicecode", "product_sku", "product_to_location", "product_to_location_type",
    "product_to_region_code", "product_usagetype",
    "reservation_amortized_upfront_cost_for_usage", "reservation_amortized_upfront_fee_for_billing_period",
    "reservation_availability_zone", "reservation_effective_cost", "reservation_end_time",
    "reservation_modification_status", "reservation_net_amortized_upfront_cost_for_usage",
    "reservation_net_amortized_upfront_fee_for_billing_period", "reservation_net_effective_cost",
    "reservation_net_recurring_fee_for_usage", "reservation_net_unused_amortized_upfront_fee_for_billing_period",
    "reservation_net_unused_recurring_fee", "reservation_net_upfront_value",
    "reservation_normalized_units_per_reservation", "reservation_number_of_reservations",
    "reservation_recurring_fee_for_usage", "reservation_reservation_a_r_n", "reservation_start_time",
    "reservation_subscription_id", "reservation_total_reserved_normalized_units",
    "reservation_total_reserved_units", "reservation_units_per_reservation",
    "reservation_unused_amortized_upfront_fee_for_billing_period", "reservation_unused_normalized_unit_quantity",
    "reservation_unused_quantity", "reservation_unused_recurring_fee", "reservation_upfront_value",
    "resource_tags",
    "savings_plan_amortized_upfront_commitment_for_billing_period", "savings_plan_end_time",
    "savings_plan_instance_type_family", "savings_plan_net_amortized_upfront_commitment_for_billing_period",
    "savings_plan_net_recurring_commitment_for_billing_period", "savings_plan_net_savings_plan_effective_cost",
    "savings_plan_offering_type", "savings_plan_payment_option", "savings_plan_purchase_term",
    "savings_plan_recurring_commitment_for_billing_period", "savings_plan_region",
    "savings_plan_savings_plan_a_r_n", "savings_plan_savings_plan_effective_cost",
    "savings_plan_savings_plan_rate", "savings_plan_start_time", "savings_plan_total_commitment_to_date",
    "savings_plan_used_commitment",
)  # fmt: skip

# FOCUS 1.0 with AWS columns (table FOCUS_1_0_AWS).
FOCUS_COLUMNS: tuple[str, ...] = (
    "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
    "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription",
    "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart", "CommitmentDiscountCategory",
    "CommitmentDiscountId", "CommitmentDiscountName", "CommitmentDiscountStatus", "CommitmentDiscountType",
    "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice", "EffectiveCost",
    "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory", "PricingQuantity", "PricingUnit",
    "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType",
    "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId", "SubAccountName", "Tags",
    "x_CostCategories", "x_Discounts", "x_Operation", "x_ServiceCode", "x_UsageType",
)  # fmt: skip

CUR2_TABLE = "COST_AND_USAGE_REPORT"
FOCUS_TABLE = "FOCUS_1_0_AWS"


def data_query(config: SentinelConfig) -> bcm.CfnExport.DataQueryProperty:
    if config.export_type == "cur2":
        return bcm.CfnExport.DataQueryProperty(
            query_statement=f"SELECT {', '.join(CUR2_COLUMNS)} FROM {CUR2_TABLE}",
            table_configurations={
                CUR2_TABLE: {
                    "TIME_GRANULARITY": config.export_time_granularity,
                    "INCLUDE_RESOURCES": "TRUE" if config.export_include_resources else "FALSE",
                    "INCLUDE_MANUAL_DISCOUNT_COMPATIBILITY": "FALSE",
                    "INCLUDE_SPLIT_COST_ALLOCATION_DATA": "FALSE",
                }
            },
        )
    if config.export_type == "focus":
        return bcm.CfnExport.DataQueryProperty(
            query_statement=f"SELECT {', '.join(FOCUS_COLUMNS)} FROM {FOCUS_TABLE}",
            table_configurations={FOCUS_TABLE: {}},
        )
    raise ValueError("exportType=none has no data query")


def billing_export(
    scope: Construct, construct_id: str, *, config: SentinelConfig, bucket_name: str, bucket_region: str
) -> bcm.CfnExport:
    """Delivers `<exportPrefix>/<export name>/data/BILLING_PERIOD=YYYY-MM/*.parquet` plus a manifest
    under `metadata/`, rewriting the open month in place (OVERWRITE_REPORT) up to several times a day."""
    return bcm.CfnExport(
        scope,
        construct_id,
        export=bcm.CfnExport.ExportProperty(
            name=config.effective_export_name,
            description=f"Sentinel billing export ({config.export_type}) into the landing bucket",
            data_query=data_query(config),
            destination_configurations=bcm.CfnExport.DestinationConfigurationsProperty(
                s3_destination=bcm.CfnExport.S3DestinationProperty(
                    s3_bucket=bucket_name,
                    s3_prefix=config.export_prefix,
                    s3_region=bucket_region,
                    s3_output_configurations=bcm.CfnExport.S3OutputConfigurationsProperty(
                        format="PARQUET",
                        compression="PARQUET",
                        output_type="CUSTOM",
                        overwrite="OVERWRITE_REPORT",
                    ),
                )
            ),
            refresh_cadence=bcm.CfnExport.RefreshCadenceProperty(frequency="SYNCHRONOUS"),
        ),
    )
