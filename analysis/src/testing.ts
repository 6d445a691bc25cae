// Shared test fixtures: small covering instances whose optimum can be found by enumeration, and the value
// grids of the local spatial statistics.
import type { CoverageInstance } from './covering.ts'
import { newlyCoveredDemand } from './covering.ts'
import { queenLattice } from './lattice.ts'
import { createRng } from './random.ts'
import type { SpatialWeights } from './weights.ts'

/** Every k-subset of 0…m−1, in lexicographic order. */
export function* subsets(m: number, k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield []
    return
  }
  for (let j = from; j <= m - k; j++) for (const rest of subsets(m, k - 1, j + 1)) yield [j, ...rest]
}

/** Greedy is not optimal here: site 0 covers most alone, sites 1 and 2 together cover everything. */
export const GREEDY_TRAP: CoverageInstance = Object.freeze({
  weights: Object.freeze([1, 1, 1, 1, 1, 1]),
  covers: Object.freeze([Object.freeze([0, 1, 2, 3]), Object.freeze([0, 1, 4]), Object.freeze([2, 3, 5])]),
})

/**
 * Random instance: n points of weight 0–99, m sites each covering one to five points within a window of
 * seven, about 15 % of the points already covered. The same seed gives the same instance.
 */
export function randomCoverageInstance(seed: number, n: number, m: number): CoverageInstance {
  const rng = createRng(seed)
  return {
    weights: Array.from({ length: n }, () => rng.int(100)),
    covers: Array.from({ length: m }, () => {
      const c = rng.int(n)
      const k = 1 + rng.int(5)
      return [...new Set(Array.from({ length: k }, () => (c + rng.int(7)) % n))]
    }),
    covered: Array.from({ length: n }, () => rng.next() < 0.15),
  }
}

/** The best value of `count` sites by trying every subset (small instances only). */
export function enumerateMaxCover(inst: CoverageInstance, count: number) {
  let best = Number.NEGATIVE_INFINITY
  let bestSites: number[] = []
  for (const s of subsets(inst.covers.length, Math.min(count, inst.covers.length))) {
    const v = newlyCoveredDemand(inst, s)
    if (v > best) {
      best = v
      bestSites = s
    }
  }
  return { objective: best, sites: bestSites }
}

/** The values 1…9, on a 3×3 grid or a line of nine. */
export const ONE_TO_NINE = [1, 2, 3, 4, 5, 6, 7, 8, 9]

/** 10×10 grid, background 1–1.6, a 3×3 block of 20s in the top-left corner. */
export function blockGrid(): number[] {
  return Array.from({ length: 100 }, (_, i) => {
    const r = Math.floor(i / 10)
    const c = i % 10
    return r < 3 && c < 3 ? 20 : 1 + (i % 7) / 10
  })
}

/** The permutation p-values of a local statistic over blockGrid() on a queen lattice, drawn with `seed`. */
export function blockGridPSim(
  statistic: (values: number[], w: SpatialWeights, opts: { seed: number }) => { pSim: number | null }[],
  seed: number,
): (number | null)[] {
  return statistic(blockGrid(), queenLattice(10, 10), { seed }).map((u) => u.pSim)
}
