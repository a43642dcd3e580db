import { describe, expect, it } from 'vitest'
import { matchPreset, presetRange } from './presets'

describe('date presets relative to the newest data', () => {
  const latest = '2024-09-15'

  it('computes calendar ranges that end with the newest month', () => {
    expect(presetRange('this-month', latest)).toEqual({ start: '2024-09-01', end: '2024-09-30' })
    expect(presetRange('last-month', latest)).toEqual({ start: '2024-08-01', end: '2024-08-31' })
    expect(presetRange('last-3-months', latest)).toEqual({ start: '2024-07-01', end: '2024-09-30' })
    expect(presetRange('last-6-months', latest)).toEqual({ start: '2024-04-01', end: '2024-09-30' })
    expect(presetRange('last-12-months', latest)).toEqual({ start: '2023-10-01', end: '2024-09-30' })
  })

  it('computes day ranges that end with the newest delivered day', () => {
    expect(presetRange('yesterday', latest)).toEqual({ start: '2024-09-15', end: '2024-09-15' })
    expect(presetRange('last-7-days', latest)).toEqual({ start: '2024-09-09', end: '2024-09-15' })
    expect(presetRange('month-to-date', latest)).toEqual({ start: '2024-09-01', end: '2024-09-15' })
    expect(presetRange('last-7-days', '2024-03-02')).toEqual({ start: '2024-02-25', end: '2024-03-02' })
  })

  it('crosses year boundaries', () => {
    expect(presetRange('last-month', '2024-01-10')).toEqual({ start: '2023-12-01', end: '2023-12-31' })
    expect(presetRange('this-month', '2024-02-29')).toEqual({ start: '2024-02-01', end: '2024-02-29' })
  })

  it('recognises a range that is a preset', () => {
    expect(matchPreset({ start: '2024-08-01', end: '2024-08-31' }, latest)).toBe('last-month')
    expect(matchPreset({ start: '2024-08-02', end: '2024-08-31' }, latest)).toBeNull()
    expect(matchPreset({ start: '2024-09-09', end: '2024-09-15' }, latest)).toBe('last-7-days')
    expect(matchPreset({ start: '2024-08-01', end: '2024-08-31' }, null)).toBeNull()
  })
})
