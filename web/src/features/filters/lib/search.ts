/**
 * The dashboard's state lives in the URL, so a link reproduces the view. Query strings use the API's own
 * parameter names and repeated keys for several values (`?service=A&service=B&tag=env=prod`), so the
 * URL reads like the API call behind it.
 */
import type { CostQuery, FilterParam, View } from '@/lib/api/types'
import { isIsoDay } from '@/lib/dates'

export type RawSearch = Record<string, string | string[]>

export const VIEWS = ['unblended', 'net_unblended', 'amortized', 'public'] as const satisfies readonly View[]
export const DEFAULT_VIEW: View = 'unblended'

export const VIEW_LABELS: Record<View, string> = {
  unblended: 'Unblended',
  net_unblended: 'Net',
  amortized: 'Amortized',
  public: 'Public',
}

/** Every dimension filter the API accepts, in the order the filter bar shows them. */
export const FILTER_PARAMS = [
  'account',
  'service',
  'region',
  'provider',
  'charge_category',
  'operation',
  'usage_type',
  'payer_account',
  'line_item_type',
  'billing_period',
  'resource',
] as const satisfies readonly FilterParam[]

// Compile-time check that the list above is every filter the generated client knows.
type Missing = Exclude<FilterParam, (typeof FILTER_PARAMS)[number]>
const _everyFilter: Missing extends never ? true : Missing = true
void _everyFilter

/** The filters and range shared by every page. Undefined dates mean "the API's default range"
 * (the calendar month of the newest data), so the first load needs no round trip for /meta. */
export type GlobalSearch = {
  start?: string
  end?: string
  view?: View
  tag?: string[]
} & { [K in FilterParam]?: string[] }

export const GLOBAL_KEYS = [
  'start',
  'end',
  'view',
  ...FILTER_PARAMS,
  'tag',
] as const satisfies readonly (keyof GlobalSearch)[]

export type Filters = {
  start?: string
  end?: string
  view: View
  values: { [K in FilterParam]?: string[] }
  tags: string[]
}

function list(value: unknown): string[] | undefined {
  const items = (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v.length <= 256, // '' is a real value: "(none)"
  )
  const unique = [...new Set(items)]
  return unique.length ? unique : undefined
}

function one(value: unknown): string | undefined {
  return typeof value === 'string' ? value : Array.isArray(value) ? one(value[0]) : undefined
}

export function isView(value: unknown): value is View {
  return typeof value === 'string' && (VIEWS as readonly string[]).includes(value)
}

/** Sanitises the global part of a parsed query string (unknown or malformed values are dropped). */
export function validateGlobalSearch(raw: Record<string, unknown>): GlobalSearch {
  const search: GlobalSearch = {}
  const start = one(raw.start)
  const end = one(raw.end)
  if (start && isIsoDay(start)) search.start = start
  if (end && isIsoDay(end)) search.end = end
  if (search.start && search.end && search.end < search.start) {
    delete search.start
    delete search.end
  }
  const view = one(raw.view)
  if (isView(view) && view !== DEFAULT_VIEW) search.view = view
  for (const key of FILTER_PARAMS) {
    const values = list(raw[key])
    if (values) search[key] = values
  }
  const tags = list(raw.tag)?.filter((t) => /^[^=]+=.+$/.test(t))
  if (tags?.length) search.tag = tags
  return search
}

export function filtersFromSearch(search: GlobalSearch): Filters {
  const values: Filters['values'] = {}
  for (const key of FILTER_PARAMS) {
    const v = search[key]
    if (v?.length) values[key] = v
  }
  return {
    start: search.start,
    end: search.end,
    view: search.view ?? DEFAULT_VIEW,
    values,
    tags: search.tag ?? [],
  }
}

/** The search keys that express these filters (undefined clears a key). */
export function searchFromFilters(filters: Filters): GlobalSearch {
  const search: Record<string, unknown> = {
    start: filters.start,
    end: filters.end,
    view: filters.view === DEFAULT_VIEW ? undefined : filters.view,
    tag: filters.tags.length ? filters.tags : undefined,
  }
  for (const key of FILTER_PARAMS) {
    const v = filters.values[key]
    search[key] = v?.length ? v : undefined
  }
  return search as GlobalSearch
}

export function activeFilterCount(filters: Filters): number {
  return FILTER_PARAMS.reduce((n, key) => n + (filters.values[key]?.length ?? 0), 0) + filters.tags.length
}

/** The API query for these filters: only the parameters that are set, in a stable order (query keys). */
export function toCostQuery(filters: Filters, range?: { start: string; end: string }): CostQuery {
  const query: CostQuery = {}
  const start = range?.start ?? filters.start
  const end = range?.end ?? filters.end
  if (start) query.start = start
  if (end) query.end = end
  query.view = filters.view
  for (const key of FILTER_PARAMS) {
    const v = filters.values[key]
    if (v?.length) query[key] = [...v].sort()
  }
  if (filters.tags.length) query.tag = [...filters.tags].sort()
  return query
}

/** A query string in the API's form (repeated keys), for plain links such as the CSV export. */
export function toQueryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item))
  }
  return params.toString()
}

/** The router's query-string parser: every value stays a string; repeated keys become arrays. */
export function parseSearch(searchStr: string): RawSearch {
  const params = new URLSearchParams(searchStr.startsWith('?') ? searchStr.slice(1) : searchStr)
  const result: RawSearch = {}
  for (const [key, value] of params) {
    const previous = result[key]
    if (previous === undefined) result[key] = value
    else result[key] = Array.isArray(previous) ? [...previous, value] : [previous, value]
  }
  return result
}

/** The router's query-string writer: global filters first, in a fixed order, then the page's own keys. */
export function stringifySearch(search: Record<string, unknown>): string {
  const order = [...GLOBAL_KEYS] as string[]
  const keys = [
    ...order.filter((k) => k in search),
    ...Object.keys(search)
      .filter((k) => !order.includes(k))
      .sort(),
  ]
  const params = new URLSearchParams()
  for (const key of keys) {
    const value = search[key]
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item))
    else if (typeof value === 'object') params.append(key, JSON.stringify(value))
    else params.append(key, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}
