import type { Order, SortKey } from '@/lib/api/types'

export const SORT_KEYS = [
  'usage_start',
  'cost',
  'usage_amount',
  'service',
  'account',
  'region',
  'resource_id',
  'usage_type',
  'operation',
] as const satisfies readonly SortKey[]

export const PAGE_SIZES = [25, 50, 100, 250, 500] as const
export const DEFAULT_PAGE_SIZE = 50
export const DEFAULT_SORT: SortKey = 'usage_start'
export const DEFAULT_ORDER: Order = 'desc'

export type AuditSearch = {
  sort?: SortKey
  order?: Order
  size?: number
  cursor?: string
  cols?: string[]
}

function one(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return Array.isArray(value) ? one(value[0]) : undefined
}

export function validateAuditSearch(raw: Record<string, unknown>): AuditSearch {
  const search: AuditSearch = {}
  const sort = one(raw.sort)
  if (sort && (SORT_KEYS as readonly string[]).includes(sort)) search.sort = sort as SortKey
  const order = one(raw.order)
  if (order === 'asc' || order === 'desc') search.order = order
  const size = Number(one(raw.size))
  if ((PAGE_SIZES as readonly number[]).includes(size)) search.size = size
  const cursor = one(raw.cursor)
  if (cursor && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(cursor) && cursor.length <= 4096)
    search.cursor = cursor
  // `cols=a,b` in a link; the router may hand back the already-validated list (validation runs twice).
  const cols = (Array.isArray(raw.cols) ? raw.cols : [raw.cols])
    .filter((c): c is string => typeof c === 'string')
    .flatMap((c) => c.split(','))
    .filter(Boolean)
  if (cols.length) search.cols = cols
  return search
}
