/** Money and number formatting. The currency comes from the data (/meta), the locale from the browser. */

const cache = new Map<string, Intl.NumberFormat>()

function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cache.get(key)
  if (!f) {
    f = make()
    cache.set(key, f)
  }
  return f
}

function currencyFormat(currency: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${currency}:${JSON.stringify(options)}`
  return formatter(key, () => {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency, ...options })
    } catch {
      // Not an ISO 4217 code (a provider's own unit): plain number, the code appended by the caller.
      return new Intl.NumberFormat(undefined, { ...options, style: 'decimal' })
    }
  })
}

function withCode(text: string, currency: string, f: Intl.NumberFormat): string {
  return f.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`
}

/** Money to the cent (or more digits for sub-cent amounts, so a $0.0004 charge is not shown as $0.00). */
export function formatMoney(value: number, currency = 'USD'): string {
  const abs = Math.abs(value)
  const options: Intl.NumberFormatOptions =
    abs !== 0 && abs < 0.01
      ? { minimumFractionDigits: 2, maximumSignificantDigits: 2 }
      : { minimumFractionDigits: 2, maximumFractionDigits: 2 }
  const f = currencyFormat(currency, options)
  return withCode(f.format(value), currency, f)
}

/** Every digit the API sent (up to 10 decimals, DECIMAL(38,10)): for tooltips and titles. */
export function formatMoneyExact(value: number, currency = 'USD'): string {
  const f = currencyFormat(currency, { minimumFractionDigits: 2, maximumFractionDigits: 10 })
  return withCode(f.format(value), currency, f)
}

/** Short money for chart axes: $1.2K, $3.4M. */
export function formatMoneyCompact(value: number, currency = 'USD'): string {
  const f = currencyFormat(currency, { notation: 'compact', maximumFractionDigits: 1 })
  return withCode(f.format(value), currency, f)
}

export function formatNumber(value: number, maximumFractionDigits = 0): string {
  return formatter(
    `n:${maximumFractionDigits}`,
    () => new Intl.NumberFormat(undefined, { maximumFractionDigits }),
  ).format(value)
}

/** A ratio as a percentage: 0.1234 → 12.3%. */
export function formatPercent(ratio: number, { signed = false } = {}): string {
  const f = formatter(
    `p:${signed}`,
    () =>
      new Intl.NumberFormat(undefined, {
        style: 'percent',
        maximumFractionDigits: 1,
        signDisplay: signed ? 'exceptZero' : 'auto',
      }),
  )
  return f.format(ratio)
}

/** A signed money change: +$12.30 / −$4.00. */
export function formatMoneyChange(value: number, currency = 'USD'): string {
  const text = formatMoney(Math.abs(value), currency)
  if (value > 0) return `+${text}`
  if (value < 0) return `−${text}`
  return text
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
})
const monthFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', timeZone: 'UTC' })
const shortDayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
})

/** ISO day (YYYY-MM-DD, a UTC usage day) → "Sep 30, 2024". */
export function formatDay(iso: string): string {
  return dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`))
}

/** ISO month (YYYY-MM) → "Sep 2024". */
export function formatMonth(iso: string): string {
  return monthFormat.format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`))
}

/** A chart bucket: a day ("Sep 3") or a month ("Sep 2024"). */
export function formatBucket(bucket: string): string {
  return bucket.length === 7 ? formatMonth(bucket) : shortDayFormat.format(new Date(`${bucket}T00:00:00Z`))
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso))
}

export function formatRange(start: string, end: string): string {
  return start === end ? formatDay(start) : `${formatDay(start)} – ${formatDay(end)}`
}

/** A share of a total; tiny non-zero shares read "<0.1%" rather than a misleading "0%". */
export function formatShare(ratio: number): string {
  if (ratio > 0 && ratio < 0.001) return '<0.1%'
  if (ratio < 0 && ratio > -0.001) return '>−0.1%'
  return formatPercent(ratio)
}
