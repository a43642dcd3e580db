import { useEffect } from 'react'
import { useFilters } from '@/features/filters/hooks/use-filters'
import { useMeta } from '@/features/meta/api/use-meta'
import { expectCharts } from '@/lib/perf'
import { useOverviewQueries } from '../api/overview-queries'

export const OVERVIEW_CHARTS = ['summary', 'trend', 'regions', 'top-services', 'top-operations']

/** Everything the overview shows, fetched in parallel from the filters in the URL. */
export function useOverview() {
  const { filters, addValue, setRange } = useFilters()
  const { data: meta } = useMeta()
  const queries = useOverviewQueries(filters, meta)
  const allowed = queries.operationsAllowed

  useEffect(() => expectCharts(allowed ? OVERVIEW_CHARTS : OVERVIEW_CHARTS.slice(0, -1)), [allowed])

  return { filters, meta, ...queries, addValue, setRange }
}
