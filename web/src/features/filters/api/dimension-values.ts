import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { CostQuery, Dimension } from '@/lib/api/types'

/** Values of one dimension for a picker, biggest cost first, scoped by the other filters (server-side search). */
export function useDimensionValues(
  dimension: Dimension,
  query: CostQuery,
  { search, tagKey, enabled = true }: { search?: string; tagKey?: string; enabled?: boolean } = {},
) {
  const params = {
    ...query,
    ...(search ? { search } : {}),
    ...(tagKey ? { tag_key: tagKey } : {}),
    limit: 100,
  }
  return useQuery({
    queryKey: ['dimension-values', dimension, params],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/dimensions/{dimension}/values', {
          params: { path: { dimension }, query: params },
          signal,
        }),
      ),
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  })
}
