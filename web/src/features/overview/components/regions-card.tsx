import { memo, useMemo, useRef } from 'react'
import { OTHER_COLOR, seriesColor } from '@/components/charts/data'
import type { DonutSlice } from '@/components/charts/donut-chart'
import { ChartSuspense, LazyDonutChart } from '@/components/charts/lazy'
import { EmptyState, ErrorState } from '@/components/states'
import { Card, CardContent, CardHeader } from '@/components/ui/card'
import { LoadingBlock } from '@/components/ui/skeleton'
import type { Breakdown } from '@/lib/api/types'
import { formatMoney, formatShare } from '@/lib/format'
import { useRenderedMark } from '@/lib/use-rendered-mark'

export function breakdownSlices(data: Breakdown): DonutSlice[] {
  const slices: DonutSlice[] = data.items.map((item, i) => ({
    id: `r${i}`,
    key: item.key,
    label: item.label,
    value: item.cost,
    color: seriesColor(i),
  }))
  if (data.other && data.other.cost !== 0) {
    slices.push({
      id: 'other',
      key: null,
      label: `Other (${data.other.groups})`,
      value: data.other.cost,
      color: OTHER_COLOR,
    })
  }
  return slices
}

export const RegionsCard = memo(function RegionsCard({
  data,
  isPending,
  isFetching,
  error,
  onRetry,
  currency,
  onSelect,
  signature,
}: {
  data: Breakdown | undefined
  isPending: boolean
  isFetching: boolean
  error: unknown
  onRetry: () => void
  currency: string
  onSelect: (region: string) => void
  signature: string | null
}) {
  const slices = useMemo(() => (data ? breakdownSlices(data) : []), [data])
  const chart = useRef<HTMLDivElement>(null)
  useRenderedMark('regions', signature, chart, '.recharts-sector')
  return (
    <Card aria-labelledby="regions-title" aria-busy={isFetching}>
      <CardHeader id="regions-title" title="Spend by region" description="Click a region to filter by it." />
      <CardContent>
        {error && !data ? (
          <ErrorState error={error} onRetry={onRetry} title="Could not load regions" className="h-[220px]" />
        ) : isPending || !data ? (
          <LoadingBlock label="Loading regions" className="h-[220px]" />
        ) : data.total === 0 && data.items.length === 0 ? (
          <EmptyState className="h-[220px]">No regional spend in this range.</EmptyState>
        ) : (
          <div className="flex flex-col gap-3">
            <div ref={chart}>
              <ChartSuspense height={200}>
                <LazyDonutChart slices={slices} currency={currency} height={200} onSelect={onSelect} />
              </ChartSuspense>
            </div>
            <ul className="flex flex-col gap-0.5 text-xs" aria-label="Regions">
              {slices.map((s) => {
                const share = data.total ? s.value / data.total : null
                const body = (
                  <>
                    <span
                      aria-hidden="true"
                      className="size-2.5 shrink-0 rounded-[3px]"
                      style={{ background: s.color }}
                    />
                    <span className="min-w-0 flex-1 truncate text-left">{s.label}</span>
                    <span className="tabular-nums text-muted-foreground">
                      {share !== null ? formatShare(share) : ''}
                    </span>
                    <span className="w-20 text-right tabular-nums">{formatMoney(s.value, currency)}</span>
                  </>
                )
                return (
                  <li key={s.id}>
                    {s.key !== null ? (
                      <button
                        type="button"
                        onClick={() => onSelect(s.key as string)}
                        className="flex w-full items-center gap-2 rounded px-1.5 py-1 hover:bg-accent"
                      >
                        <span className="sr-only">Filter by region</span>
                        {body}
                      </button>
                    ) : (
                      <div className="flex items-center gap-2 px-1.5 py-1">{body}</div>
                    )}
                  </li>
                )
              })}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  )
})
