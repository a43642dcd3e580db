/** API responses for the component tests, typed by the generated client: a contract change breaks them at compile time. */
import type { Breakdown, LineItem, LineItemPage, Meta, Summary, Timeseries } from '@/lib/api/types'

export const meta: Meta = {
  engine: 'duckdb',
  periods: [
    {
      billing_period: '2024-08',
      providers: ['AWS'],
      currencies: ['USD'],
      source_formats: ['cur2'],
      line_items: 1200,
      first_usage_date: '2024-08-01',
      last_usage_date: '2024-08-31',
      unblended_cost: 900,
      net_unblended_cost: null,
      amortized_cost: 880,
      public_cost: 1000,
      materialized_at: '2024-09-30T06:00:00Z',
      deliveries: 2,
      latest_delivery_at: '2024-09-30T05:00:00Z',
    },
    {
      billing_period: '2024-09',
      providers: ['AWS'],
      currencies: ['USD'],
      source_formats: ['cur2'],
      line_items: 1500,
      first_usage_date: '2024-09-01',
      last_usage_date: '2024-09-15',
      unblended_cost: 1234.5,
      net_unblended_cost: null,
      amortized_cost: 1200,
      public_cost: 1400,
      materialized_at: '2024-09-16T06:00:00Z',
      deliveries: 3,
      latest_delivery_at: '2024-09-16T05:00:00Z',
    },
  ],
  providers: ['AWS'],
  currencies: ['USD'],
  currency: 'USD',
  views: [
    { id: 'unblended', column: 'unblended_cost', available: true },
    { id: 'net_unblended', column: 'net_unblended_cost', available: false },
    { id: 'amortized', column: 'amortized_cost', available: true },
    { id: 'public', column: 'public_cost', available: true },
  ],
  dimensions: [
    {
      id: 'provider',
      label: 'Provider',
      filter_param: 'provider',
      tag_compatible: true,
      monthly: true,
      line_items: false,
    },
    {
      id: 'billing_period',
      label: 'Billing period',
      filter_param: 'billing_period',
      tag_compatible: true,
      monthly: true,
      line_items: false,
    },
    {
      id: 'account',
      label: 'Usage account',
      filter_param: 'account',
      tag_compatible: true,
      monthly: true,
      line_items: false,
    },
    {
      id: 'payer_account',
      label: 'Payer account',
      filter_param: 'payer_account',
      tag_compatible: false,
      monthly: true,
      line_items: false,
    },
    {
      id: 'service',
      label: 'Service',
      filter_param: 'service',
      tag_compatible: true,
      monthly: true,
      line_items: false,
    },
    {
      id: 'region',
      label: 'Region',
      filter_param: 'region',
      tag_compatible: true,
      monthly: true,
      line_items: false,
    },
    {
      id: 'operation',
      label: 'Operation',
      filter_param: 'operation',
      tag_compatible: false,
      monthly: false,
      line_items: false,
    },
    {
      id: 'usage_type',
      label: 'Usage type',
      filter_param: 'usage_type',
      tag_compatible: false,
      monthly: false,
      line_items: false,
    },
    {
      id: 'charge_category',
      label: 'Charge category',
      filter_param: 'charge_category',
      tag_compatible: false,
      monthly: true,
      line_items: false,
    },
    {
      id: 'line_item_type',
      label: 'Line item type',
      filter_param: 'line_item_type',
      tag_compatible: false,
      monthly: false,
      line_items: false,
    },
    {
      id: 'resource',
      label: 'Resource',
      filter_param: 'resource',
      tag_compatible: false,
      monthly: false,
      line_items: true,
    },
    { id: 'tag', label: 'Tag', filter_param: 'tag', tag_compatible: true, monthly: false, line_items: false },
  ],
  tag_keys: ['env', 'team'],
  default_range: { start: '2024-09-01', end: '2024-09-30', days: 30, covered: true },
  latest_usage_date: '2024-09-15',
  materialized_at: '2024-09-16T06:00:00Z',
  limits: {
    max_range_days: 3660,
    max_daily_range_days: 400,
    max_line_item_range_days: 400,
    max_page_size: 1000,
    max_top: 100,
    max_filter_values: 100,
    max_cursor_length: 4096,
  },
}

