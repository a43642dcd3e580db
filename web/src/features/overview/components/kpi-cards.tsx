import { ArrowDownRight, ArrowUpRight, Minus } from 'lucide-react'
import type { ReactNode } from 'react'
import { memo } from 'react'
import { ErrorState } from '@/components/states'
import { Card } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import type { Summary } from '@/lib/api/types'
import {
  formatMoney,
  formatMoneyChange,
  formatMoneyExact,
  formatMonth,
  formatNumber,
  formatPercent,
  formatRange,
} from '@/lib/format'
import { cn } from '@/lib/utils'
import { ComparableOffer, type RangeChoice } from './comparable-offer'

type Props = {
  summary: Summary | undefined
  isPending: boolean
  error: unknown
  onRetry: () => void
  currency: string
  viewLabel: string
  onRange: (range: RangeChoice) => void
}

function Kpi({
  label,
  value,
  exact,
  testId,
  raw,
  children,
}: {
  label: string
  value: ReactNode
  exact?: string
  testId: string
  raw?: number
  children?: ReactNode
}) {
  return (
    <Card className="flex flex-col gap-1 px-4 py-3.5">
      <h2 className="text-xs font-medium text-muted-foreground">{label}</h2>
      <p
        className="truncate text-xl font-semibold tracking-tight tabular-nums sm:text-2xl"
        data-testid={testId}
        data-value={raw}
        title={exact}
      >
        {value}
      </p>
      {children ? <div className="text-xs text-muted-foreground">{children}</div> : null}
    </Card>
  )
}

const FORECAST_METHOD =
  'Month-to-date through the last delivered day, plus the average of the last 7 complete days for each remaining day of the month'

/** Total, change vs the previous range, the month the range ends in (closed: its total; open: month to
 * date and a forecast), and what was active in the range. */
export const KpiCards = memo(function KpiCards({
  summary,
  isPending,
  error,
  onRetry,
  currency,
  viewLabel,
  onRange,
}: Props) {
  if (error && !summary) {
    return <ErrorState error={error} onRetry={onRetry} title="Could not load the summary" />
  }
  if (isPending || !summary) {
    return (
      <div
        className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6"
        role="status"
        aria-label="Loading the summary"
      >
        {Array.from({ length: 6 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Card key={i} className="flex flex-col gap-2 px-4 py-3.5">
            <Skeleton className="h-3 w-20" />
            <Skeleton className="h-7 w-28" />
            <Skeleton className="h-3 w-24" />
          </Card>
        ))}
      </div>
    )
  }
  const { total, change, change_pct: pct, previous_range: prev, month_to_date: mtd, active } = summary
  const Trend = change > 0 ? ArrowUpRight : change < 0 ? ArrowDownRight : Minus
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" data-testid="kpis">
      <Kpi
        label={`Total spend · ${viewLabel}`}
        value={formatMoney(total, currency)}
        exact={formatMoneyExact(total, currency)}
        raw={total}
        testId="kpi-total"
      >
        {formatRange(summary.range.start, summary.range.end)}
      </Kpi>
      {!(summary.range.covered && prev.covered) ? (
        <Kpi label="Change vs previous period" value="—" testId="kpi-change">
          {/* Missing is not zero: a range without loaded billing data has no spend to compare with. */}
          No billing data loaded for{' '}
          {formatRange(
            summary.range.covered ? prev.start : summary.range.start,
            summary.range.covered ? prev.end : summary.range.end,
          )}
          <br />
          <ComparableOffer summary={summary} onRange={onRange} />
        </Kpi>
      ) : (
        <Kpi
          label="Change vs previous period"
          value={
            <span
              className={cn(
                'inline-flex items-center gap-1',
                change > 0 ? 'text-destructive' : change < 0 ? 'text-success' : '',
              )}
            >
              <Trend aria-hidden="true" className="size-5" />
              {formatMoneyChange(change, currency)}
            </span>
          }
          exact={formatMoneyExact(change, currency)}
          raw={change}
          testId="kpi-change"
        >
          {pct === null ? 'No spend in ' : `${formatPercent(pct, { signed: true })} vs `}
          {formatRange(prev.start, prev.end)}
          {pct !== null ? ` (${formatMoney(summary.previous_total, currency)})` : null}
        </Kpi>
      )}
      {mtd ? (
        <Kpi
          label={`${mtd.complete ? 'Month total' : 'Month-end forecast'} · ${formatMonth(mtd.month)}`}
          value={formatMoney(mtd.forecast, currency)}
          exact={formatMoneyExact(mtd.forecast, currency)}
          raw={mtd.forecast}
          testId="kpi-forecast"
        >
          {mtd.complete ? (
            `Whole month: ${mtd.days_in_month} of ${mtd.days_in_month} days`
          ) : (
            <span title={FORECAST_METHOD}>
              {formatMoney(mtd.cost, currency)} in {mtd.days_elapsed} of {mtd.days_in_month} days · run rate
            </span>
          )}
        </Kpi>
      ) : (
        <Kpi label={`Month · ${formatMonth(summary.range.end.slice(0, 7))}`} value="—" testId="kpi-forecast">
          No billing data for this month
        </Kpi>
      )}
      <Kpi
        label="Active accounts"
        value={formatNumber(active.accounts)}
        raw={active.accounts}
        testId="kpi-accounts"
      >
        with spend in the range
      </Kpi>
      <Kpi
        label="Active services"
        value={formatNumber(active.services)}
        raw={active.services}
        testId="kpi-services"
      >
        with spend in the range
      </Kpi>
      <Kpi
        label="Active regions"
        value={formatNumber(active.regions)}
        raw={active.regions}
        testId="kpi-regions"
      >
        with spend in the range
      </Kpi>
    </div>
  )
})
