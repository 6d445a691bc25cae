import { describe, expect, it } from 'vitest'
import { overlaps, periodProblem, shiftYears } from './change-periods.ts'

describe('comparison periods', () => {
  it('shifts a period by whole years, keeping month ends valid', () => {
    expect(shiftYears({ from: '2025-07-01', to: '2026-06-30' }, -1)).toEqual({
      from: '2024-07-01',
      to: '2025-06-30',
    })
    expect(shiftYears({ from: '2024-02-29', to: '2024-03-31' }, -1)).toEqual({
      from: '2023-02-28',
      to: '2023-03-31',
    })
  })

  it('finds overlapping periods, touching ends included', () => {
    expect(overlaps({ from: '2025-01-01', to: '2025-06-30' }, { from: '2025-06-30', to: '2025-12-31' })).toBe(
      true,
    )
    expect(overlaps({ from: '2025-01-01', to: '2025-06-29' }, { from: '2025-06-30', to: '2025-12-31' })).toBe(
      false,
    )
  })

  it('names what is wrong with a pair of periods', () => {
    const b = { from: '2025-07-01', to: '2026-06-30' }
    expect(periodProblem({ from: '2024-07-01', to: '2025-06-30' }, b)).toBeNull()
    expect(periodProblem({ from: '2025-01-01', to: '2025-12-31' }, b)).toBe('overlap')
    expect(periodProblem({ from: '2025-01-01', to: '2024-12-31' }, b)).toBe('order')
  })
})
