import type { Dimension } from '@/lib/api/types'

export const DIMENSIONS = [
  'service',
  'account',
  'region',
  'operation',
  'usage_type',
  'provider',
  'charge_category',
  'line_item_type',
  'payer_account',
  'billing_period',
  'resource',
  'tag',
] as const satisfies readonly Dimension[]

export type Compare = 'previous' | 'year'

export type ExploreSearch = {
  dim?: Dimension
  tag_key?: string
  gran?: 'day' | 'month'
  compare?: Compare
}

function one(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return Array.isArray(value) ? one(value[0]) : undefined
}

export function validateExploreSearch(raw: Record<string, unknown>): ExploreSearch {
  const search: ExploreSearch = {}
  const dim = one(raw.dim)
  if (dim && (DIMENSIONS as readonly string[]).includes(dim)) search.dim = dim as Dimension
  const tagKey = one(raw.tag_key)
  if (tagKey && tagKey.length <= 256) search.tag_key = tagKey
  const gran = one(raw.gran)
  if (gran === 'day' || gran === 'month') search.gran = gran
  const compare = one(raw.compare)
  if (compare === 'previous' || compare === 'year') search.compare = compare
  return search
}
