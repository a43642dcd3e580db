"""A hand-written DuckDB SQL pipeline doing the same work as `sentinel run`, as a speed baseline.

Keep a raw copy of the export, read its legacy CUR files (CSV.gz or Parquet), cast every canonical silver
column (DECIMAL(38,10) money), amortize, write silver Parquet partitioned by billing period, aggregate
and write every gold table (cost_daily, cost_monthly, cost_by_tag_daily, period_summary), partitioned the
same way. No checks, no catalog, no orchestration: the floor Sentinel is measured against.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from sentinel_etl.names import snake_case_all

MONEY = "DECIMAL(38,10)"


def _col(names: set[str], name: str, cast: str | None = None) -> str:
    if name not in names:
        return f"CAST(NULL AS {cast or 'VARCHAR'})"
    return f"TRY_CAST(nullif({name}, '') AS {cast})" if cast else f"nullif({name}, '')"


def csv_source(files: list[str], header: list[str]) -> str:
    """Every column as text, as the CSV holds it (with `filename`)."""
    columns = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in snake_case_all(header)) + "}"
    return f"read_csv({_paths(files)}, header = true, columns = {columns}, filename = true)"


def parquet_source(files: list[str]) -> str:
    """Every column as text too, so one silver statement serves both (the cast costs the baseline a little)."""
    return f"(SELECT COLUMNS(*)::VARCHAR FROM read_parquet({_paths(files)}, filename = true))"


def _paths(files: list[str]) -> str:
    return "[" + ", ".join(f"'{f}'" for f in files) + "]"


def silver_sql(source: str, header: list[str], delivery_id: str, source_format: str = "legacy_cur_csv") -> str:
    names = snake_case_all(header)
    present = set(names)
    tags = [n for n in names if n.startswith("resource_tags_")]
    tag_map = (
        "map_from_entries(list_filter([" + ", ".join(f"{{'key': '{t[14:]}', 'value': {t}}}" for t in tags)
        + "], e -> e.value IS NOT NULL AND e.value <> ''))"
        if tags else "CAST(NULL AS MAP(VARCHAR, VARCHAR))"
    )
    money = {n: _col(present, n, MONEY) for n in (
        "line_item_unblended_cost", "line_item_net_unblended_cost", "pricing_public_on_demand_cost",
        "reservation_effective_cost", "savings_plan_savings_plan_effective_cost",
        "savings_plan_total_commitment_to_date", "savings_plan_used_commitment",
        "reservation_unused_amortized_upfront_fee_for_billing_period", "reservation_unused_recurring_fee")}
    return f"""
    SELECT strftime(TRY_CAST(bill_billing_period_start_date AS TIMESTAMPTZ), '%Y-%m') AS billing_period,
      'AWS' AS provider, '{source_format}' AS source_format,
      {_col(present, 'identity_line_item_id')} AS line_item_id,
      {_col(present, 'identity_time_interval')} AS time_interval,
      {_col(present, 'bill_invoice_id')} AS invoice_id,
      {_col(present, 'bill_payer_account_id')} AS payer_account_id,
      {_col(present, 'bill_payer_account_name')} AS payer_account_name,
      {_col(present, 'line_item_usage_account_id')} AS usage_account_id,
      {_col(present, 'line_item_usage_account_name')} AS usage_account_name,
      line_item_line_item_type AS line_item_type,
      CASE WHEN line_item_line_item_type IN ('Usage','DiscountedUsage','SavingsPlanCoveredUsage','SavingsPlanNegation') THEN 'Usage'
           WHEN line_item_line_item_type IN ('Fee','RIFee','SavingsPlanRecurringFee','SavingsPlanUpfrontFee') THEN 'Purchase'
           WHEN line_item_line_item_type = 'Tax' THEN 'Tax'
           WHEN line_item_line_item_type IN ('Credit','Refund','Discount','BundledDiscount','EdpDiscount','PrivateRateDiscount','DistributorDiscount') THEN 'Credit'
           ELSE 'Adjustment' END AS charge_category,
      TRY_CAST(line_item_usage_start_date AS TIMESTAMPTZ) AS usage_start,
      TRY_CAST(line_item_usage_end_date AS TIMESTAMPTZ) AS usage_end,
      CAST(TRY_CAST(line_item_usage_start_date AS TIMESTAMPTZ) AS DATE) AS usage_date,
      {_col(present, 'line_item_product_code')} AS service_code,
      coalesce({_col(present, 'product_product_name')}, {_col(present, 'line_item_product_code')}) AS service_name,
      coalesce({_col(present, 'product_region_code')}, {_col(present, 'product_region')}) AS region,
      {_col(present, 'line_item_availability_zone')} AS availability_zone,
      {_col(present, 'line_item_operation')} AS operation,
      {_col(present, 'line_item_usage_type')} AS usage_type,
      {_col(present, 'line_item_resource_id')} AS resource_id,
      {_col(present, 'line_item_usage_amount', 'DOUBLE')} AS usage_amount,
      {_col(present, 'pricing_unit')} AS usage_unit,
      {_col(present, 'pricing_term')} AS pricing_term,
      {_col(present, 'line_item_currency_code')} AS currency,
      {money['line_item_unblended_cost']} AS unblended_cost,
      {money['line_item_net_unblended_cost']} AS net_unblended_cost,
      CAST(CASE line_item_line_item_type
        WHEN 'SavingsPlanCoveredUsage' THEN {money['savings_plan_savings_plan_effective_cost']}
        WHEN 'SavingsPlanRecurringFee' THEN {money['savings_plan_total_commitment_to_date']} - {money['savings_plan_used_commitment']}
        WHEN 'SavingsPlanNegation' THEN 0 WHEN 'SavingsPlanUpfrontFee' THEN 0
        WHEN 'DiscountedUsage' THEN {money['reservation_effective_cost']}
        WHEN 'RIFee' THEN {money['reservation_unused_amortized_upfront_fee_for_billing_period']} + {money['reservation_unused_recurring_fee']}
        WHEN 'Fee' THEN CASE WHEN coalesce({_col(present, 'reservation_reservation_a_r_n')}, '') <> '' THEN 0 ELSE {money['line_item_unblended_cost']} END
        ELSE {money['line_item_unblended_cost']} END AS {MONEY}) AS amortized_cost,
      {money['pricing_public_on_demand_cost']} AS public_cost,
      {tag_map} AS tags,
      CAST(NULL AS MAP(VARCHAR, VARCHAR)) AS cost_categories,
      filename AS source_file, '{delivery_id}' AS delivery_id
    FROM {source}
    """


GOLD = {
    "cost_daily": """SELECT billing_period, usage_date, provider, coalesce(payer_account_id,'') AS payer_account_id,
        coalesce(usage_account_id,'') AS usage_account_id, coalesce(service_name, service_code, '') AS service,
        coalesce(service_code,'') AS service_code, coalesce(region,'') AS region, coalesce(operation,'') AS operation,
        coalesce(usage_type,'') AS usage_type, coalesce(usage_unit,'') AS unit, coalesce(charge_category,'') AS charge_category,
        coalesce(line_item_type,'') AS line_item_type, coalesce(currency,'') AS currency,
        coalesce(max(payer_account_name),'') AS payer_account_name, coalesce(max(usage_account_name),'') AS usage_account_name,
        sum(usage_amount) AS usage_amount, sum(unblended_cost) AS unblended_cost, sum(net_unblended_cost) AS net_unblended_cost,
        sum(amortized_cost) AS amortized_cost, sum(public_cost) AS public_cost, count(*) AS line_item_count
        FROM silver GROUP BY ALL""",
    "cost_monthly": """SELECT billing_period, provider, coalesce(payer_account_id,'') AS payer_account_id,
        coalesce(usage_account_id,'') AS usage_account_id, coalesce(service_name, service_code, '') AS service,
        coalesce(service_code,'') AS service_code, coalesce(region,'') AS region, coalesce(charge_category,'') AS charge_category,
        coalesce(currency,'') AS currency, coalesce(max(payer_account_name),'') AS payer_account_name, coalesce(max(usage_account_name),'') AS usage_account_name,
        sum(unblended_cost) AS unblended_cost, sum(net_unblended_cost) AS net_unblended_cost,
        sum(amortized_cost) AS amortized_cost, sum(public_cost) AS public_cost, count(*) AS line_item_count
        FROM silver GROUP BY ALL""",
    "cost_by_tag_daily": """SELECT billing_period, usage_date, provider, coalesce(usage_account_id,'') AS usage_account_id,
        coalesce(service_name, service_code, '') AS service, coalesce(region,'') AS region, t.key AS tag_key, t.value AS tag_value,
        coalesce(max(usage_account_name),'') AS usage_account_name, sum(unblended_cost) AS unblended_cost, sum(net_unblended_cost) AS net_unblended_cost,
        sum(amortized_cost) AS amortized_cost, sum(public_cost) AS public_cost, count(*) AS line_item_count
        FROM (SELECT *, unnest(map_entries(tags)) AS t FROM silver) GROUP BY ALL""",
    "period_summary": """SELECT billing_period, provider, string_agg(DISTINCT source_format, ',') AS source_format,
        string_agg(DISTINCT delivery_id, ',') AS delivery_ids, coalesce(max(currency), '') AS currency,
        min(usage_date) AS first_usage_date, max(usage_date) AS last_usage_date,
        sum(unblended_cost) AS unblended_cost, sum(net_unblended_cost) AS net_unblended_cost,
        sum(amortized_cost) AS amortized_cost, sum(public_cost) AS public_cost, count(*) AS line_item_count,
        current_timestamp AS materialized_at FROM silver GROUP BY ALL""",
}


def run_baseline(files: list[str], header: list[str], out: Path, *, parquet: bool = False,
                 threads: int | None = None) -> int:
    """The export's files → a raw copy, silver and gold Parquet under `out`; returns the silver row count."""
    raw = out / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    copies = []
    for index, path in enumerate(files):  # keep the raw copy, as landing does
        copy = raw / f"{index:05d}-{Path(path).name}"
        shutil.copyfile(path, copy)
        copies.append(str(copy))
    connection = duckdb.connect(config={"preserve_insertion_order": False, **({"threads": threads} if threads else {})})
    source = parquet_source(copies) if parquet else csv_source(copies, header)
    fmt = "legacy_cur_parquet" if parquet else "legacy_cur_csv"
    silver_dir = out / "silver"
    connection.execute(f"COPY ({silver_sql(source, header, 'baseline', fmt)}) TO '{silver_dir}' "
                       "(FORMAT parquet, COMPRESSION snappy, PARTITION_BY (billing_period))")
    connection.execute(f"CREATE VIEW silver AS SELECT * FROM read_parquet('{silver_dir}/*/*.parquet', "
                       "hive_partitioning = true, hive_types = {'billing_period': VARCHAR})")
    for table, sql in GOLD.items():
        connection.execute(f"COPY ({sql}) TO '{out / table}' "
                           "(FORMAT parquet, COMPRESSION snappy, PARTITION_BY (billing_period))")
    rows = connection.execute("SELECT count(*) FROM silver").fetchone()
    connection.close()
    return int(rows[0]) if rows else 0
