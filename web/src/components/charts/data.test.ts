import { describe, expect, it } from 'vitest'
import { timeseries } from '@/test/fixtures'
import { OTHER_COLOR, timeseriesRows } from './data'

describe('timeseries rows', () => {
  it('makes one row per bucket with a column per series, totals included', () => {
    const { series, rows } = timeseriesRows(timeseries())
    expect(series.map((s) => s.label)).toEqual(['Amazon EC2', 'Amazon S3', 'Other'])
    expect(series[2]).toMatchObject({ isOther: true, color: OTHER_COLOR, key: null })
    expect(rows[0]).toEqual({ bucket: '2024-09-01', s0: 300, s1: 30, s2: 100, total: 430 })
    expect(rows.reduce((sum, r) => sum + r.total, 0)).toBeCloseTo(1234.5, 6)
  })
})
