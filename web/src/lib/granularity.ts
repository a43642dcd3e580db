import { type DateRange, daysBetween } from './dates'

/** Days up to about a quarter, months beyond (a year of daily bars is unreadable on a laptop). */
export function autoGranularity(range: DateRange | null): 'day' | 'month' {
  return range && daysBetween(range) > 93 ? 'month' : 'day'
}
