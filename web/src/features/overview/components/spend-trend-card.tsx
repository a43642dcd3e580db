import { memo, useRef } from 'react'
import { ChartLegend } from '@/components/charts/chart-legend'
import { hasSpend, timeseriesRows } from '@/components/charts/data'
import { ChartSuspense, LazyStackedBarChart } from '@/components/charts/lazy'
import { EmptyState, ErrorState } from '@/components/states'
import { Card, CardContent, CardHeader } from '@/components/ui/card'
import { LoadingBlock } from '@/components/ui/skeleton'
import type { Timeseries } from '@/lib/api/types'
import { useRenderedMark } from '@/lib/use-rendered-mark'

const HEIGHT = 280

export const SpendTrendCard = memo(function SpendTrendCard({
  data,
  isPending,
  isFetching,
  error,
  onRetry,
  currency,
  onSelect,
  signature,
  className,
}: {
  data: Timeseries | undefined
  isPending: boolean
  isFetching: boolean
  error: unknown
  onRetry: () => void
  currency: string
  onSelect: (service: string) => void
  signature: string | null
  className?: string
}) {
  const granularity = data?.granularity === 'month' ? 'Monthly' : 'Daily'
  const chart = useRef<HTMLDivElement>(null)
  useRenderedMark('trend', signature, chart, '.recharts-bar-rectangle')
  return (
    <Card className={className} aria-labelledby="trend-title" aria-busy={isFetching}>
      <CardHeader
        id="trend-title"
        title={`${granularity} spend by service`}
        description="The top services stacked; click a service to filter by it."
      />
      <CardContent className="flex flex-col gap-3">
        {error && !data ? (
          <ErrorState
            error={error}
            onRetry={onRetry}
            title="Could not load the trend"
            className="h-[280px]"
          />
        ) : isPending || !data ? (
          <LoadingBlock label="Loading the spend trend" className="h-[280px]" />
        ) : !data.series.some((s) => hasSpend(s.values)) ? (
          <EmptyState className="h-[280px]">No spend in this range with these filters.</EmptyState>
        ) : (
          <>
            <div ref={chart}>
              <ChartSuspense height={HEIGHT}>
                <LazyStackedBarChart data={data} currency={currency} height={HEIGHT} onSelect={onSelect} />
              </ChartSuspense>
            </div>
            <ChartLegend
              series={timeseriesRows(data).series}
              currency={currency}
              onSelect={onSelect}
              filterLabel="service"
            />
          </>
        )}
      </CardContent>
    </Card>
  )
})
