import { describe, expect, it } from 'vitest'
import { isSingleMonth, lastMonths, monthEnd, monthsBetween, yearPeriods } from './period.ts'

describe('period arithmetic', () => {
  it('finds the last day of a month, leap years included', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29')
    expect(monthEnd('2026-06-15')).toBe('2026-06-30')
  })
  it('lists the months of a period across a year end', () => {
    expect(monthsBetween('2025-11-20', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
  })
  it('takes whole months back from the end date', () => {
    expect(lastMonths('2026-06-30', 6)).toEqual({ from: '2026-01-01', to: '2026-06-30' })
  })
  it('recognises a single calendar month', () => {
    expect(isSingleMonth('2026-02-01', '2026-02-28')).toBe(true)
    expect(isSingleMonth('2026-02-01', '2026-03-31')).toBe(false)
  })
})

describe('year presets', () => {
  it('lists the calendar years of the data, latest first, the latest cut at the last day of data', () => {
    expect(yearPeriods({ from: '2024-03-01', to: '2026-06-30' })).toEqual([
      { year: 2026, from: '2026-01-01', to: '2026-06-30' },
      { year: 2025, from: '2025-01-01', to: '2025-12-31' },
      { year: 2024, from: '2024-01-01', to: '2024-12-31' },
    ])
  })
})
