import { describe, expect, it } from 'vitest'
import { daysBetween, isIsoDay, monthEnd, previousRange, yearEarlier } from './dates'

describe('dates', () => {
  it('validates ISO days', () => {
    expect(isIsoDay('2024-02-29')).toBe(true)
    expect(isIsoDay('2023-02-29')).toBe(false)
    expect(isIsoDay('2024-9-01')).toBe(false)
  })

  it('finds month ends', () => {
    expect(monthEnd('2024-02-10')).toBe('2024-02-29')
    expect(monthEnd('2024-12-01')).toBe('2024-12-31')
  })

  it('compares whole months with as many months before, like the API', () => {
    expect(previousRange({ start: '2024-09-01', end: '2024-09-30' })).toEqual({
      start: '2024-08-01',
      end: '2024-08-31',
    })
    expect(previousRange({ start: '2024-01-01', end: '2024-03-31' })).toEqual({
      start: '2023-10-01',
      end: '2023-12-31',
    })
  })

  it('compares other ranges with the same number of days before', () => {
    const range = { start: '2024-09-10', end: '2024-09-16' }
    const previous = previousRange(range)
    expect(previous).toEqual({ start: '2024-09-03', end: '2024-09-09' })
    expect(daysBetween(previous)).toBe(daysBetween(range))
  })

  it('shifts a range one year back', () => {
    expect(yearEarlier({ start: '2024-02-01', end: '2024-02-29' })).toEqual({
      start: '2023-02-01',
      end: '2023-02-28',
    })
    expect(yearEarlier({ start: '2024-02-29', end: '2024-03-05' })).toEqual({
      start: '2023-02-28',
      end: '2023-03-05',
    })
  })
})
