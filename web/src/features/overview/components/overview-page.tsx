import { useCallback, useEffect } from 'react'
import { preloadCharts } from '@/components/charts/lazy'
import { Page } from '@/components/layout/page'
import { VIEW_LABELS } from '@/features/filters/lib/search'
import { signatureOf, useRenderedMark } from '@/lib/use-rendered-mark'
import { useOverview } from '../hooks/use-overview'
import { KpiCards } from './kpi-cards'
import { MoversCard } from './movers-card'
import { RegionsCard } from './regions-card'
import { SpendTrendCard } from './spend-trend-card'
import { TopListCard } from './top-list-card'

export function OverviewPage() {
  useEffect(preloadCharts, [])
  const {
    filters,
    meta,
    summary,
    trend,
    regions,
    services,
    operations,
    operationsAllowed,
    addValue,
    setRange,
  } = useOverview()
  const currency = meta?.currency ?? 'USD'
  useRenderedMark('summary', signatureOf(summary))
  // Stable callbacks: the memoised cards re-render only when their own data changes.
  const selectService = useCallback((service: string) => addValue('service', service), [addValue])
  const selectRegion = useCallback((region: string) => addValue('region', region), [addValue])
  const selectOperation = useCallback((operation: string) => addValue('operation', operation), [addValue])
  const retry = {
    summary: useRetry(summary.refetch),
    trend: useRetry(trend.refetch),
    regions: useRetry(regions.refetch),
    services: useRetry(services.refetch),
    operations: useRetry(operations.refetch),
  }

  return (
    <Page title="Overview" description="How much, where, and whether it is going up.">
      <KpiCards
        summary={summary.data}
        isPending={summary.isPending}
        error={summary.error}
        onRetry={retry.summary}
        currency={currency}
        viewLabel={VIEW_LABELS[filters.view]}
        onRange={setRange}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <SpendTrendCard
          className="lg:col-span-2"
          data={trend.data}
          isPending={trend.isPending}
          isFetching={trend.isFetching}
          error={trend.error}
          onRetry={retry.trend}
          currency={currency}
          onSelect={selectService}
          signature={signatureOf(trend)}
        />
        <RegionsCard
          data={regions.data}
          isPending={regions.isPending}
          isFetching={regions.isFetching}
          error={regions.error}
          onRetry={retry.regions}
          currency={currency}
          onSelect={selectRegion}
          signature={signatureOf(regions)}
        />
      </div>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <TopListCard
          id="top-services"
          title="Top services"
          filterLabel="service"
          data={services.data}
          isPending={services.isPending}
          isFetching={services.isFetching}
          error={services.error}
          onRetry={retry.services}
          currency={currency}
          onSelect={selectService}
          signature={signatureOf(services)}
        />
        <TopListCard
          id="top-operations"
          title="Top operations"
          filterLabel="operation"
          data={operations.data}
          isPending={operations.isPending}
          isFetching={operations.isFetching}
          error={operations.error}
          onRetry={retry.operations}
          currency={currency}
          onSelect={selectOperation}
          signature={signatureOf(operations)}
          unavailable={
            operationsAllowed
              ? undefined
              : 'Operations cannot be combined with a tag filter (gold keeps tags by service, account and region).'
          }
        />
        <MoversCard summary={summary.data} currency={currency} onSelect={selectService} onRange={setRange} />
      </div>
    </Page>
  )
}

function useRetry(refetch: () => Promise<unknown>): () => void {
  return useCallback(() => void refetch(), [refetch])
}
