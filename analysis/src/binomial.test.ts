import { describe, expect, it } from 'vitest'
import {
  binomialCdf,
  binomialPmf,
  binomialTestTwoSided,
  binomialUpperTail,
  clopperPearson,
} from './binomial.ts'

describe('binomial', () => {
  it('gives P(X = 3) for Binomial(10, 0.5) as 120/1024', () => {
    expect(binomialPmf(3, 10, 0.5)).toBeCloseTo(120 / 1024, 15)
  })

  it('handles p = 0 and p = 1 as point masses', () => {
    expect(binomialPmf(0, 5, 0)).toBe(1)
    expect(binomialPmf(5, 5, 1)).toBe(1)
    expect(binomialPmf(4, 5, 1)).toBe(0)
  })

  it('makes the lower and upper tails overlap only at k', () => {
    const k = 4
    expect(binomialCdf(k, 12, 0.3) + binomialUpperTail(k, 12, 0.3) - binomialPmf(k, 12, 0.3)).toBeCloseTo(
      1,
      13,
    )
  })

  it('matches binom.test(7, 10, 0.5): p = 0.34375', () => {
    // 2 · P(X ≥ 7) = 2 · (120 + 45 + 10 + 1) / 1024 = 352/1024
    expect(binomialTestTwoSided(7, 10, 0.5)).toBeCloseTo(0.34375, 14)
  })

  it('matches binom.test(10, 10, 0.5): p = 0.001953125', () => {
    expect(binomialTestTwoSided(10, 10, 0.5)).toBeCloseTo(0.001953125, 15)
  })

  it('matches binom.test(1, 20, 0.5): p = 4.005432e-05 (= 42/2^20)', () => {
    expect(binomialTestTwoSided(1, 20, 0.5)).toBeCloseTo(42 / 2 ** 20, 16)
  })

  it('matches binom.test for an asymmetric null (3 of 40, p = 0.2; SciPy 0.04786946338839313)', () => {
    expect(binomialTestTwoSided(3, 40, 0.2)).toBeCloseTo(0.04786946338839313, 13)
  })

  it('returns 1 when the observation equals the expectation', () => {
    expect(binomialTestTwoSided(5, 10, 0.5)).toBe(1)
  })

  it('matches the Clopper–Pearson interval of binom.test(7, 10)', () => {
    const [lo, hi] = clopperPearson(7, 10)
    expect(lo).toBeCloseTo(0.3475471499399921, 12)
    expect(hi).toBeCloseTo(0.9332604888222655, 12)
  })

  it('puts exactly α/2 in each tail at the interval bounds', () => {
    const [lo, hi] = clopperPearson(15, 60, 0.9)
    expect(binomialUpperTail(15, 60, lo)).toBeCloseTo(0.05, 12)
    expect(binomialCdf(15, 60, hi)).toBeCloseTo(0.05, 12)
  })

  it('opens the interval at 0 and 1 for extreme counts', () => {
    expect(clopperPearson(0, 10)[0]).toBe(0)
    expect(clopperPearson(0, 10)[1]).toBeCloseTo(0.30849710781876294, 12)
    expect(clopperPearson(10, 10)[1]).toBe(1)
  })
})
