/**
 * Conditional permutation inference for local spatial statistics
 * (Anselin 1995, section 4; the "conditional randomisation" of PySAL esda's
 * `crand`): unit i keeps its own value and its |N_i| neighbour slots are filled
 * with values drawn without replacement from the other n − 1 units.
 *
 * The statistics handled here are affine in the spatial lag of unit i,
 * stat_i = intercept_i + slope_i · Σ_j w_ij v_j, which covers Gi* (local sum) and
 * local Moran's I (z_i times lag). Draws for all units come from one seeded
 * stream in unit order, so a fixed seed gives identical results.
 */

import type { Rng } from './random.ts'
import type { SpatialWeights } from './weights.ts'

/**
 * The values of a local statistic as a Float64Array, checked against the weights (one finite value per unit),
 * and the number of permutations (default DEFAULT_PERMUTATIONS) checked to be a non-negative integer.
 */
export function localStatInput(
  values: ArrayLike<number>,
  w: SpatialWeights,
  permutations: number = DEFAULT_PERMUTATIONS,
): { x: Float64Array; n: number; permutations: number } {
  const n = w.ids.length
  if (values.length !== n) throw new Error(`expected ${n} values, got ${values.length}`)
  const x = Float64Array.from(values)
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]))
      throw new RangeError(`value of '${w.ids[i]}' is not finite; subset the weights first`)
  }
  if (!(Number.isInteger(permutations) && permutations >= 0)) {
    throw new RangeError(`permutations must be a non-negative integer, got ${permutations}`)
  }
  return { x, n, permutations }
}

/** A number, or null where it is not finite (an island's statistic, a p-value without draws). */
export const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null)

/** Relative tolerance under which a simulated value counts as a tie with the observed one. */
const TIE_TOLERANCE = 1e-12
const TWO_POW_32 = 4294967296

/**
 * Folded pseudo p-value: with the observed value on the upper side of the
 * simulation mean, count simulated values ≥ observed, otherwise ≤ observed;
 * p = (count + 1) / (permutations + 1) (Hope 1968; Davison & Hinkley 1997).
 *
 * esda's default ('directed') instead takes min(#≥, #<), which equals this
 * rule unless draws tie with the observed value or the mean and median of
 * the draws fall on opposite sides of it; with a constant reference
 * distribution esda returns 1/(R+1) where this returns 1.
 */
export function foldedPseudoP(observed: number, sims: ArrayLike<number>, simMean?: number): number {
  const r = sims.length
  if (r === 0) return Number.NaN
  let m = simMean
  if (m === undefined) {
    m = 0
    for (let k = 0; k < r; k++) m += sims[k]
    m /= r
  }
  const tol = TIE_TOLERANCE * Math.max(1, Math.abs(observed))
  let count = 0
  if (observed >= m) {
    for (let k = 0; k < r; k++) if (sims[k] >= observed - tol) count++
  } else {
    for (let k = 0; k < r; k++) if (sims[k] <= observed + tol) count++
  }
  return (count + 1) / (r + 1)
}

export interface ConditionalPermutationSpec {
  /** Value of every unit (x for Gi*, z for local Moran). */
  readonly values: Float64Array
  /** Weights WITHOUT self-neighbours: the slots that are permuted. */
  readonly weights: SpatialWeights
  readonly intercept: Float64Array
  readonly slope: Float64Array
  readonly permutations: number
  readonly rng: Rng
}

export interface ConditionalPermutationResult {
  /** intercept + slope · observed lag. */
  readonly observed: Float64Array
  /** Folded pseudo p-value; NaN for islands. */
  readonly pSim: Float64Array
  readonly simMean: Float64Array
  /** Population sd of the simulated statistics (as esda's seI_sim). */
  readonly simSd: Float64Array
  /** (observed − simMean) / simSd, NaN when simSd is 0. */
  readonly zSim: Float64Array
}

export function conditionalPermutation(spec: ConditionalPermutationSpec): ConditionalPermutationResult {
  const { values, intercept, slope, permutations, rng } = spec
  const { offsets, neighbours, weights } = spec.weights
  const n = values.length
  if (spec.weights.ids.length !== n) throw new Error('weights and values differ in length')
  if (!(Number.isInteger(permutations) && permutations >= 1)) {
    throw new RangeError(`permutations must be a positive integer, got ${permutations}`)
  }
  if (n > 2 ** 21) throw new RangeError('conditionalPermutation supports at most 2^21 units')
  const observed = new Float64Array(n)
  const pSim = new Float64Array(n).fill(Number.NaN)
  const simMean = new Float64Array(n).fill(Number.NaN)
  const simSd = new Float64Array(n).fill(Number.NaN)
  const zSim = new Float64Array(n).fill(Number.NaN)

  // pool is always a permutation of 0..n−1; a partial Fisher–Yates over
  // pool[0 .. n−2] samples uniformly whatever its current order.
  const pool = new Int32Array(n)
  for (let i = 0; i < n; i++) pool[i] = i
  const sims = new Float64Array(permutations)
  const avail = n - 1
  // Lemire's (2019) multiply-and-reject draw of an unbiased integer in [0, r):
  // for u uniform on 32 bits, floor(u·r / 2^32) after rejecting the
  // 2^32 mod r low products that would make some outcomes more likely.
  let maxCard = 0
  for (let i = 0; i < n; i++) maxCard = Math.max(maxCard, offsets[i + 1] - offsets[i])
  const rejectBelow = new Float64Array(maxCard)
  for (let k = 0; k < maxCard && k < avail; k++) rejectBelow[k] = TWO_POW_32 % (avail - k)
  const next32 = rng.nextUint32

  for (let i = 0; i < n; i++) {
    const start = offsets[i]
    const m = offsets[i + 1] - start
    let lag = 0
    for (let k = start; k < start + m; k++) {
      if (neighbours[k] === i) throw new Error('conditionalPermutation needs weights without self-neighbours')
      lag += weights[k] * values[neighbours[k]]
    }
    observed[i] = intercept[i] + slope[i] * lag
    if (m === 0) continue
    if (m > avail) throw new Error(`unit ${i} has more neighbours than other units`)

    // Park unit i in the last slot so that draws come from the other n − 1.
    const at = pool.indexOf(i)
    pool[at] = pool[avail]
    pool[avail] = i

    let total = 0
    for (let p = 0; p < permutations; p++) {
      let simLag = 0
      for (let k = 0; k < m; k++) {
        const r = avail - k
        let prod = next32() * r // exact: < 2^53 while r < 2^21
        let hi = Math.floor(prod / TWO_POW_32)
        while (prod - hi * TWO_POW_32 < rejectBelow[k]) {
          prod = next32() * r
          hi = Math.floor(prod / TWO_POW_32)
        }
        const j = k + hi
        const b = pool[j]
        pool[j] = pool[k]
        pool[k] = b
        simLag += weights[start + k] * values[b]
      }
      const s = intercept[i] + slope[i] * simLag
      sims[p] = s
      total += s
    }
    const mu = total / permutations
    let ss = 0
    for (let p = 0; p < permutations; p++) ss += (sims[p] - mu) * (sims[p] - mu)
    const sd = Math.sqrt(ss / permutations)
    simMean[i] = mu
    simSd[i] = sd
    zSim[i] = sd > 0 ? (observed[i] - mu) / sd : Number.NaN
    pSim[i] = foldedPseudoP(observed[i], sims, mu)
  }
  return { observed, pSim, simMean, simSd, zSim }
}

export const DEFAULT_PERMUTATIONS = 999
/** Seed used when none is given, so that reruns on the same data agree. */
export const DEFAULT_SEED = 1
