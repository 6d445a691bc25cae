import { describe, expect, it } from 'vitest'
import { lineLattice } from './lattice.ts'
import { conditionalPermutation, foldedPseudoP } from './permutation.ts'
import { createRng } from './random.ts'
import { weightsFromIndexLists } from './weights.ts'

const oneTo99 = Array.from({ length: 99 }, (_, i) => i + 1)

describe('foldedPseudoP', () => {
  it('counts draws at or above an observation above the mean', () => {
    // draws 1..99 (mean 50): 95..99 are ≥ 95 → (5 + 1) / 100
    expect(foldedPseudoP(95, oneTo99)).toBeCloseTo(0.06, 15)
  })

  it('counts draws at or below an observation below the mean', () => {
    // 1, 2, 3 are ≤ 3 → (3 + 1) / 100
    expect(foldedPseudoP(3, oneTo99)).toBeCloseTo(0.04, 15)
  })

  it('gives 1/(R+1) for an observation beyond every draw', () => {
    expect(foldedPseudoP(1000, oneTo99)).toBeCloseTo(0.01, 15)
  })

  it('gives 1 when every draw equals the observation', () => {
    expect(foldedPseudoP(2, [2, 2, 2, 2])).toBe(1)
  })
})

describe('conditionalPermutation', () => {
  it('never draws the unit itself and draws without replacement', () => {
    // Unit 0 neighbours all 4 others: every draw must be exactly {1, 2, 3, 4},
    // so the simulated lag is always 2 + 3 + 4 + 5 and its sd is 0.
    const w = weightsFromIndexLists(['0', '1', '2', '3', '4'], [[1, 2, 3, 4], [0], [0], [0], [0]])
    const values = Float64Array.from([1, 2, 3, 4, 5])
    const res = conditionalPermutation({
      values,
      weights: w,
      intercept: new Float64Array(5),
      slope: new Float64Array(5).fill(1),
      permutations: 99,
      rng: createRng(1),
    })
    expect(res.simMean[0]).toBe(14)
    expect(res.simSd[0]).toBe(0)
    expect(res.pSim[0]).toBe(1)
  })

  it('centres simulated lags on the conditional expectation', () => {
    // Line of 5, unit 1 with neighbours {0, 2}: draws from the other values
    // {1, 3, 4, 5} (mean 13/4), so E[lag] = 2 · 13/4 = 6.5.
    const values = Float64Array.from([1, 2, 3, 4, 5])
    const res = conditionalPermutation({
      values,
      weights: lineLattice(5),
      intercept: new Float64Array(5),
      slope: new Float64Array(5).fill(1),
      permutations: 20_000,
      rng: createRng(2),
    })
    expect(res.simMean[1]).toBeCloseTo(6.5, 1)
  })

  it('draws neighbours without replacement (variance of the simulated lag)', () => {
    // Two draws from {1, 3, 4, 5} (σ² = 2.1875) without replacement:
    // Var = 2 σ² (N − 2)/(N − 1) = 2.9167, sd 1.708 (with replacement it would be 2.092).
    const res = conditionalPermutation({
      values: Float64Array.from([1, 2, 3, 4, 5]),
      weights: lineLattice(5),
      intercept: new Float64Array(5),
      slope: new Float64Array(5).fill(1),
      permutations: 20_000,
      rng: createRng(12),
    })
    expect(res.simSd[1]).toBeCloseTo(Math.sqrt(2.9166667), 1)
  })

  it('applies the affine map intercept + slope · lag to the observed value', () => {
    const values = Float64Array.from([1, 2, 3])
    const res = conditionalPermutation({
      values,
      weights: lineLattice(3),
      intercept: Float64Array.from([10, 10, 10]),
      slope: Float64Array.from([2, 2, 2]),
      permutations: 9,
      rng: createRng(3),
    })
    // unit 1: 10 + 2 · (1 + 3)
    expect(res.observed[1]).toBe(18)
  })

  it('leaves islands without a p-value', () => {
    const w = weightsFromIndexLists(['0', '1', '2'], [[1], [0], []])
    const res = conditionalPermutation({
      values: Float64Array.from([1, 2, 3]),
      weights: w,
      intercept: new Float64Array(3),
      slope: new Float64Array(3).fill(1),
      permutations: 9,
      rng: createRng(4),
    })
    expect(res.pSim[2]).toBeNaN()
  })

  it('refuses weights that contain self-neighbours', () => {
    const w = weightsFromIndexLists(['0', '1'], [[1], [0]])
    const selfish = { ...w, neighbours: Int32Array.from([0, 1]) }
    expect(() =>
      conditionalPermutation({
        values: Float64Array.from([1, 2]),
        weights: selfish,
        intercept: new Float64Array(2),
        slope: new Float64Array(2),
        permutations: 9,
        rng: createRng(5),
      }),
    ).toThrow(/self/)
  })
})
