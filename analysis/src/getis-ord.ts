/**
 * Getis–Ord local Gi* hot-spot statistic (Getis & Ord 1992; Ord & Getis 1995),
 * matching PySAL esda `G_Local(y, w, transform='B', star=True)`: binary weights
 * with w_ii = 1, and the standardised form
 *
 *   z_i = (Σ_j w_ij x_j − X̄ W_i) / (S √[(n S1_i − W_i²) / (n − 1)]),
 *   W_i = Σ_j w_ij,  S1_i = Σ_j w_ij²,
 *
 * with X̄ and S (population sd) over all n units. Under H0 z_i is approximately
 * standard normal; pseudo p-values come from conditional permutation.
 */

import { bhAdjust } from './fdr.ts'
import { conditionalPermutation, DEFAULT_SEED, finiteOrNull, localStatInput } from './permutation.ts'
import { createRng } from './random.ts'
import { normalTwoSidedP } from './special-functions.ts'
import { mean, populationSd } from './stats-basic.ts'
import { cardinalities, type SpatialWeights, withoutSelf, withSelf } from './weights.ts'

export type HotspotClass =
  | 'hot-99'
  | 'hot-95'
  | 'hot-90'
  | 'cold-99'
  | 'cold-95'
  | 'cold-90'
  | 'not-significant'

/** Which p-value drives the class: Benjamini–Hochberg adjusted or raw, permutation or normal. */
export type GiPValueSource = 'permutation-fdr' | 'permutation' | 'analytical-fdr' | 'analytical'

export interface GiStarOptions {
  /** Conditional permutations; default 999, 0 for analytical p-values only. */
  permutations?: number
  seed?: number
  /** Default 'permutation-fdr' ('analytical-fdr' when permutations is 0). */
  pValue?: GiPValueSource
}

export interface GiStarUnit {
  id: string
  value: number
  /** Σ_j w_ij x_j over the unit and its neighbours. */
  localSum: number
  /** Number of neighbours, not counting the unit itself. */
  neighbours: number
  /** True when the unit has no neighbour: its statistics are null. */
  island: boolean
  /** Standardised Gi* (the z-score). */
  z: number | null
  /** Two-sided normal p-value of z. */
  pNorm: number | null
  pNormFdr: number | null
  /** Folded pseudo p-value from conditional permutation. */
  pSim: number | null
  pSimFdr: number | null
  /** (observed − mean of permutations) / their sd, as esda's z_sim. */
  zSim: number | null
  /** The p-value the class is based on (see GiPValueSource). */
  p: number | null
  cls: HotspotClass
}

/** Class from a direction (sign: + hot, − cold) and a p-value, at 0.01 / 0.05 / 0.10 (p strictly below). */
export function hotspotClass(direction: number, p: number | null): HotspotClass {
  if (p === null || !Number.isFinite(p) || direction === 0 || !Number.isFinite(direction))
    return 'not-significant'
  const side = direction > 0 ? 'hot' : 'cold'
  if (p < 0.01) return `${side}-99`
  if (p < 0.05) return `${side}-95`
  if (p < 0.1) return `${side}-90`
  return 'not-significant'
}

export function getisOrdGiStar(
  values: ArrayLike<number>,
  w: SpatialWeights,
  opts: GiStarOptions = {},
): GiStarUnit[] {
  const { x, n, permutations } = localStatInput(values, w, opts.permutations)
  const source = opts.pValue ?? (permutations > 0 ? 'permutation-fdr' : 'analytical-fdr')
  if (source.startsWith('permutation') && permutations === 0) {
    throw new RangeError(`pValue '${source}' needs permutations > 0`)
  }

  const star = withSelf(w, 1)
  const card = cardinalities(w)
  const xbar = mean(x)
  const s = populationSd(x)
  const z = new Float64Array(n).fill(Number.NaN)
  const localSum = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let lag = 0
    let wi = 0
    let s1 = 0
    for (let k = star.offsets[i]; k < star.offsets[i + 1]; k++) {
      const wij = star.weights[k]
      lag += wij * x[star.neighbours[k]]
      wi += wij
      s1 += wij * wij
    }
    localSum[i] = lag
    if (card[i] === 0 || !(s > 0) || n < 2) continue
    const den = s * Math.sqrt((n * s1 - wi * wi) / (n - 1))
    z[i] = den > 0 ? (lag - xbar * wi) / den : Number.NaN
  }
  const pNorm = Array.from(z, (v) => (Number.isFinite(v) ? normalTwoSidedP(v) : Number.NaN))
  const pNormFdr = bhAdjust(pNorm)

  let pSim: number[] = new Array(n).fill(Number.NaN)
  let zSim: number[] = new Array(n).fill(Number.NaN)
  if (permutations > 0 && s > 0) {
    const perm = conditionalPermutation({
      values: x,
      weights: withoutSelf(star),
      intercept: x, // the unit's own value, w_ii = 1, stays in place
      slope: new Float64Array(n).fill(1),
      permutations,
      rng: createRng(opts.seed ?? DEFAULT_SEED),
    })
    zSim = Array.from(perm.zSim)
    // The pseudo p-value speaks for a hot or cold spot in the direction of z, as the map and the legend say.
    // Where the permutations point the other way (a lone high value among low neighbours: z > 0, yet below
    // its conditional expectation, its own value kept in place and its neighbours drawn) it is 1: neither a
    // hot spot nor, as the permutation's side alone would have it, a cold one.
    pSim = Array.from(perm.pSim, (p, i) =>
      Math.sign(perm.observed[i] - perm.simMean[i]) === Math.sign(z[i]) ? p : Number.isFinite(p) ? 1 : p,
    )
  }
  const pSimFdr = bhAdjust(pSim)

  return w.ids.map((id, i) => {
    const island = card[i] === 0
    const useSim = source.startsWith('permutation')
    const pRaw = useSim
      ? source === 'permutation'
        ? pSim[i]
        : pSimFdr[i]
      : source === 'analytical'
        ? pNorm[i]
        : pNormFdr[i]
    const direction = Math.sign(z[i])
    const p = island ? null : finiteOrNull(pRaw)
    return {
      id,
      value: x[i],
      localSum: localSum[i],
      neighbours: card[i],
      island,
      z: finiteOrNull(z[i]),
      pNorm: finiteOrNull(pNorm[i]),
      pNormFdr: finiteOrNull(pNormFdr[i]),
      pSim: finiteOrNull(pSim[i]),
      pSimFdr: finiteOrNull(pSimFdr[i]),
      zSim: finiteOrNull(zSim[i]),
      p,
      cls: hotspotClass(direction, p),
    }
  })
}
