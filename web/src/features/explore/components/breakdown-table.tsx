import { ArrowDownRight, ArrowUpRight, ChevronRight } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { labelTitle } from '@/features/filters/lib/labels'
import type { Breakdown } from '@/lib/api/types'
import {
  formatMoney,
  formatMoneyChange,
  formatMoneyExact,
  formatNumber,
  formatPercent,
  formatShare,
} from '@/lib/format'
import { cn } from '@/lib/utils'
import { compareRows } from '../lib/compare'

/** Every group with its cost, share and line items (and the comparison), each row a drill-down. */
export function BreakdownTable({
  data,
  previous,
  compareLabel,
  dimensionLabel,
  currency,
  onDrill,
}: {
  data: Breakdown
  previous: Breakdown | null | undefined
  compareLabel: string | null
  dimensionLabel: string
  currency: string
  onDrill: (key: string) => void
}) {
  const rows = compareRows(data, previous)
  const comparing = compareLabel !== null
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[560px] text-sm" data-testid="breakdown-table">
        <caption className="sr-only">
          Cost by {dimensionLabel}
          {comparing ? `, compared with ${compareLabel}` : ''}
        </caption>
        <thead>
          <tr className="border-b text-left text-xs text-muted-foreground">
            <th scope="col" className="py-2 pr-2 font-medium">
              {dimensionLabel}
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              Cost
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              Share
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              Line items
            </th>
            {comparing ? (
              <>
                <th scope="col" className="px-2 py-2 text-right font-medium">
                  {compareLabel}
                </th>
                <th scope="col" className="px-2 py-2 text-right font-medium">
                  Change
                </th>
              </>
            ) : null}
            <th scope="col" className="py-2 pl-2 text-right font-medium">
              <span className="sr-only">Drill down</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-b last:border-0 hover:bg-muted/50">
              <th
                scope="row"
                className="max-w-72 truncate py-1.5 pr-2 text-left font-normal"
                title={labelTitle(row.label, row.key)}
              >
                {row.label}
              </th>
              <td
                className="px-2 py-1.5 text-right tabular-nums"
                title={formatMoneyExact(row.cost, currency)}
                data-value={row.cost}
              >
                {formatMoney(row.cost, currency)}
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums text-muted-foreground">
                {row.share !== null ? formatShare(row.share) : '—'}
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums text-muted-foreground">
                {formatNumber(row.lineItems)}
              </td>
              {comparing ? (
                <>
                  <td className="px-2 py-1.5 text-right tabular-nums text-muted-foreground">
                    {row.previous !== null ? formatMoney(row.previous, currency) : '—'}
                  </td>
                  <td
                    className={cn(
                      'px-2 py-1.5 text-right tabular-nums',
                      row.change !== null && row.change > 0 && 'text-destructive',
                      row.change !== null && row.change < 0 && 'text-success',
                    )}
                  >
                    {row.change === null ? (
                      '—'
                    ) : (
                      <span className="inline-flex items-center gap-1">
                        {row.change > 0 ? <ArrowUpRight aria-hidden="true" className="size-3.5" /> : null}
                        {row.change < 0 ? <ArrowDownRight aria-hidden="true" className="size-3.5" /> : null}
                        {formatMoneyChange(row.change, currency)}
                        {row.changePct !== null ? (
                          <span className="text-xs">({formatPercent(row.changePct, { signed: true })})</span>
                        ) : null}
                      </span>
                    )}
                  </td>
                </>
              ) : null}
              <td className="py-1 pl-2 text-right">
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => onDrill(row.key)}
                  aria-label={`Drill into ${dimensionLabel} ${row.label}`}
                >
                  <ChevronRight aria-hidden="true" />
                </Button>
              </td>
            </tr>
          ))}
          {data.other ? (
            <tr className="text-muted-foreground">
              <th scope="row" className="py-1.5 pr-2 text-left font-normal">
                {data.other.groups} more
              </th>
              <td className="px-2 py-1.5 text-right tabular-nums">
                {formatMoney(data.other.cost, currency)}
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">
                {data.other.share !== null ? formatShare(data.other.share) : '—'}
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">{formatNumber(data.other.line_items)}</td>
              {comparing ? <td colSpan={2} /> : null}
              <td />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  )
}
