import { describe, expect, it } from 'vitest'
import { filtersFromSearch } from '@/features/filters/lib/search'
import { meta } from '@/test/fixtures'
import { overviewPlan } from './overview-queries'

describe('overview plan', () => {
  it('draws days for a month and months for a year', () => {
    const month = overviewPlan(filtersFromSearch({ start: '2024-09-01', end: '2024-09-30' }), meta)
    expect(month.trend.queryKey[1]).toMatchObject({ granularity: 'day', group_by: 'service' })
    const year = overviewPlan(filtersFromSearch({ start: '2023-10-01', end: '2024-09-30' }), meta)
    expect(year.trend.queryKey[1]).toMatchObject({ granularity: 'month' })
  })

  it('uses the API default range until the URL names one (same request before and after /meta)', () => {
    const before = overviewPlan(filtersFromSearch({}), undefined)
    const after = overviewPlan(filtersFromSearch({}), meta)
    expect(before.summary.queryKey).toEqual(after.summary.queryKey)
    expect(before.trend.queryKey).toEqual(after.trend.queryKey)
  })

  it('does not ask for operations with a tag filter (gold cannot answer it)', () => {
    expect(overviewPlan(filtersFromSearch({ tag: ['env=prod'] }), meta).operationsAllowed).toBe(false)
    expect(overviewPlan(filtersFromSearch({}), meta).operationsAllowed).toBe(true)
  })
})
