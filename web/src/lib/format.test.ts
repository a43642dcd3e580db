import { describe, expect, it } from 'vitest'
import { formatMoney, formatMoneyChange, formatMoneyExact, formatShare } from './format'

describe('money formatting', () => {
  it('formats in the data currency', () => {
    expect(formatMoney(1234.5, 'USD')).toBe('$1,234.50')
    expect(formatMoney(1234.5, 'EUR')).toBe('€1,234.50')
  })

  it('keeps sub-cent amounts visible', () => {
    expect(formatMoney(0.00042, 'USD')).toBe('$0.00042')
    expect(formatMoney(0, 'USD')).toBe('$0.00')
  })

  it('shows every digit when asked (tooltips)', () => {
    expect(formatMoneyExact(3505.3269681268, 'USD')).toBe('$3,505.3269681268')
  })

  it('survives a currency code Intl does not know', () => {
    expect(formatMoney(12, 'CREDITS')).toBe('12.00 CREDITS')
  })

  it('signs changes', () => {
    expect(formatMoneyChange(12.3, 'USD')).toBe('+$12.30')
    expect(formatMoneyChange(-4, 'USD')).toBe('−$4.00')
  })

  it('never rounds a non-zero share to 0%', () => {
    expect(formatShare(0.0004)).toBe('<0.1%')
    expect(formatShare(0.25)).toBe('25%')
  })
})
