import { useQuery } from '@tanstack/react-query'
import { metaQuery } from '@/lib/api/queries'

/** What the catalog holds: periods and their freshness, currency, views, dimensions, tag keys, limits. */
export function useMeta() {
  return useQuery(metaQuery)
}

/** The currency of most line items (formatting follows the data); USD until /meta answers. */
export function useCurrency(): string {
  const { data } = useMeta()
  return data?.currency ?? 'USD'
}
