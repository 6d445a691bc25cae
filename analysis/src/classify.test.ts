import { describe, expect, it } from 'vitest'
import { classBreaks, classCounts, classIndex, withinClassSSE } from './classify.ts'
import { createRng } from './random.ts'

const groups = [1, 2, 3, 10, 11, 12, 20, 21, 22]

describe('classBreaks', () => {
  it('finds Jenks breaks [3, 12, 22] for three clear groups', () => {
    expect(classBreaks(groups, 'jenks', 3)).toEqual([3, 12, 22])
  })

  it('places quantile breaks at type-7 quantiles', () => {
    // 1..10 at 0.25, 0.5, 0.75: 3.25, 5.5, 7.75
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    const b = classBreaks(xs, 'quantile', 4)
    expect(b[0]).toBeCloseTo(3.25, 12)
    expect(b[1]).toBeCloseTo(5.5, 12)
    expect(b[2]).toBeCloseTo(7.75, 12)
    expect(b[3]).toBe(10)
  })

  it('merges tied quantile breaks so they stay strictly increasing', () => {
    // n = 11, quantiles at 0.25, 0.5, 0.75: 1, 1, 3.5 → [1, 3.5] plus the maximum
    expect(classBreaks([1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6], 'quantile', 4)).toEqual([1, 3.5, 6])
  })

  it('gives one class per distinct value in quantiles when k exceeds them', () => {
    expect(classBreaks([3, 1, 2], 'quantile', 5)).toEqual([1, 2, 3])
  })

  it('cuts equal intervals of width (max − min)/k', () => {
    expect(classBreaks([0, 3, 10], 'equal', 5)).toEqual([2, 4, 6, 8, 10])
  })

  it('keeps k equal intervals even when k exceeds n', () => {
    expect(classBreaks([1, 3], 'equal', 4)).toEqual([1.5, 2, 2.5, 3])
  })

  it.each(['quantile', 'equal', 'jenks', 'stddev'] as const)(
    'collapses all-equal values to one class (%s)',
    (m) => {
      expect(classBreaks([4, 4, 4, 4], m, 5)).toEqual([4])
    },
  )

  it.each(['quantile', 'equal', 'jenks', 'stddev'] as const)('ignores NaN, null and infinities (%s)', (m) => {
    const dirty = [null, 1, Number.NaN, 2, 3, 10, 11, 12, 20, Number.POSITIVE_INFINITY, 21, 22, undefined]
    expect(classBreaks(dirty, m, 3)).toEqual(classBreaks(groups, m, 3))
  })

  it('returns no breaks for no data', () => {
    expect(classBreaks([null, Number.NaN], 'jenks', 4)).toEqual([])
  })

  it('centres the middle stddev class on the mean for odd k', () => {
    // [-2, -1, 0, 1, 2]: mean 0, sd √2; bounds ±0.5·√2, and ±1.5·√2 fall outside the data
    const b = classBreaks([-2, -1, 0, 1, 2], 'stddev', 5)
    expect(b).toHaveLength(3)
    expect(b[0]).toBeCloseTo(-Math.SQRT1_2, 12)
    expect(b[1]).toBeCloseTo(Math.SQRT1_2, 12)
    expect(b[2]).toBe(2)
  })

  it('breaks at the mean and ±1 sd for stddev with even k', () => {
    const b = classBreaks([-2, -1, 0, 1, 2], 'stddev', 4)
    expect(b[0]).toBeCloseTo(-Math.SQRT2, 12)
    expect(b[1]).toBeCloseTo(0, 12)
    expect(b[2]).toBeCloseTo(Math.SQRT2, 12)
    expect(b[3]).toBe(2)
  })

  it('extends the last manual bound to the maximum', () => {
    expect(classBreaks([5, 15, 50], 'manual', 0, { manual: [10, 20, 30] })).toEqual([10, 20, 50])
  })

  it('keeps a last manual bound above the maximum', () => {
    expect(classBreaks([5, 15, 25], 'manual', 0, { manual: [10, 20, 30] })).toEqual([10, 20, 30])
  })

  it('rejects manual breaks that are not strictly ascending', () => {
    expect(() => classBreaks([1], 'manual', 0, { manual: [10, 10, 30] })).toThrow(RangeError)
  })

  it('rejects a non-integer k', () => {
    expect(() => classBreaks(groups, 'equal', 2.5)).toThrow(RangeError)
  })

  it('gives Jenks an SSE no larger than quantile, equal and 200 random partitions', () => {
    const rng = createRng(31337)
    for (let t = 0; t < 25; t++) {
      const n = 15 + rng.int(50)
      const xs = Array.from({ length: n }, () => Math.round((rng.next() * 10) ** 2) / 4)
      const sorted = [...xs].sort((a, b) => a - b)
      const k = 2 + rng.int(6)
      const best = withinClassSSE(xs, classBreaks(xs, 'jenks', k))
      const slack = 1e-9 * Math.max(1, best)
      expect(best).toBeLessThanOrEqual(withinClassSSE(xs, classBreaks(xs, 'quantile', k)) + slack)
      expect(best).toBeLessThanOrEqual(withinClassSSE(xs, classBreaks(xs, 'equal', k)) + slack)
      for (let r = 0; r < 200; r++) {
        const cuts = new Set<number>()
        while (cuts.size < k - 1) cuts.add(sorted[rng.int(n)])
        const breaks = [...cuts].filter((c) => c < sorted[n - 1]).sort((a, b) => a - b)
        breaks.push(sorted[n - 1])
        expect(best).toBeLessThanOrEqual(withinClassSSE(xs, breaks) + slack)
      }
    }
  })
})

describe('classIndex', () => {
  const breaks = [3, 12, 22]

  it('puts a value equal to a bound in the class it closes', () => {
    expect(classIndex(3, breaks)).toBe(0)
    expect(classIndex(12, breaks)).toBe(1)
    expect(classIndex(22, breaks)).toBe(2)
  })

  it('puts a value just above a bound in the next class', () => {
    expect(classIndex(3.0001, breaks)).toBe(1)
  })

  it('puts values below the first bound in class 0 and above the last in the last class', () => {
    expect(classIndex(-5, breaks)).toBe(0)
    expect(classIndex(99, breaks)).toBe(2)
  })

  it('returns −1 for no data', () => {
    expect(classIndex(null, breaks)).toBe(-1)
    expect(classIndex(Number.NaN, breaks)).toBe(-1)
    expect(classIndex(undefined, breaks)).toBe(-1)
  })
})

describe('classCounts', () => {
  it('counts members per class with half-open intervals', () => {
    expect(classCounts(groups, [3, 12, 22])).toEqual([3, 3, 3])
    expect(classCounts([1, 2, 2, 3, null], [2, 3])).toEqual([3, 1])
  })
})

describe('withinClassSSE', () => {
  it('adds the squared deviations from each class mean', () => {
    // each group of three consecutive integers has SSE 2
    expect(withinClassSSE(groups, [3, 12, 22])).toBeCloseTo(6, 12)
  })
})
