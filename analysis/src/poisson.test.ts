import { describe, expect, it } from 'vitest'
import { poissonUpperTail } from './poisson.ts'

describe('poissonUpperTail', () => {
  it('matches the hand-computed tail for λ = 2', () => {
    // P(X ≥ 3) = 1 − e^{−2}(1 + 2 + 2) = 1 − 5e^{−2}
    expect(poissonUpperTail(3, 2)).toBeCloseTo(1 - 5 * Math.exp(-2), 14)
  })

  it('matches R ppois(9, 3.5, lower.tail = FALSE) for P(X ≥ 10 | λ = 3.5)', () => {
    expect(poissonUpperTail(10, 3.5)).toBeCloseTo(0.00331, 5)
  })

  it('is 1 for k = 0 and 0 for a positive count when λ = 0', () => {
    expect(poissonUpperTail(0, 4)).toBe(1)
    expect(poissonUpperTail(2, 0)).toBe(0)
  })
})
