import { type QueryClient, useQuery } from '@tanstack/react-query'
import { effectiveRange } from '@/features/filters/hooks/use-filters'
import { tagCompatible } from '@/features/filters/lib/dimensions'
import { type Filters, toCostQuery } from '@/features/filters/lib/search'
import { breakdownQuery, metaQuery, summaryQuery, timeseriesQuery } from '@/lib/api/queries'
import type { Meta } from '@/lib/api/types'
import { autoGranularity } from '@/lib/granularity'

/** Everything the overview asks the API for one set of filters: for the page's hooks and the route's prefetch. */
export function overviewPlan(filters: Filters, meta: Meta | undefined) {
  const query = toCostQuery(filters)
  const range = effectiveRange(filters, meta)
  const granularity = autoGranularity(range)
  const operationsAllowed = filters.tags.length === 0 || tagCompatible('operation', meta?.dimensions)
  return {
    range,
    operationsAllowed,
    summary: summaryQuery({ ...query, movers_by: 'service', movers: 5 }),
    // Daily (or monthly, for long ranges) spend stacked by the top services.
    trend: timeseriesQuery({ ...query, granularity, group_by: 'service', top: 6 }),
    regions: breakdownQuery({ ...query, dimension: 'region', top: 7 }),
    services: breakdownQuery({ ...query, dimension: 'service', top: 8 }),
    operations: breakdownQuery({ ...query, dimension: 'operation', top: 8 }),
  }
}

export function prefetchOverview(queryClient: QueryClient, filters: Filters): void {
  const plan = overviewPlan(filters, queryClient.getQueryData(metaQuery.queryKey))
  void queryClient.prefetchQuery(plan.summary)
  void queryClient.prefetchQuery(plan.trend)
  void queryClient.prefetchQuery(plan.regions)
  void queryClient.prefetchQuery(plan.services)
  if (plan.operationsAllowed) void queryClient.prefetchQuery(plan.operations)
}

export function useOverviewQueries(filters: Filters, meta: Meta | undefined) {
  const plan = overviewPlan(filters, meta)
  return {
    range: plan.range,
    operationsAllowed: plan.operationsAllowed,
    summary: useQuery(plan.summary),
    trend: useQuery(plan.trend),
    regions: useQuery(plan.regions),
    services: useQuery(plan.services),
    operations: useQuery({ ...plan.operations, enabled: plan.operationsAllowed }),
  }
}
