import type { Dimension, DimensionInfo, FilterParam } from '@/lib/api/types'

/** Labels until /meta answers (then its own labels win). */
export const DIMENSION_LABELS: Record<Dimension, string> = {
  provider: 'Provider',
  billing_period: 'Billing period',
  account: 'Usage account',
  payer_account: 'Payer account',
  service: 'Service',
  region: 'Region',
  operation: 'Operation',
  usage_type: 'Usage type',
  charge_category: 'Charge category',
  line_item_type: 'Line item type',
  resource: 'Resource',
  tag: 'Tag',
}

export function dimensionLabel(dimension: Dimension, infos?: DimensionInfo[]): string {
  return infos?.find((d) => d.id === dimension)?.label ?? DIMENSION_LABELS[dimension]
}

/** Dimensions whose values are ids with names (the API labels them by name; chips look the name up). */
export const NAMED_DIMENSIONS: readonly FilterParam[] = ['account', 'payer_account']

/** The filter bar's pickers (the rest appear as chips when a drill-down sets them). */
export const PICKER_PARAMS: FilterParam[] = [
  'account',
  'service',
  'region',
  'provider',
  'charge_category',
  'resource',
]

/** Gold answers a tag filter only together with these dimensions (meta: tag_compatible). */
export function tagCompatible(dimension: Dimension, infos?: DimensionInfo[]): boolean {
  const info = infos?.find((d) => d.id === dimension)
  return info
    ? info.tag_compatible
    : ['provider', 'billing_period', 'account', 'service', 'region', 'tag'].includes(dimension)
}
