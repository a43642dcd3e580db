import { CalendarDays, ChevronDown } from 'lucide-react'
import { type FormEvent, useId, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover'
import { useMeta } from '@/features/meta/api/use-meta'
import { type DateRange, isIsoDay } from '@/lib/dates'
import { formatRange } from '@/lib/format'
import { cn } from '@/lib/utils'
import { useEffectiveRange, useFilters } from '../hooks/use-filters'
import { matchPreset, PRESETS, presetRange } from '../lib/presets'

/** Date range with presets relative to the newest data, and a custom range (native date inputs). */
export function DateRangePicker() {
  const { filters, setRange } = useFilters()
  const { data: meta } = useMeta()
  const range = useEffectiveRange(filters)
  const latest = meta?.latest_usage_date ?? null
  const current = range ? matchPreset(range, latest) : null
  const [open, setOpen] = useState(false)

  const label = range ? formatRange(range.start, range.end) : 'Latest month'
  const presetLabel = current ? PRESETS.find((p) => p.id === current)?.label : null

  const choose = (next: DateRange) => {
    setRange(next)
    setOpen(false)
  }

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm" data-testid="date-range">
          <CalendarDays aria-hidden="true" />
          <span className="sr-only">Date range:</span>
          {presetLabel ? (
            <span className="hidden text-muted-foreground sm:inline">{presetLabel} ·</span>
          ) : null}
          <span>{label}</span>
          <ChevronDown aria-hidden="true" className="opacity-60" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-72 p-3" aria-label="Date range">
        <div className="flex flex-col gap-3">
          <div>
            <p className="mb-1.5 text-xs font-medium text-muted-foreground" id="presets-label">
              {latest ? `Relative to the newest data (${latest})` : 'Presets'}
            </p>
            <ul aria-labelledby="presets-label" className="grid grid-cols-2 gap-1.5">
              {PRESETS.map((preset) => (
                <li key={preset.id}>
                  <Button
                    variant={preset.id === current ? 'default' : 'outline'}
                    size="sm"
                    className="w-full"
                    disabled={!latest}
                    aria-pressed={preset.id === current}
                    onClick={() => latest && choose(presetRange(preset.id, latest))}
                  >
                    {preset.label}
                  </Button>
                </li>
              ))}
            </ul>
          </div>
          <CustomRange initial={range} onApply={choose} />
        </div>
      </PopoverContent>
    </Popover>
  )
}

/** Any range (it may start before the data: the API answers zeros there). */
function CustomRange({
  initial,
  onApply,
}: {
  initial: DateRange | null
  onApply: (range: DateRange) => void
}) {
  const id = useId()
  const [start, setStart] = useState(initial?.start ?? '')
  const [end, setEnd] = useState(initial?.end ?? '')
  const valid = isIsoDay(start) && isIsoDay(end) && start <= end
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (valid) onApply({ start, end })
  }
  const input =
    'h-8 w-full rounded-md border border-input bg-background px-2 text-sm text-foreground [color-scheme:inherit]'
  return (
    <form onSubmit={submit} className="flex flex-col gap-2 border-t pt-3" aria-label="Custom range">
      <div className="grid grid-cols-2 gap-2">
        <label htmlFor={`${id}-start`} className="text-xs font-medium text-muted-foreground">
          From
          <input
            id={`${id}-start`}
            type="date"
            value={start}
            max={end || undefined}
            onChange={(e) => setStart(e.target.value)}
            className={cn(input, 'mt-1')}
          />
        </label>
        <label htmlFor={`${id}-end`} className="text-xs font-medium text-muted-foreground">
          To
          <input
            id={`${id}-end`}
            type="date"
            value={end}
            min={start || undefined}
            onChange={(e) => setEnd(e.target.value)}
            className={cn(input, 'mt-1')}
          />
        </label>
      </div>
      <Button type="submit" size="sm" disabled={!valid}>
        Apply range
      </Button>
    </form>
  )
}
