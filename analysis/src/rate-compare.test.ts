import { describe, expect, it } from 'vitest'
import { compareRates } from './rate-compare.ts'

describe('compareRates', () => {
  it('matches binom.test(7, 10, 0.5) for 3 then 7 events over equal periods', () => {
    const r = compareRates({ a: 3, b: 7, ea: 1, eb: 1 })
    expect(r.pValue).toBeCloseTo(0.34375, 14)
    expect(r.rateRatio).toBeCloseTo(7 / 3, 15)
    expect(r.change).toBe('no-change')
  })

  it('maps the Clopper–Pearson interval of b/(a+b) to the rate ratio', () => {
    // binom.test(7, 10) CI [0.3475471, 0.9332605] → π/(1 − π): [0.5326778, 13.9836279]
    const r = compareRates({ a: 3, b: 7, ea: 1, eb: 1 })
    expect(r.rrLower).toBeCloseTo(0.5326778017875577, 9)
    expect(r.rrUpper).toBeCloseTo(13.983627874302119, 8)
  })

  it('calls 0 then 10 events a rise (binom.test(10, 10): p = 0.001953125)', () => {
    const r = compareRates({ a: 0, b: 10, ea: 1, eb: 1 })
    expect(r.pValue).toBeCloseTo(0.001953125, 15)
    expect(r.rateRatio).toBe(Number.POSITIVE_INFINITY)
    expect(r.rrUpper).toBe(Number.POSITIVE_INFINITY)
    expect(r.change).toBe('rise')
  })

  it('calls 19 then 1 event a fall (binom.test(1, 20): p = 4.005432e-05)', () => {
    const r = compareRates({ a: 19, b: 1, ea: 1, eb: 1 })
    expect(r.pValue).toBeCloseTo(4.00543212890625e-5, 16)
    expect(r.rateRatio).toBeCloseTo(1 / 19, 15)
    expect(r.change).toBe('fall')
  })

  it("matches R's poisson.test(c(20, 10), c(1, 1)) p-value", () => {
    // = binom.test(20, 30, 0.5); SciPy: 0.09873714670538905
    expect(compareRates({ a: 10, b: 20, ea: 1, eb: 1 }).pValue).toBeCloseTo(0.09873714670538905, 13)
  })

  it('accounts for unequal exposures in the null proportion', () => {
    // 10 events in 2 years, then 10 in 1 year: RR = 2, test binom.test(10, 20, 1/3); SciPy p = 0.15234223511142764
    const r = compareRates({ a: 10, b: 10, ea: 2, eb: 1 })
    expect(r.rateRatio).toBeCloseTo(2, 15)
    expect(r.pValue).toBeCloseTo(0.15234223511142764, 12)
    expect(r.change).toBe('no-change')
  })

  it('brackets the rate ratio by its confidence interval', () => {
    const r = compareRates({ a: 40, b: 65, ea: 12, eb: 12 })
    expect(r.rrLower).toBeLessThan(r.rateRatio)
    expect(r.rrUpper).toBeGreaterThan(r.rateRatio)
  })

  it('reports no change and an undefined ratio when both counts are zero', () => {
    const r = compareRates({ a: 0, b: 0, ea: 1, eb: 1 })
    expect(r.pValue).toBe(1)
    expect(r.rateRatio).toBeNaN()
    expect(r.change).toBe('no-change')
  })

  it('uses the given alpha for the change class', () => {
    expect(compareRates({ a: 3, b: 7, ea: 1, eb: 1 }, { alpha: 0.4 }).change).toBe('rise')
  })

  it('rejects non-integer counts and non-positive exposures', () => {
    expect(() => compareRates({ a: 1.5, b: 2, ea: 1, eb: 1 })).toThrow(RangeError)
    expect(() => compareRates({ a: 1, b: 2, ea: 0, eb: 1 })).toThrow(RangeError)
  })
})
