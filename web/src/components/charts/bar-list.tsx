import { labelTitle } from '@/features/filters/lib/labels'
import { formatMoney, formatMoneyExact, formatShare } from '@/lib/format'
import { useRenderedMark } from '@/lib/use-rendered-mark'

export type BarListItem = { key: string; label: string; value: number; share: number | null }

/** A ranked list with proportional bars (plain HTML: no chart library, keyboard-operable rows). */
export function BarList({
  items,
  currency,
  onSelect,
  filterLabel,
  markName,
  signature = null,
  testId,
}: {
  items: BarListItem[]
  currency: string
  onSelect?: (key: string) => void
  filterLabel: string
  markName?: string
  signature?: string | null
  testId?: string
}) {
  useRenderedMark(markName ?? 'bar-list', markName ? signature : null)
  const max = Math.max(...items.map((i) => Math.abs(i.value)), 0)
  return (
    <ol className="flex flex-col gap-1" data-testid={testId}>
      {items.map((item) => {
        const width = max > 0 ? Math.max(1, (Math.abs(item.value) / max) * 100) : 0
        const body = (
          <>
            <span
              aria-hidden="true"
              className="absolute inset-y-0 left-0 rounded-md bg-primary/12 transition-[width] dark:bg-primary/20"
              style={{ width: `${width}%` }}
            />
            <span
              className="relative min-w-0 flex-1 truncate text-left"
              title={labelTitle(item.label, item.key)}
            >
              {item.label}
            </span>
            <span className="relative text-xs tabular-nums text-muted-foreground">
              {item.share !== null ? formatShare(item.share) : ''}
            </span>
            <span
              className="relative w-24 text-right tabular-nums"
              title={formatMoneyExact(item.value, currency)}
            >
              {formatMoney(item.value, currency)}
            </span>
          </>
        )
        return (
          <li key={item.key}>
            {onSelect ? (
              <button
                type="button"
                onClick={() => onSelect(item.key)}
                className="relative flex w-full items-center gap-3 rounded-md px-2 py-1.5 text-sm hover:bg-accent"
              >
                <span className="sr-only">Filter by {filterLabel}</span>
                {body}
              </button>
            ) : (
              <div className="relative flex items-center gap-3 rounded-md px-2 py-1.5 text-sm">{body}</div>
            )}
          </li>
        )
      })}
    </ol>
  )
}
