import { tagCompatible } from '@/features/filters/lib/dimensions'
import type { Filters } from '@/features/filters/lib/search'
import type { Dimension, DimensionInfo, FilterParam } from '@/lib/api/types'

/** Where a drill-down goes next: from a service to its operations, from an operation to its usage types, ... */
const NEXT: Record<Dimension, Dimension[]> = {
  provider: ['service', 'account', 'region'],
  billing_period: ['service', 'account'],
  account: ['service', 'region'],
  payer_account: ['account', 'service'],
  service: ['operation', 'region', 'usage_type', 'resource'],
  region: ['service', 'operation', 'resource'],
  operation: ['usage_type', 'account', 'region', 'resource'],
  usage_type: ['account', 'region', 'operation', 'resource'],
  charge_category: ['service', 'line_item_type'],
  line_item_type: ['service', 'account'],
  resource: [], // its drill-down opens the audit log
  tag: ['service', 'account', 'region'],
}

function filtered(filters: Filters, dimension: Dimension): boolean {
  if (dimension === 'tag') return filters.tags.length > 0
  return (filters.values[dimension as FilterParam]?.length ?? 0) > 0
}

/** The filters after clicking `key` of `dimension` (a tag value replaces the tag filter: one key at a time). */
export function drillFilters(filters: Filters, dimension: Dimension, key: string, tagKey?: string): Filters {
  if (dimension === 'tag') {
    return tagKey ? { ...filters, tags: [`${tagKey}=${key}`] } : filters
  }
  const param = dimension as FilterParam
  return { ...filters, values: { ...filters.values, [param]: [key] } }
}

/** The next dimension to break down by: the first candidate not filtered yet (and answerable with a tag filter). */
export function nextDimension(dimension: Dimension, after: Filters, infos?: DimensionInfo[]): Dimension {
  const tagged = after.tags.length > 0
  for (const candidate of NEXT[dimension]) {
    if (filtered(after, candidate)) continue
    if (tagged && !tagCompatible(candidate, infos)) continue
    return candidate
  }
  return dimension
}
