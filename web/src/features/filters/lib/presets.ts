/** Date presets, relative to the newest usage day in the catalog (demo data is historical). */
import { addMonths, type DateRange, monthEnd, monthStart } from '@/lib/dates'

export type PresetId = 'this-month' | 'last-month' | 'last-3-months' | 'last-6-months' | 'last-12-months'

export const PRESETS: { id: PresetId; label: string }[] = [
  { id: 'this-month', label: 'This month' },
  { id: 'last-month', label: 'Last month' },
  { id: 'last-3-months', label: 'Last 3 months' },
  { id: 'last-6-months', label: 'Last 6 months' },
  { id: 'last-12-months', label: 'Last 12 months' },
]

/** "This month" is the month of the newest data; "last N months" are the N calendar months that end with it. */
export function presetRange(id: PresetId, latest: string): DateRange {
  const end = monthEnd(latest)
  switch (id) {
    case 'this-month':
      return { start: monthStart(latest), end }
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
