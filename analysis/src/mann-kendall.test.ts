import { describe, expect, it } from 'vitest'
import { mannKendall } from './mann-kendall.ts'
import { normalTwoSidedP } from './special-functions.ts'

describe('mannKendall', () => {
  it('matches the hand-computed statistic of a rising series of four', () => {
    // six pairs, all rising: S = 6; Var = 4·3·13/18 = 26/3; Z = (6 − 1)/√(26/3)
    const mk = mannKendall([1, 2, 3, 4])
    expect(mk.s).toBe(6)
    expect(mk.varS).toBeCloseTo(26 / 3, 12)
    expect(mk.z).toBeCloseTo(5 / Math.sqrt(26 / 3), 12)
    expect(mk.z).toBeCloseTo(1.6984155512, 9)
    expect(mk.p).toBeCloseTo(0.089429359, 8)
    expect(mk.tau).toBe(1)
  })

  it('corrects the variance for one pair of ties', () => {
    // pairs: 1<2, 1<2, 1<3, 2=2, 2<3, 2<3 → S = 5; ties: one group of 2 → 2·1·9 = 18
    // Var = (156 − 18)/18 = 23/3; Z = 4/√(23/3)
    const mk = mannKendall([1, 2, 2, 3])
    expect(mk.s).toBe(5)
    expect(mk.varS).toBeCloseTo(23 / 3, 12)
    expect(mk.z).toBeCloseTo(4 / Math.sqrt(23 / 3), 12)
    expect(mk.p).toBeCloseTo(normalTwoSidedP(4 / Math.sqrt(23 / 3)), 12)
    expect(mk.p).toBeCloseTo(0.1485617749, 8)
  })

  it('counts every pair of a mixed series with a tie', () => {
    // S by first element: 3 → +1, 1 → +5, 4 → +1, 1 → +4, 5 → +1, 9 → −2, 2 → +1; S = 11
    // n = 8: 8·7·21 = 1176; ties: the two 1s → 18; Var = 1158/18; Z = 10/√Var
    const mk = mannKendall([3, 1, 4, 1, 5, 9, 2, 6])
    expect(mk.s).toBe(11)
    expect(mk.varS).toBeCloseTo(1158 / 18, 12)
    expect(mk.z).toBeCloseTo(10 / Math.sqrt(1158 / 18), 12)
    expect(mk.p).toBeCloseTo(0.2124864457, 8)
  })

  it('handles several groups of ties in a falling series', () => {
    // S = −39; ties 5×3 → 66, 4×2, 2×2, 1×2 → 18 each: 120; Var = (2250 − 120)/18; Z = −38/√Var
    const mk = mannKendall([5, 5, 5, 4, 4, 3, 2, 2, 1, 1])
    expect(mk.s).toBe(-39)
    expect(mk.varS).toBeCloseTo(2130 / 18, 12)
    expect(mk.z).toBeCloseTo(-38 / Math.sqrt(2130 / 18), 12)
    expect(mk.p).toBeCloseTo(0.000477174, 8)
    expect(mk.tau).toBeCloseTo(-39 / 45, 12)
  })

  it('gives S = 0 and Z = 0 with p = 1 for a series without trend', () => {
    const mk = mannKendall([1, 3, 2, 2, 3, 1])
    expect(mk.s).toBe(0)
    expect(mk.z).toBe(0)
    expect(mk.p).toBeCloseTo(1, 12)
  })

  it('leaves Z undefined when every value is tied', () => {
    const mk = mannKendall([2, 2, 2, 2, 2])
    expect(mk.varS).toBe(0)
    expect(mk.z).toBeNull()
    expect(mk.p).toBeNull()
  })

  it('refuses fewer than four values and non-finite values', () => {
    expect(() => mannKendall([1, 2, 3])).toThrow(RangeError)
    expect(() => mannKendall([1, 2, Number.NaN, 4])).toThrow(RangeError)
  })
})
