import { labelTitle } from '@/features/filters/lib/labels'
import { formatMoney } from '@/lib/format'
import type { StackSeries } from './data'

/** The chart's legend as buttons: a keyboard path to the same drill-down as a click on the chart. */
export function ChartLegend({
  series,
  currency,
  onSelect,
  filterLabel,
}: {
  series: StackSeries[]
  currency: string
  onSelect?: (key: string) => void
  filterLabel: string
}) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label="Legend">
      {series.map((s) => {
        const content = (
          <>
            <span
              aria-hidden="true"
              className="size-2.5 shrink-0 rounded-[3px]"
              style={{ background: s.color }}
            />
            <span className="max-w-56 truncate" title={labelTitle(s.label, s.key)}>
              {s.label}
            </span>
            <span className="tabular-nums text-muted-foreground">{formatMoney(s.total, currency)}</span>
          </>
        )
        return (
          <li key={s.id}>
            {onSelect && s.key !== null && !s.isOther ? (
              <button
                type="button"
                onClick={() => onSelect(s.key as string)}
                className="flex items-center gap-1.5 rounded px-1 py-0.5 hover:bg-accent"
              >
                <span className="sr-only">Filter by {filterLabel}</span>
                {content}
              </button>
            ) : (
              <span className="flex items-center gap-1.5 px-1 py-0.5">{content}</span>
            )}
          </li>
        )
      })}
    </ul>
  )
}
