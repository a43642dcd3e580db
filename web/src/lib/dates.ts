/** Calendar arithmetic on ISO days (YYYY-MM-DD), in UTC: usage dates are UTC days. */

export type DateRange = { start: string; end: string }

function parse(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`)
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10)
}

export function isIsoDay(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parse(value).getTime()) && iso(parse(value)) === value
  )
}

export function addDays(day: string, days: number): string {
  const d = parse(day)
  d.setUTCDate(d.getUTCDate() + days)
  return iso(d)
}

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`
}

export function monthEnd(day: string): string {
  const d = parse(monthStart(day))
  d.setUTCMonth(d.getUTCMonth() + 1)
  d.setUTCDate(0)
  return iso(d)
}

/** The first day of the month `months` months after `day`'s month (negative: before). */
export function addMonths(day: string, months: number): string {
  const d = parse(monthStart(day))
  d.setUTCMonth(d.getUTCMonth() + months)
  return iso(d)
}

export function daysBetween(range: DateRange): number {
  return Math.round((parse(range.end).getTime() - parse(range.start).getTime()) / 86_400_000) + 1
}

export function isWholeMonths(range: DateRange): boolean {
  return range.start === monthStart(range.start) && range.end === monthEnd(range.end)
}

/** The range the API compares with (api/queries/summary.py previous_range): whole calendar months
 * compare with as many months just before; any other range with the same number of days just before. */
export function previousRange(range: DateRange): DateRange {
  if (isWholeMonths(range)) {
    const months =
      (Number(range.end.slice(0, 4)) - Number(range.start.slice(0, 4))) * 12 +
      Number(range.end.slice(5, 7)) -
      Number(range.start.slice(5, 7)) +
      1
    return { start: addMonths(range.start, -months), end: addDays(range.start, -1) }
  }
  const days = daysBetween(range)
  return { start: addDays(range.start, -days), end: addDays(range.start, -1) }
}

/** The same days one year earlier (Feb 29 falls back to Feb 28). */
export function yearEarlier(range: DateRange): DateRange {
  const shift = (day: string) => {
    const year = Number(day.slice(0, 4)) - 1
    const candidate = `${year}${day.slice(4)}`
    return isIsoDay(candidate) ? candidate : `${year}${day.slice(4, 8)}28`
  }
  if (isWholeMonths(range)) return { start: shift(range.start), end: monthEnd(shift(monthStart(range.end))) }
  return { start: shift(range.start), end: shift(range.end) }
}
