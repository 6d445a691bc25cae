import { describe, expect, it } from 'vitest'
import {
  type AnalyticsState,
  DEFAULT_ANALYTICS,
  decodeAnalytics,
  encodeAnalytics,
} from './analytics-state.ts'
import { defaultWeights } from './priority-weights.ts'

const roundTrip = (a: AnalyticsState) => {
  const q = new URLSearchParams(encodeAnalytics(a))
  return decodeAnalytics(q)
}

describe('analytics state in the address', () => {
  it('writes nothing for the defaults', () => {
    expect(encodeAnalytics(DEFAULT_ANALYTICS)).toEqual([])
    expect(decodeAnalytics(new URLSearchParams(''))).toEqual(DEFAULT_ANALYTICS)
  })

  it('restores a changed state', () => {
    const a: AnalyticsState = {
      hotspot: { metric: 'village_coverage', view: 'lisa', permutations: 499, fdr: false },
      bivariate: { need: 'rate', coverage: 'score' },
      change: {
        a: { from: '2023-01-01', to: '2023-12-31' },
        b: { from: '2025-01-01', to: '2025-12-31' },
        fdr: true,
      },
      weights: { ...defaultWeights(), border: 0.4 },
      table: 'priority',
    }
    expect(roundTrip(a)).toEqual(a)
  })

  it('ignores unknown metrics, odd permutation counts and malformed or overlapping periods', () => {
    const q = new URLSearchParams(
      'hsm=zzz&hsp=12&ca=2025-01-01_2025-12-31&cb=2025-06-01_2026-05-31&bvn=x&tab=other',
    )
    expect(decodeAnalytics(q)).toEqual(DEFAULT_ANALYTICS)
    expect(decodeAnalytics(new URLSearchParams('ca=2025-13-01')).change.a).toBeNull()
    expect(decodeAnalytics(new URLSearchParams('ca=2025-02-01_2025-01-01')).change.a).toBeNull()
  })
})
