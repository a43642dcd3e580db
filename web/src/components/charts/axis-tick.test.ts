import { describe, expect, it } from 'vitest'
import { tickInterval } from './axis-tick'

describe('tick interval', () => {
  it('labels every bucket when they fit, and thins them out when they do not', () => {
    expect(tickInterval(12, 1200)).toBe(0)
    expect(tickInterval(30, 640)).toBe(2) // 10 labels fit: one in three
    expect(tickInterval(365, 300)).toBe(91)
  })
})
