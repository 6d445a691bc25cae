import { describe, expect, it } from 'vitest'
import { empiricalBayesRates } from './empirical-bayes.ts'

describe('empiricalBayesRates', () => {
  it('shrinks two equal-sized units by the hand-computed factor 14/15', () => {
    // y = [0, 30], n = [1000, 1000]: b = 0.015, r = [0, 0.03]
    // s² = (1000 · 0.015² · 2) / 2000 = 0.000225, n̄ = 1000, a = 0.000225 − 0.000015 = 0.00021
    // C = 0.00021 / (0.00021 + 0.015/1000) = 14/15 → θ = 0.015 ∓ (14/15) · 0.015 = [0.001, 0.029]
    const res = empiricalBayesRates([0, 30], [1000, 1000])
    expect(res.globalRate).toBeCloseTo(0.015, 15)
    expect(res.priorVariance).toBeCloseTo(0.00021, 15)
    expect(res.units[0].shrinkage).toBeCloseTo(14 / 15, 12)
    expect(res.units[0].smoothed).toBeCloseTo(0.001, 12)
    expect(res.units[1].smoothed).toBeCloseTo(0.029, 12)
  })

  it('shrinks a small unit harder than a large one (three units by hand)', () => {
    // y = [0, 30, 15], n = [1000, 1000, 250]: b = 45/2250 = 0.02, r = [0, 0.03, 0.06]
    // s² = (1000·0.0004 + 1000·0.0001 + 250·0.0016) / 2250 = 0.0004, n̄ = 750
    // a = 0.0004 − 0.02/750 = 28/75000; C_1 = a/(a + 0.00002) = 56/59, C_3 = a/(a + 0.00008) = 14/17
    const res = empiricalBayesRates([0, 30, 15], [1000, 1000, 250])
    expect(res.weightedVariance).toBeCloseTo(0.0004, 15)
    expect(res.units[0].shrinkage).toBeCloseTo(56 / 59, 12)
    expect(res.units[2].shrinkage).toBeCloseTo(14 / 17, 12)
    expect(res.units[0].smoothed).toBeCloseTo(0.02 - (56 / 59) * 0.02, 12)
    expect(res.units[1].smoothed).toBeCloseTo(0.02 + (56 / 59) * 0.01, 12)
    expect(res.units[2].smoothed).toBeCloseTo(0.02 + (14 / 17) * 0.04, 12)
  })

  it('pulls every unit to the global rate when the prior variance estimate is negative', () => {
    // y = [4, 6], n = [100, 300]: b = 0.025, s² = 0.000075 < b/n̄ = 0.000125 → a = 0
    const res = empiricalBayesRates([4, 6], [100, 300])
    expect(res.priorVariance).toBe(0)
    expect(res.units.map((u) => u.smoothed)).toEqual([0.025, 0.025])
    expect(res.units[0].shrinkage).toBe(0)
  })

  it('scales raw and smoothed rates with per', () => {
    const res = empiricalBayesRates([0, 30], [1000, 1000], { per: 1000 })
    expect(res.units[1].raw).toBeCloseTo(30, 12)
    expect(res.units[0].smoothed).toBeCloseTo(1, 10)
    expect(res.units[1].smoothed).toBeCloseTo(29, 10)
    expect(res.globalRate).toBeCloseTo(15, 12)
  })

  it('keeps each smoothed rate between its raw rate and the global rate', () => {
    const res = empiricalBayesRates([1, 12, 3, 40, 0], [300, 2000, 800, 5000, 150])
    const b = res.globalRate
    for (const u of res.units) {
      const r = u.raw as number
      expect(u.smoothed).toBeGreaterThanOrEqual(Math.min(r, b) - 1e-15)
      expect(u.smoothed).toBeLessThanOrEqual(Math.max(r, b) + 1e-15)
    }
  })

  it('flags populations under 500 and counts under 5 by default', () => {
    const res = empiricalBayesRates([2, 10, 10], [400, 400, 2000])
    expect(res.units.map((u) => [u.smallPopulation, u.smallCount, u.flagged])).toEqual([
      [true, true, true],
      [true, false, true],
      [false, false, false],
    ])
  })

  it('honours custom flag thresholds', () => {
    const res = empiricalBayesRates([2, 10], [400, 400], { minPopulation: 100, minCount: 1 })
    expect(res.units.every((u) => !u.flagged)).toBe(true)
  })

  it('gives a unit with no population the global rate and no raw rate', () => {
    const res = empiricalBayesRates([0, 5, 15], [0, 1000, 1000])
    expect(res.units[0].raw).toBeNull()
    expect(res.units[0].smoothed).toBeCloseTo(res.globalRate, 15)
    expect(res.meanPopulation).toBe(1000)
  })

  it('returns zero everywhere when there are no events', () => {
    const res = empiricalBayesRates([0, 0], [100, 200])
    expect(res.units.map((u) => u.smoothed)).toEqual([0, 0])
  })

  it('rejects negative counts and events without population', () => {
    expect(() => empiricalBayesRates([-1], [10])).toThrow(RangeError)
    expect(() => empiricalBayesRates([3], [0])).toThrow(RangeError)
  })
})
