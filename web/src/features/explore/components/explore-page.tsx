import { useMemo } from 'react'
import { ChartLegend } from '@/components/charts/chart-legend'
import { hasSpend, OTHER_COLOR, seriesColor, timeseriesRows } from '@/components/charts/data'
import type { RankedBar } from '@/components/charts/horizontal-bar-chart'
import { ChartSuspense, LazyHorizontalBarChart, LazyStackedBarChart } from '@/components/charts/lazy'
import { Page } from '@/components/layout/page'
import { EmptyState, ErrorState } from '@/components/states'
import { Card, CardContent, CardHeader } from '@/components/ui/card'
import { LoadingBlock } from '@/components/ui/skeleton'
import { dimensionLabel } from '@/features/filters/lib/dimensions'
import type { Breakdown } from '@/lib/api/types'
import { formatMoney, formatMoneyChange, formatPercent, formatRange } from '@/lib/format'
import { useExplore } from '../hooks/use-explore'
import { compareRows } from '../lib/compare'
import { BreakdownTable } from './breakdown-table'
import { ExploreControls } from './explore-controls'

function rankedBars(data: Breakdown, previous: Breakdown | null | undefined): RankedBar[] {
  const rows = compareRows(data, previous)
  const bars: RankedBar[] = rows.map((row, i) => ({
    id: `b${i}`,
    key: row.key,
    label: row.label,
    value: row.cost,
    previous: row.previous ?? undefined,
    color: seriesColor(i),
  }))
  if (data.other && data.other.cost !== 0) {
    bars.push({
      id: 'other',
      key: null,
      label: `Other (${data.other.groups})`,
      value: data.other.cost,
      color: OTHER_COLOR,
    })
  }
  return bars
}

