/** API responses → chart rows. Pure (no Recharts), so it sits in the first bundle and is unit-tested. */
import type { Timeseries } from '@/lib/api/types'

export const OTHER_COLOR = 'var(--chart-other)'

export function seriesColor(index: number): string {
  return `var(--chart-${(index % 8) + 1})`
}

export type StackSeries = {
  id: string
  key: string | null
  label: string
  color: string
  isOther: boolean
  total: number
}

export type StackRow = { bucket: string; total: number } & Record<string, number | string>

/** One row per bucket with a column per series (`s0`, `s1`, ...; "Other" last and grey). */
export function timeseriesRows(ts: Timeseries): { series: StackSeries[]; rows: StackRow[] } {
  let colour = 0
  const series = ts.series.map((s, i) => ({
    id: `s${i}`,
    key: s.key,
    label: s.label,
    color: s.is_other ? OTHER_COLOR : seriesColor(colour++),
    isOther: s.is_other,
    total: s.total,
  }))
  const rows = ts.buckets.map((bucket, b) => {
    const row: StackRow = { bucket, total: 0 }
    ts.series.forEach((s, i) => {
      const value = s.values[b] ?? 0
      row[`s${i}`] = value
      row.total += value
    })
    return row
  })
  return { series, rows }
}

export function hasSpend(values: number[]): boolean {
  return values.some((v) => v !== 0)
}
