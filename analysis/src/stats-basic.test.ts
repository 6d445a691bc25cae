import { describe, expect, it } from 'vitest'
import {
  finiteValues,
  mean,
  median,
  populationSd,
  quantile,
  quantileSorted,
  sampleSd,
  sortedFinite,
  sum,
} from './stats-basic.ts'

describe('stats-basic', () => {
  it('drops null, undefined, NaN and infinities as no data', () => {
    expect(finiteValues([1, null, Number.NaN, undefined, 2, Number.POSITIVE_INFINITY])).toEqual([1, 2])
  })

  it('sorts finite values ascending numerically', () => {
    expect(sortedFinite([10, 9, null, 100, 1])).toEqual([1, 9, 10, 100])
  })

  it('sums with compensation so that small terms are not lost', () => {
    expect(sum([1e16, 1, -1e16])).toBe(1)
  })

  it('computes the population standard deviation with divisor n', () => {
    // values 2,4,4,4,5,5,7,9: mean 5, Σd² = 32, 32/8 = 4
    expect(populationSd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2)
  })

  it('computes the sample standard deviation with divisor n − 1', () => {
    expect(sampleSd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 15)
  })

  it('returns NaN for the mean of nothing', () => {
    expect(mean([])).toBeNaN()
  })

  it('interpolates quantiles linearly between order statistics (type 7)', () => {
    // 1..10: h = 9 · 0.25 = 2.25 → 3 + 0.25 · (4 − 3)
    expect(quantileSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.25)).toBeCloseTo(3.25, 15)
  })

  it('takes the median of an even count as the midpoint', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('ignores no data when taking quantiles', () => {
    expect(quantile([null, 5, Number.NaN, 1], 1)).toBe(5)
  })

  it('rejects quantile levels outside [0, 1]', () => {
    expect(() => quantileSorted([1, 2], 1.5)).toThrow(RangeError)
  })
})