export function ExplorePage() {
  const x = useExplore()
  const currency = x.meta?.currency ?? 'USD'
  const label = dimensionLabel(x.dimension, x.meta?.dimensions)
  const groupLabel = x.dimension === 'tag' && x.tagKey ? `Tag ${x.tagKey}` : label
  const compareLabel = x.previousDates ? formatRange(x.previousDates.start, x.previousDates.end) : null
  const { breakdown, timeseries, previous } = x
  // Missing is not zero: compare only where loaded billing periods cover both ranges.
  const comparable =
    previous?.data?.range.covered && breakdown.data?.range.covered ? previous.data : undefined
  const missing = Boolean(previous?.data) && !comparable
  const bars = useMemo(
    () => (breakdown.data ? rankedBars(breakdown.data, comparable) : []),
    [breakdown.data, comparable],
  )
  const unavailable = x.needsTagKey
    ? x.tagKeysPending
      ? 'Loading the tag keys…'
      : 'No tagged spend in the range to group by.'
    : !x.compatible
      ? `${label} cannot be combined with a tag filter: choose another grouping or remove the tag filter.`
      : null

  return (
    <Page title="Explore" description="Break spend down by any dimension; click a bar to drill into it.">
      <Card>
        <CardContent className="pt-4">
          <ExploreControls
            meta={x.meta}
            dimension={x.dimension}
            tagKey={x.tagKey}
            tagKeys={x.tagKeys}
            tagFiltered={x.filters.tags.length > 0}
            granularity={x.granularity}
            explicitGranularity={x.search.gran !== undefined}
            compare={x.search.compare}
            onChange={x.setSearch}
          />
        </CardContent>
      </Card>

      {unavailable ? (
        <EmptyState title="Not available">{unavailable}</EmptyState>
      ) : (
        <>
          <div className="grid gap-4 xl:grid-cols-5">
            <Card
              className="xl:col-span-2"
              aria-labelledby="breakdown-title"
              aria-busy={breakdown.isFetching}
            >
              <CardHeader
                id="breakdown-title"
                title={`Spend by ${groupLabel.toLowerCase()}`}
                description={
                  breakdown.data ? (
                    <TotalLine
                      data={breakdown.data}
                      previous={comparable}
                      missing={missing}
                      compareLabel={compareLabel}
                      currency={currency}
                    />
                  ) : undefined
                }
              />
              <CardContent>
                {breakdown.error && !breakdown.data ? (
                  <ErrorState error={breakdown.error} onRetry={() => void breakdown.refetch()} />
                ) : breakdown.isPending || !breakdown.data ? (
                  <LoadingBlock label="Loading the breakdown" className="h-[320px]" />
                ) : breakdown.data.items.length === 0 ? (
                  <EmptyState>No spend in this range with these filters.</EmptyState>
                ) : (
                  <ChartSuspense height={200}>
                    <LazyHorizontalBarChart
                      bars={bars}
                      currency={currency}
                      compareLabel={compareLabel ?? undefined}
                      onSelect={x.drill}
                    />
                  </ChartSuspense>
                )}
              </CardContent>
            </Card>
            <Card
              className="xl:col-span-3"
              aria-labelledby="explore-trend-title"
              aria-busy={timeseries.isFetching}
            >
              <CardHeader
                id="explore-trend-title"
                title={`${x.granularity === 'day' ? 'Daily' : 'Monthly'} spend by ${groupLabel.toLowerCase()}`}
                description="The top groups stacked; click a segment to drill into it."
              />
              <CardContent className="flex flex-col gap-3">
                {timeseries.error && !timeseries.data ? (
                  <ErrorState error={timeseries.error} onRetry={() => void timeseries.refetch()} />
                ) : timeseries.isPending || !timeseries.data ? (
                  <LoadingBlock label="Loading the trend" className="h-[300px]" />
                ) : !timeseries.data.series.some((s) => hasSpend(s.values)) ? (
                  <EmptyState className="h-[300px]">No spend in this range with these filters.</EmptyState>
                ) : (
                  <>
                    <ChartSuspense height={300}>
                      <LazyStackedBarChart
                        data={timeseries.data}
                        currency={currency}
                        height={300}
                        onSelect={x.drill}
                      />
                    </ChartSuspense>
                    <ChartLegend
                      series={timeseriesRows(timeseries.data).series}
                      currency={currency}
                      onSelect={x.drill}
                      filterLabel={groupLabel.toLowerCase()}
                    />
                  </>
                )}
              </CardContent>
            </Card>
          </div>
          <Card aria-labelledby="groups-title">
            <CardHeader
              id="groups-title"
              title={`${groupLabel}: every group`}
              description={
                compareLabel ? `Compared with ${compareLabel}` : 'Drill into a group with the arrow.'
              }
            />
            <CardContent>
              {previous?.error ? (
                <ErrorState
                  error={previous.error}
                  onRetry={() => void previous.refetch()}
                  title="Could not load the comparison"
                  className="mb-3"
                />
              ) : null}
              {breakdown.data && breakdown.data.items.length > 0 ? (
                <BreakdownTable
                  data={breakdown.data}
                  previous={comparable}
                  compareLabel={compareLabel}
                  dimensionLabel={groupLabel}
                  currency={currency}
                  onDrill={x.drill}
                />
              ) : breakdown.isPending ? (
                <LoadingBlock label="Loading groups" className="h-40" />
              ) : (
                <EmptyState>No groups to show.</EmptyState>
              )}
            </CardContent>
          </Card>
        </>
      )}
    </Page>
  )
}

function TotalLine({
  data,
  previous,
  missing,
  compareLabel,
  currency,
}: {
  data: Breakdown
  previous: Breakdown | undefined
  missing: boolean
  compareLabel: string | null
  currency: string
}) {
  const total = (
    <span data-testid="explore-total" data-value={data.total}>
      {formatMoney(data.total, currency)}
    </span>
  )
  if (!compareLabel || !previous)
    return (
      <>
        {total} across {data.groups} groups
        {missing && compareLabel ? (
          <span data-testid="compare-missing">
            {' '}
            · no billing data loaded for {data.range.covered ? compareLabel : 'this range'}: nothing to
            compare
          </span>
        ) : null}
      </>
    )
  const change = data.total - previous.total
  return (
    <>
      {total} vs {formatMoney(previous.total, currency)} ({formatMoneyChange(change, currency)}
      {previous.total ? `, ${formatPercent(change / Math.abs(previous.total), { signed: true })}` : ''})
    </>
  )
}
