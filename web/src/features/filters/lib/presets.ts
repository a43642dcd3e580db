/**
 * Date presets, relative to the newest delivered usage day in the catalog, not the wall clock: AWS
 * delivers about a day late, so on current data "Yesterday" is that day, and historical data (a replayed
 * export) still gets ranges that hold data.
 */
import { addDays, addMonths, type DateRange, monthEnd, monthStart } from '@/lib/dates'

export type PresetId =
  | 'this-month'
  | 'month-to-date'
  | 'yesterday'
  | 'last-7-days'
  | 'last-month'
  | 'last-3-months'
  | 'last-6-months'
  | 'last-12-months'

export const PRESETS: { id: PresetId; label: string }[] = [
  { id: 'this-month', label: 'This month' },
  { id: 'month-to-date', label: 'Month to date' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'last-7-days', label: 'Last 7 days' },
  { id: 'last-month', label: 'Last month' },
  { id: 'last-3-months', label: 'Last 3 months' },
  { id: 'last-6-months', label: 'Last 6 months' },
  { id: 'last-12-months', label: 'Last 12 months' },
]

/** "This month" is the month of the newest data; "Month to date" stops at its newest day; "Yesterday" is
 * that day and "Last 7 days" the week ending with it; "last N months" are the N calendar months that end
 * with it. */
export function presetRange(id: PresetId, latest: string): DateRange {
  const end = monthEnd(latest)
  switch (id) {
    case 'this-month':
      return { start: monthStart(latest), end }
    case 'month-to-date':
      return { start: monthStart(latest), end: latest }
    case 'yesterday':
      return { start: latest, end: latest }
    case 'last-7-days':
      return { start: addDays(latest, -6), end: latest }
    case 'last-month': {
      const start = addMonths(latest, -1)
      return { start, end: monthEnd(start) }
    }
    case 'last-3-months':
      return { start: addMonths(latest, -2), end }
    case 'last-6-months':
      return { start: addMonths(latest, -5), end }
    case 'last-12-months':
      return { start: addMonths(latest, -11), end }
  }
}

export function matchPreset(range: DateRange, latest: string | null | undefined): PresetId | null {
  if (!latest) return null
  for (const { id } of PRESETS) {
    const candidate = presetRange(id, latest)
    if (candidate.start === range.start && candidate.end === range.end) return id
  }
  return null
}
