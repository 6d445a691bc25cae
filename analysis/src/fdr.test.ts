import { describe, expect, it } from 'vitest'
import { bhAdjust } from './fdr.ts'

describe('bhAdjust', () => {
  it('matches p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH")', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 → ×4/rank = 0.02, 0.02, 0.04, 0.04 (already monotone)
    const adj = bhAdjust([0.01, 0.04, 0.03, 0.005])
    expect(adj[0]).toBeCloseTo(0.02, 15)
    expect(adj[1]).toBeCloseTo(0.04, 15)
    expect(adj[2]).toBeCloseTo(0.04, 15)
    expect(adj[3]).toBeCloseTo(0.02, 15)
  })

  it('enforces monotonicity with a running minimum from the largest p', () => {
    // 0.01·3/1 = 0.03, 0.02·3/2 = 0.03, 0.5·3/3 = 0.5
    expect(bhAdjust([0.5, 0.02, 0.01])).toEqual([0.5, 0.03, 0.03])
  })

  it('caps adjusted values at one', () => {
    expect(bhAdjust([0.9, 0.95])).toEqual([0.95, 0.95])
  })

  it('leaves NaN untested and out of the count', () => {
    const adj = bhAdjust([0.01, Number.NaN, 0.04])
    expect(adj[1]).toBeNaN()
    expect(adj[0]).toBeCloseTo(0.02, 15)
    expect(adj[2]).toBeCloseTo(0.04, 15)
  })

  it('rejects p-values outside [0, 1]', () => {
    expect(() => bhAdjust([1.2])).toThrow(RangeError)
  })
})
