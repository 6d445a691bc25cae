import { describe, expect, it } from 'vitest'
import { periodDays, periodYears, perThousandPerYear } from './period.ts'

describe('annualised rates', () => {
  it('counts both ends of a period', () => {
    expect(periodDays({ from: '2025-01-01', to: '2025-01-01' })).toBe(1)
    expect(periodDays({ from: '2025-01-01', to: '2025-12-31' })).toBe(365)
    expect(periodDays({ from: '2024-01-01', to: '2024-12-31' })).toBe(366)
  })

  it('measures a period in years of 365.25 days', () => {
    expect(periodYears({ from: '2025-01-01', to: '2025-12-31' })).toBeCloseTo(365 / 365.25, 12)
    expect(periodYears({ from: '2025-10-01', to: '2025-12-31' })).toBeCloseTo(92 / 365.25, 12)
  })

  it('gives the same yearly rate for the same pace over a quarter and over a year', () => {
    const year = perThousandPerYear(365, 10_000, { from: '2025-01-01', to: '2025-12-31' })
    const quarter = perThousandPerYear(92, 10_000, { from: '2025-10-01', to: '2025-12-31' })
    expect(year).toBeCloseTo(36.525, 9)
    expect(quarter).toBeCloseTo(year as number, 9)
  })

  it('has no rate without residents', () => {
    const p = { from: '2025-01-01', to: '2025-12-31' }
    expect(perThousandPerYear(3, 0, p)).toBeNull()
    expect(perThousandPerYear(3, null, p)).toBeNull()
  })
})
