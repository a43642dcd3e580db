import { ArrowDownRight, ArrowUpRight } from 'lucide-react'
import { memo } from 'react'
import { EmptyState } from '@/components/states'
import { Card, CardContent, CardHeader } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { labelTitle } from '@/features/filters/lib/labels'
import type { Summary } from '@/lib/api/types'
import { formatMoney, formatMoneyChange, formatPercent } from '@/lib/format'
import { cn } from '@/lib/utils'
import { ComparableOffer, type RangeChoice } from './comparable-offer'

/** The services whose spend moved most against the previous period. */
export const MoversCard = memo(function MoversCard({
  summary,
  currency,
  onSelect,
  onRange,
}: {
  summary: Summary | undefined
  currency: string
  onSelect: (service: string) => void
  onRange: (range: RangeChoice) => void
}) {
  return (
    <Card aria-labelledby="movers-title">
      <CardHeader
        id="movers-title"
        title="Top movers"
        description={summary ? 'Services, against the previous period' : undefined}
      />
      <CardContent>
        {!summary ? (
          <div className="flex flex-col gap-2" role="status" aria-label="Loading top movers">
            {Array.from({ length: 5 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
              <Skeleton key={i} className="h-9 w-full" />
            ))}
          </div>
        ) : !(summary.range.covered && summary.previous_range.covered) ? (
          <EmptyState title="Nothing to compare with">
            {summary.range.covered
              ? 'The previous period has no loaded billing data.'
              : 'This range has no loaded billing data.'}
            <ComparableOffer summary={summary} onRange={onRange} />
          </EmptyState>
        ) : summary.top_movers.length === 0 ? (
          <EmptyState title="Nothing moved">No service changed against the previous period.</EmptyState>
        ) : (
          <ol className="flex flex-col gap-1" data-testid="movers">
            {summary.top_movers.map((m) => {
              const up = m.change > 0
              const Icon = up ? ArrowUpRight : ArrowDownRight
              return (
                <li key={m.key}>
                  <button
                    type="button"
                    onClick={() => onSelect(m.key)}
                    className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-accent"
                  >
                    <span className="sr-only">Filter by service</span>
                    <Icon
                      aria-hidden="true"
                      className={cn('size-4 shrink-0', up ? 'text-destructive' : 'text-success')}
                    />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate" title={labelTitle(m.label, m.key)}>
                        {m.label}
                      </span>
                      <span className="block text-xs text-muted-foreground">
                        {formatMoney(m.previous, currency)} → {formatMoney(m.current, currency)}
                      </span>
                    </span>
                    <span className="text-right">
                      <span className={cn('block tabular-nums', up ? 'text-destructive' : 'text-success')}>
                        {formatMoneyChange(m.change, currency)}
                      </span>
                      <span className="block text-xs tabular-nums text-muted-foreground">
                        {m.change_pct !== null ? formatPercent(m.change_pct, { signed: true }) : 'new'}
                      </span>
                    </span>
                  </button>
                </li>
              )
            })}
          </ol>
        )}
      </CardContent>
    </Card>
  )
})
