import { keepPreviousData, type QueryClient, queryOptions, useQuery } from '@tanstack/react-query'
import { type Filters, toCostQuery } from '@/features/filters/lib/search'
import { api, unwrap } from '@/lib/api/client'
import { breakdownQuery, type LineItemsQuery, metaQuery } from '@/lib/api/queries'
import type { CostQuery, Meta } from '@/lib/api/types'
import { type AuditSearch, DEFAULT_ORDER, DEFAULT_PAGE_SIZE, DEFAULT_SORT } from '../lib/search'

export const lineItemsQuery = (query: LineItemsQuery) =>
  queryOptions({
    queryKey: ['line-items', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/line-items', { params: { query }, signal })),
    staleTime: 5 * 60_000,
  })

/** How many line items match: the gold tables count them, so this costs one small aggregate, not a scan. */
export const lineItemCountQuery = (query: CostQuery) =>
  queryOptions({
    ...breakdownQuery({ ...query, dimension: 'provider', top: 100 }),
    select: (b) => b.items.reduce((n, i) => n + i.line_items, b.other?.line_items ?? 0),
  })

/** The audit log's requests for one URL: the page (sorted, sized, after a cursor) and the count. */
export function auditPlan(filters: Filters, search: AuditSearch, meta: Meta | undefined) {
  const costQuery = toCostQuery(filters)
  const sort = search.sort ?? DEFAULT_SORT
  const order = search.order ?? DEFAULT_ORDER
  const size = Math.min(search.size ?? DEFAULT_PAGE_SIZE, meta?.limits.max_page_size ?? 1000)
  const page: LineItemsQuery = {
    ...costQuery,
    sort,
    order,
    limit: size,
    ...(search.cursor ? { cursor: search.cursor } : {}),
  }
  return {
    costQuery,
    sort,
    order,
    size,
    page,
    pageQuery: lineItemsQuery(page),
    countQuery: lineItemCountQuery(costQuery),
  }
}

export function prefetchAuditLog(queryClient: QueryClient, filters: Filters, search: AuditSearch): void {
  const plan = auditPlan(filters, search, queryClient.getQueryData(metaQuery.queryKey))
  void queryClient.prefetchQuery(plan.pageQuery)
  void queryClient.prefetchQuery(breakdownQuery({ ...plan.costQuery, dimension: 'provider', top: 100 }))
}

/** One keyset page of line items: filtered, sorted and paginated by the API, never in the browser. */
export function useLineItems(query: LineItemsQuery) {
  return useQuery({ ...lineItemsQuery(query), placeholderData: keepPreviousData })
}

export function useLineItemCount(query: CostQuery) {
  return useQuery(lineItemCountQuery(query))
}