export function summary(overrides: Partial<Summary> = {}): Summary {
  return {
    view: 'unblended',
    range: { start: '2024-09-01', end: '2024-09-30', days: 30, covered: true },
    previous_range: { start: '2024-08-01', end: '2024-08-31', days: 31, covered: true },
    total: 1234.5,
    previous_total: 900,
    change: 334.5,
    change_pct: 0.37166666,
    month_to_date: {
      month: '2024-09',
      as_of: '2024-09-15',
      days_elapsed: 15,
      days_in_month: 30,
      cost: 1234.5,
      forecast: 2470.12,
      complete: false,
    },
    active: { accounts: 3, services: 7, regions: 4 },
    movers_by: 'service',
    top_movers: [
      { key: 'Amazon EC2', label: 'Amazon EC2', current: 800, previous: 500, change: 300, change_pct: 0.6 },
      { key: 'Amazon S3', label: 'Amazon S3', current: 100, previous: 150, change: -50, change_pct: -0.3333 },
    ],
    comparable_range: null,
    source: 'gold.cost_daily',
    ...overrides,
  }
}

export function timeseries(overrides: Partial<Timeseries> = {}): Timeseries {
  return {
    view: 'unblended',
    granularity: 'day',
    group_by: 'service',
    tag_key: null,
    range: { start: '2024-09-01', end: '2024-09-03', days: 3, covered: true },
    buckets: ['2024-09-01', '2024-09-02', '2024-09-03'],
    series: [
      { key: 'Amazon EC2', label: 'Amazon EC2', is_other: false, total: 800, values: [300, 250, 250] },
      { key: 'Amazon S3', label: 'Amazon S3', is_other: false, total: 100, values: [30, 30, 40] },
      { key: null, label: 'Other', is_other: true, total: 334.5, values: [100, 100, 134.5] },
    ],
    total: 1234.5,
    source: 'gold.cost_daily',
    ...overrides,
  }
}

export function breakdown(dimension: Breakdown['dimension'], overrides: Partial<Breakdown> = {}): Breakdown {
  const names: Record<string, string[]> = {
    service: ['Amazon EC2', 'Amazon S3', 'AWS Lambda'],
    region: ['us-east-1', 'eu-west-1', 'global'],
    operation: ['RunInstances', 'PutObject', 'Invoke'],
    provider: ['AWS'],
  }
  const keys = names[dimension] ?? ['a', 'b']
  const costs = [800, 300, 134.5]
  const items = keys.map((key, i) => ({
    key,
    label: key,
    cost: costs[i] ?? 1,
    share: (costs[i] ?? 1) / 1234.5,
    line_items: 100 * (i + 1),
  }))
  return {
    view: 'unblended',
    dimension,
    tag_key: null,
    range: { start: '2024-09-01', end: '2024-09-30', days: 30, covered: true },
    total: items.reduce((s, i) => s + i.cost, 0),
    groups: items.length,
    items,
    other: null,
    source: 'gold.cost_daily',
    ...overrides,
  }
}

export function lineItem(index: number, overrides: Partial<LineItem> = {}): LineItem {
  return {
    billing_period: '2024-09',
    provider: 'AWS',
    usage_date: '2024-09-15',
    usage_start: `2024-09-15T${String(23 - (index % 24)).padStart(2, '0')}:00:00Z`,
    usage_end: null,
    payer_account_id: '111111111111',
    usage_account_id: '222222222222',
    usage_account_name: 'Production',
    service: 'Amazon EC2',
    service_code: 'AmazonEC2',
    region: 'us-east-1',
    availability_zone: null,
    operation: 'RunInstances',
    usage_type: 'BoxUsage:t3.large',
    line_item_type: 'Usage',
    charge_category: 'Usage',
    resource_id: `i-${String(index).padStart(6, '0')}`,
    usage_amount: 1,
    usage_unit: 'Hrs',
    pricing_term: 'OnDemand',
    currency: 'USD',
    cost: 0.0832,
    unblended_cost: 0.0832,
    net_unblended_cost: null,
    amortized_cost: 0.0832,
    public_cost: 0.0832,
    tags: { env: 'prod' },
    line_item_id: `li-${index}`,
    source_file: 'cur.parquet',
    delivery_id: 'd1',
    invoice_id: null,
    ...overrides,
  }
}

export function lineItemPage(
  from: number,
  count: number,
  next: string | null,
  overrides: Partial<LineItemPage> = {},
): LineItemPage {
  return {
    items: Array.from({ length: count }, (_, i) => lineItem(from + i)),
    next_cursor: next,
    limit: count,
    sort: 'usage_start',
    order: 'desc',
    view: 'unblended',
    range: { start: '2024-09-01', end: '2024-09-30', days: 30, covered: true },
    ...overrides,
  }
}
