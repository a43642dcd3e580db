import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { CostQuery, Dimension } from '@/lib/api/types'

const PAGE = 100

type Options = { search?: string; tagKey?: string; enabled?: boolean }

function valuesParams(query: CostQuery, { search, tagKey }: Options) {
  return { ...query, ...(search ? { search } : {}), ...(tagKey ? { tag_key: tagKey } : {}), limit: PAGE }
}

function fetchValues(
  dimension: Dimension,
  query: ReturnType<typeof valuesParams>,
  offset: number,
  signal: AbortSignal,
) {
  return unwrap(
    api.GET('/api/v1/dimensions/{dimension}/values', {
      params: { path: { dimension }, query: offset ? { ...query, offset } : query },
      signal,
    }),
  )
}

/** Values of one dimension for a picker, biggest cost first, scoped by the other filters (server-side search). */
export function useDimensionValues(dimension: Dimension, query: CostQuery, options: Options = {}) {
  const params = valuesParams(query, options)
  return useQuery({
    queryKey: ['dimension-values', dimension, params],
    queryFn: ({ signal }) => fetchValues(dimension, params, 0, signal),
    enabled: options.enabled ?? true,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  })
}

/** The same values a page at a time ("Show more" asks for the next offset while the answer is truncated). */
export function useDimensionValuePages(dimension: Dimension, query: CostQuery, options: Options = {}) {
  const params = valuesParams(query, options)
  return useInfiniteQuery({
    queryKey: ['dimension-value-pages', dimension, params],
    queryFn: ({ signal, pageParam }) => fetchValues(dimension, params, pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.truncated ? last.offset + last.values.length : undefined),
    enabled: options.enabled ?? true,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  })
}
