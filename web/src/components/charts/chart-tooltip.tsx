import { formatMoneyExact } from '@/lib/format'

type Entry = { name?: unknown; value?: unknown; color?: string; dataKey?: unknown }

/** A tooltip that lists the hovered values, biggest first, with every digit and the bucket's total. */
export function MoneyTooltip({
  active,
  payload,
  label,
  currency,
  formatLabel,
  showTotal = false,
}: {
  active?: boolean
  payload?: readonly Entry[]
  label?: unknown
  currency: string
  formatLabel?: (label: string) => string
  showTotal?: boolean
}) {
  if (!active || !payload?.length) return null
  const entries = [...payload]
    .filter((p) => typeof p.value === 'number' && p.value !== 0)
    .sort((a, b) => Number(b.value) - Number(a.value))
  const total = entries.reduce((sum, p) => sum + Number(p.value), 0)
  return (
    <div className="min-w-44 max-w-80 rounded-lg border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-lg">
      {label !== undefined && label !== null && label !== '' ? (
        <p className="mb-1 font-medium">{formatLabel ? formatLabel(String(label)) : String(label)}</p>
      ) : null}
      <ul className="flex flex-col gap-0.5">
        {entries.map((p) => (
          <li key={String(p.dataKey ?? p.name)} className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="size-2 shrink-0 rounded-[2px]"
              style={{ background: p.color }}
            />
            <span className="min-w-0 flex-1 truncate text-muted-foreground">{String(p.name)}</span>
            <span className="tabular-nums">{formatMoneyExact(Number(p.value), currency)}</span>
          </li>
        ))}
      </ul>
      {showTotal && entries.length > 1 ? (
        <p className="mt-1 flex justify-between border-t pt-1 font-medium">
          <span>Total</span>
          <span className="tabular-nums">{formatMoneyExact(total, currency)}</span>
        </p>
      ) : null}
    </div>
  )
}
