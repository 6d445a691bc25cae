/**
 * Local Moran's I (Anselin 1995, "Local indicators of spatial association —
 * LISA"), matching PySAL esda `Moran_Local` with row-standardised weights and
 * no self-neighbours:
 *
 *   z_i = (x_i − x̄) / sd(x)          (population sd, as esda)
 *   lag_i = Σ_j w_ij z_j              (w row-standardised)
 *   I_i = (n − 1) z_i lag_i / Σ_k z_k²
 *
 * Since Σ z² = n for standardised z this is (n − 1)/n · z_i · lag_i, the
 * scaling esda uses; I_i is invariant to the scale of x.
 * Quadrants follow esda: HH = 1, LH = 2, LL = 3, HL = 4, where "high" means
 * z > 0 and a zero z or lag counts as "low".
 */

import { bhAdjust } from './fdr.ts'
import { conditionalPermutation, DEFAULT_SEED, finiteOrNull, localStatInput } from './permutation.ts'
import { createRng } from './random.ts'
import { mean, populationSd } from './stats-basic.ts'
import { cardinalities, rowStandardise, type SpatialWeights, spatialLag, withoutSelf } from './weights.ts'

export type MoranQuadrant = 1 | 2 | 3 | 4
export type QuadrantLabel = 'HH' | 'LH' | 'LL' | 'HL'
export type LisaCluster = QuadrantLabel | 'not-significant'

export const QUADRANT_LABELS: Readonly<Record<MoranQuadrant, QuadrantLabel>> = {
  1: 'HH',
  2: 'LH',
  3: 'LL',
  4: 'HL',
}

export interface LocalMoranOptions {
  /** Conditional permutations; default 999, 0 to skip inference (clusters all 'not-significant'). */
  permutations?: number
  seed?: number
  /** Significance level for clusters; default 0.05. */
  alpha?: number
  /** Multiple-testing adjustment of the pseudo p-values; default 'fdr' (Benjamini–Hochberg). */
  adjust?: 'fdr' | 'none'
}

export interface LocalMoranUnit {
  id: string
  value: number
  /** Standardised value (x − mean) / population sd; null when x is constant. */
  z: number | null
  /** Row-standardised spatial lag of z (the Moran scatter plot's y); null for islands. */
  lag: number | null
  I: number | null
  quadrant: MoranQuadrant | null
  neighbours: number
  island: boolean
  pSim: number | null
  pSimFdr: number | null
  zSim: number | null
  /** The p-value compared with alpha (adjusted or not, per options). */
  p: number | null
  cluster: LisaCluster
}

/** esda's quadrant rule. */
export function moranQuadrant(z: number, lag: number): MoranQuadrant {
  if (z > 0) return lag > 0 ? 1 : 4
  return lag > 0 ? 2 : 3
}

export function localMoran(
  values: ArrayLike<number>,
  w: SpatialWeights,
  opts: LocalMoranOptions = {},
): LocalMoranUnit[] {
  const { x, n, permutations } = localStatInput(values, w, opts.permutations)
  const alpha = opts.alpha ?? 0.05
  const adjust = opts.adjust ?? 'fdr'

  const wr = rowStandardise(withoutSelf(w))
  const card = cardinalities(wr)
  const xbar = mean(x)
  const sd = populationSd(x)
  const varies = sd > 0 && n > 1
  const z = new Float64Array(n)
  if (varies) for (let i = 0; i < n; i++) z[i] = (x[i] - xbar) / sd
  let zz = 0
  for (let i = 0; i < n; i++) zz += z[i] * z[i]
  const lag = spatialLag(wr, z)
  const scale = new Float64Array(n)
  for (let i = 0; i < n; i++) scale[i] = varies ? ((n - 1) * z[i]) / zz : 0

  let pSim: number[] = new Array(n).fill(Number.NaN)
  let zSim: number[] = new Array(n).fill(Number.NaN)
  if (permutations > 0 && varies) {
    const perm = conditionalPermutation({
      values: z,
      weights: wr,
      intercept: new Float64Array(n),
      slope: scale,
      permutations,
      rng: createRng(opts.seed ?? DEFAULT_SEED),
    })
    pSim = Array.from(perm.pSim)
    zSim = Array.from(perm.zSim)
  }
  const pSimFdr = bhAdjust(pSim)

  return w.ids.map((id, i) => {
    const island = card[i] === 0
    const ok = varies && !island
    const quadrant = ok ? moranQuadrant(z[i], lag[i]) : null
    const p = ok ? finiteOrNull(adjust === 'fdr' ? pSimFdr[i] : pSim[i]) : null
    return {
      id,
      value: x[i],
      z: varies ? z[i] : null,
      lag: ok ? lag[i] : null,
      I: ok ? scale[i] * lag[i] : null,
      quadrant,
      neighbours: card[i],
      island,
      pSim: ok ? finiteOrNull(pSim[i]) : null,
      pSimFdr: ok ? finiteOrNull(pSimFdr[i]) : null,
      zSim: ok ? finiteOrNull(zSim[i]) : null,
      p,
      cluster: quadrant !== null && p !== null && p < alpha ? QUADRANT_LABELS[quadrant] : 'not-significant',
    }
  })
}
