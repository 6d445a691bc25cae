import { describe, expect, it } from 'vitest'
import {
  clampNormalise,
  competitionRank,
  DEFAULT_PRIORITY_WEIGHTS,
  invert,
  minMaxNormalise,
  normaliseWeights,
  priorityScores,
  rankNormalise,
} from './priority.ts'

const full = (v: number) => Object.fromEntries(Object.keys(DEFAULT_PRIORITY_WEIGHTS).map((k) => [k, v]))

describe('priorityScores', () => {
  it('gives default weights that add up to one', () => {
    const total = Object.values(DEFAULT_PRIORITY_WEIGHTS).reduce((s, w) => s + w, 0)
    expect(total).toBeCloseTo(1, 15)
  })

  it('scores 100 when every component is at full priority and 0 when none is', () => {
    const [hi, lo] = priorityScores([
      { id: 'a', components: full(1) },
      { id: 'b', components: full(0) },
    ])
    expect(hi.score).toBeCloseTo(100, 12)
    expect(lo.score).toBe(0)
  })

  it('makes the contributions add up to the score', () => {
    const rows = priorityScores([
      {
        id: 'x',
        components: {
          incident_rate_eb: 0.73,
          hotspot_z: 0.4,
          border: 1,
          strategic: 0,
          trend: 0.55,
          village_coverage_gap: 0.31,
          effective_gap: 0.9,
          evaluation_gap: 0.12,
          models_per_1000_gap: 0.66,
        },
      },
    ])
    const sum = Object.values(rows[0].contributions).reduce((s, v) => s + v, 0)
    expect(sum).toBeCloseTo(rows[0].score as number, 12)
  })

  it('computes points as 100 · weight · component', () => {
    const [row] = priorityScores([{ id: 'x', components: { a: 0.5, b: 1 } }], { a: 1, b: 3 })
    // weights 0.25, 0.75 → 12.5 + 75
    expect(row.contributions).toEqual({ a: 12.5, b: 75 })
    expect(row.score).toBe(87.5)
  })

  it('normalises weights given on any scale', () => {
    const rows = [{ id: 'x', components: { a: 0.2, b: 0.9 } }]
    expect(priorityScores(rows, { a: 2, b: 6 })[0].score).toBeCloseTo(
      priorityScores(rows, { a: 0.25, b: 0.75 })[0].score as number,
      12,
    )
  })

  it('gives tied scores the same competition rank and skips the next', () => {
    const rows = priorityScores(
      [
        { id: 'p', components: { a: 0.8 } },
        { id: 'q', components: { a: 0.9 } },
        { id: 'r', components: { a: 0.8 } },
        { id: 's', components: { a: 0.7 } },
      ],
      { a: 1 },
    )
    expect(rows.map((r) => r.rank)).toEqual([2, 1, 2, 4])
  })

  it('rescales the remaining weights when a component is missing', () => {
    const [row] = priorityScores([{ id: 'x', components: { a: 1, b: null } }], { a: 1, b: 1 })
    expect(row.score).toBe(100)
    expect(row.missing).toEqual(['b'])
  })

  it('counts a missing component as zero in zero mode', () => {
    const [row] = priorityScores([{ id: 'x', components: { a: 1 } }], { a: 1, b: 1 }, { missing: 'zero' })
    expect(row.score).toBe(50)
  })

  it('gives no score and no rank when every component is missing', () => {
    const [row] = priorityScores([{ id: 'x', components: {} }], { a: 1 })
    expect(row.score).toBeNull()
    expect(row.rank).toBeNull()
  })

  it('rejects components outside [0, 1]', () => {
    expect(() => priorityScores([{ id: 'x', components: { a: 1.5 } }], { a: 1 })).toThrow(/outside/)
  })

  it('rejects negative weights and all-zero weights', () => {
    expect(() => normaliseWeights({ a: -1, b: 2 })).toThrow(RangeError)
    expect(() => normaliseWeights({ a: 0 })).toThrow(RangeError)
  })
})

describe('competitionRank', () => {
  it('treats scores within float noise as tied', () => {
    expect(competitionRank([0.1 + 0.2, 0.3, 0.1])).toEqual([1, 1, 3])
  })
})

describe('normalisation helpers', () => {
  it('min–max normalises to [0, 1] keeping missing values null', () => {
    expect(minMaxNormalise([2, null, 6, 4])).toEqual([0, null, 1, 0.5])
  })

  it('inverts min–max for coverage-like measures', () => {
    expect(minMaxNormalise([2, 6, 4], { invert: true })).toEqual([1, 0, 0.5])
  })

  it('gives 0 to every unit when all values are equal', () => {
    expect(minMaxNormalise([3, 3])).toEqual([0, 0])
  })

  it('rank-normalises with average ranks for ties', () => {
    // sorted 1, 5, 5, 9: ranks 0, 1.5, 1.5, 3 over 3
    expect(rankNormalise([5, 1, 9, 5])).toEqual([0.5, 0, 1, 0.5])
  })

  it('clamps a fixed range onto [0, 1]', () => {
    expect(clampNormalise([-3, 0, 1.29, 5, null], -2.58, 2.58)).toEqual([0, 0.5, 0.75, 1, null])
  })

  it('turns coverage shares into gaps', () => {
    expect(invert([0.25, null, 1])).toEqual([0.75, null, 0])
  })
})
