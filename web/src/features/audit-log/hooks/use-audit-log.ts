import { useQueryClient } from '@tanstack/react-query'
import { useSearch } from '@tanstack/react-router'
import { useCallback, useEffect } from 'react'
import { useFilters, useUpdateSearch } from '@/features/filters/hooks/use-filters'
import { toQueryString } from '@/features/filters/lib/search'
import { useMeta } from '@/features/meta/api/use-meta'
import { API_BASE_URL } from '@/lib/api/client'
import type { Order, SortKey } from '@/lib/api/types'
import { auditPlan, lineItemsQuery, useLineItemCount, useLineItems } from '../api/line-items'
import { DEFAULT_COLUMNS } from '../components/columns'
import { DEFAULT_ORDER, DEFAULT_PAGE_SIZE, DEFAULT_SORT, validateAuditSearch } from '../lib/search'
import { cursorPosition, rememberNext } from './use-cursor-history'

export function useAuditLog() {
  const raw = useSearch({ strict: false }) as Record<string, unknown>
  const search = validateAuditSearch(raw)
  const { filters } = useFilters()
  const { data: meta } = useMeta()
  const updateSearch = useUpdateSearch()

  const plan = auditPlan(filters, search, meta)
  const { costQuery, sort, order, size, page: query } = plan
  const page = useLineItems(query)
  const count = useLineItemCount(costQuery)
  const trailKey = JSON.stringify([costQuery, sort, order, size])
  const position = cursorPosition(trailKey, search.cursor)
  const nextCursor = page.isPlaceholderData ? null : (page.data?.next_cursor ?? null)

  // Warm the next page so "Next" is instant.
  const queryClient = useQueryClient()
  const nextKey = nextCursor ? JSON.stringify({ ...query, cursor: nextCursor }) : null
  // biome-ignore lint/correctness/useExhaustiveDependencies: nextKey is the identity of the next page's query
  useEffect(() => {
    if (nextCursor) void queryClient.prefetchQuery(lineItemsQuery({ ...query, cursor: nextCursor }))
  }, [nextKey, queryClient])

  const set = useCallback(
    (patch: Record<string, unknown>) => updateSearch((prev) => ({ ...prev, ...patch })),
    [updateSearch],
  )

  const goNext = useCallback(() => {
    if (!nextCursor) return
    rememberNext(trailKey, search.cursor, nextCursor)
    set({ cursor: nextCursor })
  }, [nextCursor, trailKey, search.cursor, set])

  const goPrevious = useCallback(() => {
    if (position.hasPrevious) set({ cursor: position.previous })
  }, [position.hasPrevious, position.previous, set])

  const goFirst = useCallback(() => set({ cursor: undefined }), [set])

  const setSort = useCallback(
    (nextSort: SortKey, nextOrder: Order) =>
      set({
        sort: nextSort === DEFAULT_SORT ? undefined : nextSort,
        order: nextOrder === DEFAULT_ORDER ? undefined : nextOrder,
        cursor: undefined,
      }),
    [set],
  )

  const setSize = useCallback(
    (next: number) => set({ size: next === DEFAULT_PAGE_SIZE ? undefined : next, cursor: undefined }),
    [set],
  )

  const columns = search.cols?.length ? search.cols : DEFAULT_COLUMNS
  const setColumns = useCallback(
    (ids: string[] | null) => {
      const same =
        ids && ids.length === DEFAULT_COLUMNS.length && ids.every((id, i) => id === DEFAULT_COLUMNS[i])
      set({ cols: ids && !same ? ids : undefined })
    },
    [set],
  )

  const exportUrl = `${API_BASE_URL}/api/v1/line-items/export.csv?${toQueryString(costQuery)}`

  useEffect(() => {
    // A page scrolled out of view after "Next": bring the table's top back.
    if (search.cursor !== undefined)
      document.getElementById('line-items-top')?.scrollIntoView({ block: 'nearest' })
  }, [search.cursor])

  return {
    meta,
    filters,
    sort,
    order,
    size,
    page,
    count,
    position,
    hasNext: nextCursor !== null,
    goNext,
    goPrevious,
    goFirst,
    setSort,
    setSize,
    columns,
    setColumns,
    exportUrl,
    cursor: search.cursor,
  }
}
