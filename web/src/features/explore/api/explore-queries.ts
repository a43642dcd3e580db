import type { QueryClient } from '@tanstack/react-query'
import { effectiveRange } from '@/features/filters/hooks/use-filters'
import { tagCompatible } from '@/features/filters/lib/dimensions'
import { type Filters, toCostQuery } from '@/features/filters/lib/search'
import { breakdownQuery, metaQuery, timeseriesQuery } from '@/lib/api/queries'
import type { Dimension, Meta } from '@/lib/api/types'
import { type DateRange, previousRange, yearEarlier } from '@/lib/dates'
import { autoGranularity } from '@/lib/granularity'
import type { Compare, ExploreSearch } from '../lib/search'

export const TOP = 12

export function compareRange(range: DateRange | null, compare: Compare | undefined): DateRange | null {
  if (!range || !compare) return null
  return compare === 'year' ? yearEarlier(range) : previousRange(range)
}

/** What the explore page asks the API for: one plan for the page's hooks and the route's prefetch. */
export function explorePlan(
  filters: Filters,
  search: ExploreSearch,
  meta: Meta | undefined,
  tagKeys?: string[],
) {
  const range = effectiveRange(filters, meta)
  const dimension: Dimension = search.dim ?? 'service'
  // The default key is the one with the most spend in the range (tagKeys comes from the API by cost).
  const tagKey = dimension === 'tag' ? (search.tag_key ?? tagKeys?.[0]) : undefined
  const needsTagKey = dimension === 'tag' && !tagKey
  const compatible = filters.tags.length === 0 || tagCompatible(dimension, meta?.dimensions)
  const enabled = !needsTagKey && compatible
  const granularity = search.gran ?? autoGranularity(range)
  const query = toCostQuery(filters)
  const tag = tagKey ? { tag_key: tagKey } : {}
  const previousDates = compareRange(range, search.compare)
  return {
    range,
    dimension,
    tagKey,
    needsTagKey,
    compatible,
    enabled,
    granularity,
    previousDates,
    breakdown: breakdownQuery({ ...query, dimension, ...tag, top: TOP }),
    timeseries: timeseriesQuery({ ...query, granularity, group_by: dimension, ...tag, top: 6 }),
    // The comparison asks for every group it can (max_top) so each current group finds its previous value.
    previous: previousDates
      ? breakdownQuery({
          ...toCostQuery(filters, previousDates),
          dimension,
          ...tag,
          top: meta?.limits.max_top ?? 100,
        })
      : null,
  }
}

export function prefetchExplore(queryClient: QueryClient, filters: Filters, search: ExploreSearch): void {
  const plan = explorePlan(filters, search, queryClient.getQueryData(metaQuery.queryKey))
  if (!plan.enabled) return
  void queryClient.prefetchQuery(plan.breakdown)
  void queryClient.prefetchQuery(plan.timeseries)
  if (plan.previous) void queryClient.prefetchQuery(plan.previous)
}
