import { Database } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover'
import { Skeleton } from '@/components/ui/skeleton'
import { formatDateTime, formatDay, formatMonth, formatNumber } from '@/lib/format'
import { useMeta } from '../api/use-meta'

/** "Data as of" the newest usage day, with each billing period's freshness one click away. */
export function FreshnessIndicator() {
  const { data: meta, isPending, isError } = useMeta()
  if (isPending) return <Skeleton className="h-8 w-36" />
  if (isError || !meta) return null
  const latest = meta.latest_usage_date
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="ghost" size="sm" data-testid="freshness" title="Data freshness per billing period">
          <Database aria-hidden="true" />
          <span className="text-muted-foreground">Data as of</span>
          <span className="font-semibold">{latest ? formatDay(latest) : '—'}</span>
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-[min(36rem,calc(100vw-16px))] p-0" aria-label="Data freshness">
        <div className="border-b px-4 py-3">
          <h2 className="text-sm font-semibold">Data freshness</h2>
          <p className="text-xs text-muted-foreground">
            Newest usage per billing period, and when its gold tables were last built
            {meta.materialized_at ? ` (latest build ${formatDateTime(meta.materialized_at)})` : ''}.
          </p>
        </div>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
        <section className="max-h-80 overflow-auto" tabIndex={0} aria-label="Billing periods">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">Freshness per billing period</caption>
            <thead className="sticky top-0 bg-popover text-muted-foreground">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Period
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  Data as of
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  Built
                </th>
                <th scope="col" className="px-2 py-2 text-right font-medium">
                  Line items
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Source
                </th>
              </tr>
            </thead>
            <tbody>
              {[...meta.periods].reverse().map((p) => (
                <tr key={p.billing_period} className="border-t">
                  <th scope="row" className="px-4 py-2 font-medium whitespace-nowrap">
                    {formatMonth(p.billing_period)}
                  </th>
                  <td className="px-2 py-2 whitespace-nowrap">
                    {p.last_usage_date ? formatDay(p.last_usage_date) : '—'}
                  </td>
                  <td className="px-2 py-2 whitespace-nowrap">
                    {p.materialized_at ? formatDateTime(p.materialized_at) : '—'}
                  </td>
                  <td className="px-2 py-2 text-right tabular-nums">{formatNumber(p.line_items)}</td>
                  <td className="px-4 py-2 text-muted-foreground">
                    {p.providers.join(', ')} · {p.source_formats.join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </PopoverContent>
    </Popover>
  )
}
