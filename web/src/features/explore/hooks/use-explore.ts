import { useQuery } from '@tanstack/react-query'
import { useNavigate, useSearch } from '@tanstack/react-router'
import { useCallback } from 'react'
import { useTagKeys } from '@/features/filters/api/tag-keys'
import { useFilters, useUpdateSearch } from '@/features/filters/hooks/use-filters'
import { searchFromFilters } from '@/features/filters/lib/search'
import { useMeta } from '@/features/meta/api/use-meta'
import { markInteraction } from '@/lib/perf'
import { explorePlan } from '../api/explore-queries'
import { drillFilters, nextDimension } from '../lib/drill'
import { validateExploreSearch } from '../lib/search'

export function useExplore() {
  const raw = useSearch({ strict: false }) as Record<string, unknown>
  const search = validateExploreSearch(raw)
  const { filters, setFilters } = useFilters()
  const updateSearch = useUpdateSearch()
  const { data: meta } = useMeta()
  const tagKeys = useTagKeys(filters, { enabled: search.dim === 'tag' })
  const plan = explorePlan(filters, search, meta, tagKeys.data ? tagKeys.keys.map((k) => k.key) : undefined)
  const { dimension, tagKey, enabled } = plan

  const breakdown = useQuery({ ...plan.breakdown, enabled })
  const timeseries = useQuery({ ...plan.timeseries, enabled })
  const previous = useQuery({
    ...(plan.previous ?? plan.breakdown),
    enabled: enabled && plan.previous !== null,
  })

  const setSearch = useCallback(
    (patch: Record<string, unknown>) => {
      markInteraction()
      updateSearch((prev) => ({ ...prev, ...patch }))
    },
    [updateSearch],
  )

  const navigate = useNavigate()
  /** Drill-down: the clicked group becomes a filter and the breakdown moves one level down; a resource,
   * the finest grain, opens its line items in the audit log. */
  const drill = useCallback(
    (key: string) => {
      const after = drillFilters(filters, dimension, key, tagKey)
      if (dimension === 'resource') {
        markInteraction()
        void navigate({ to: '/audit-log', search: { ...searchFromFilters(after) } as never })
        return
      }
      const next = nextDimension(dimension, after, meta?.dimensions)
      setFilters(() => after, { dim: next === 'service' ? undefined : next, tag_key: undefined })
    },
    [filters, dimension, tagKey, meta?.dimensions, setFilters, navigate],
  )

  return {
    meta,
    filters,
    range: plan.range,
    search,
    dimension,
    tagKey,
    needsTagKey: plan.needsTagKey,
    tagKeys: tagKeys.keys,
    tagKeysPending: search.dim === 'tag' && tagKeys.isPending,
    compatible: plan.compatible,
    granularity: plan.granularity,
    breakdown,
    timeseries,
    previous: plan.previous ? previous : null,
    previousDates: plan.previousDates,
    setSearch,
    drill,
  }
}
