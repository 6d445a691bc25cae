import { describe, expect, it } from 'vitest'
import { createFormatter } from './format.ts'

describe('number formatting', () => {
  const vi = createFormatter('vi')
  const en = createFormatter('en')

  it('writes Vietnamese numbers with a dot for thousands and a comma for decimals', () => {
    expect(vi.number(1234.5, 1)).toBe('1.234,5')
    expect(vi.integer(1770645)).toBe('1.770.645')
  })

  it('writes English numbers with a comma for thousands and a dot for decimals', () => {
    expect(en.number(1234.5, 1)).toBe('1,234.5')
    expect(en.integer(1770645)).toBe('1,770,645')
  })

  it('shows shares as percentages in each language', () => {
    expect(vi.percent(0.9955)).toBe('99,6%')
    expect(en.percent(0.9955)).toBe('99.6%')
  })

  it('shows a dash for missing values', () => {
    expect(vi.number(null)).toBe('–')
    expect(en.percent(Number.NaN)).toBe('–')
  })

  it('abbreviates large amounts of money', () => {
    expect(vi.compact(15_973_200_000)).toBe('16 tỷ')
    expect(en.compact(2_500_000)).toBe('2.5 m')
  })

  it('writes dates day-first in Vietnamese and with a month name in English', () => {
    expect(vi.date('2026-03-05')).toBe('05/03/2026')
    expect(en.date('2026-03-05')).toBe('5 Mar 2026')
    expect(vi.month('2026-03')).toBe('T3/2026')
    expect(en.month('2026-03')).toBe('Mar 2026')
  })
})
