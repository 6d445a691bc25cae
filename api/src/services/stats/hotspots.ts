import { getisOrdGiStar, islands, localMoran, QUADRANT_LABELS, weightsFromNeighbours } from '@antt/analysis'
import type { HotspotResult, HotspotRow, MetricName as StatMetric } from '@antt/contract'
import type { AppDeps } from '../../context.ts'
import type { UnitMetricsQuery } from '../metrics.ts'
import { metricValues } from './metric-values.ts'
import { CONTIGUITY_RULE, CONTIGUITY_TOLERANCE_M, contiguity } from './neighbours.ts'
import { EB_METHOD } from './smoothed-rates.ts'

export interface HotspotQuery extends UnitMetricsQuery {
  metric: StatMetric
  permutations: number
  seed: number
  /** Classes and LISA clusters on Benjamini–Hochberg adjusted p-values (default) or raw ones. */
  fdr: boolean
}

export type { HotspotResult, HotspotRow }

const LISA_ALPHA = 0.05

/** Getis–Ord Gi* and local Moran's I of one metric over the communes or villages in scope. */
export async function hotspots(deps: AppDeps, q: HotspotQuery): Promise<HotspotResult> {
  const { metric, permutations, seed, fdr, ...metricsQuery } = q
  const { metrics, values } = await metricValues(deps, metricsQuery, metric)
  const key = JSON.stringify([
    'hotspots',
    metrics.level,
    metrics.period,
    metrics.filters,
    metric,
    permutations,
    seed,
    fdr,
  ])
  return deps.catalog.memo(key, async () => {
    const nb = await contiguity(deps, metrics.level)
    const analysed = metrics.rows
      .map((r, i) => ({ code: r.code, value: values[i] }))
      .filter((u) => u.value !== null)
    const ids = analysed.map((u) => u.code)
    const x = analysed.map((u) => u.value as number)
    // Units without data are dropped from the weights: their neighbours are linked only to units with data.
    const w = weightsFromNeighbours(nb.neighbours, { ids })
    const pSource =
      permutations > 0 ? (fdr ? 'permutation-fdr' : 'permutation') : fdr ? 'analytical-fdr' : 'analytical'
    const gi = getisOrdGiStar(x, w, { permutations, seed, pValue: pSource })
    const lm = localMoran(x, w, { permutations, seed, alpha: LISA_ALPHA, adjust: fdr ? 'fdr' : 'none' })
    const byCode = new Map(ids.map((id, k) => [id, k]))

    const rows = metrics.rows.map((r): HotspotRow => {
      const k = byCode.get(r.code)
      if (k === undefined) {
        return {
          code: r.code,
          name: r.name,
          value: null,
          neighbours: 0,
          gi_z: null,
          gi_p: null,
          gi_p_fdr: null,
          gi_class: null,
          moran_i: null,
          lisa_quadrant: null,
          lisa_p: null,
          lisa_p_fdr: null,
          lisa_cluster: null,
        }
      }
      const g = gi[k]
      const m = lm[k]
      return {
        code: r.code,
        name: r.name,
        value: g.value,
        neighbours: g.neighbours,
        gi_z: g.z,
        gi_p: permutations > 0 ? g.pSim : g.pNorm,
        gi_p_fdr: permutations > 0 ? g.pSimFdr : g.pNormFdr,
        gi_class: g.cls,
        moran_i: m.I,
        lisa_quadrant: m.quadrant === null ? null : QUADRANT_LABELS[m.quadrant],
        lisa_p: m.pSim,
        lisa_p_fdr: m.pSimFdr,
        lisa_cluster: m.cluster,
      }
    })

    const tally = (list: (string | null)[]) => {
      const out: Record<string, number> = {}
      for (const v of list) if (v !== null) out[v] = (out[v] ?? 0) + 1
      return out
    }
    const islandIds = islands(w)
    const pWord =
      permutations > 0
        ? `pseudo p-values from ${permutations} conditional permutations (seed ${seed})`
        : 'analytical normal p-values'
    const adjust = fdr ? 'Benjamini–Hochberg FDR-adjusted' : 'unadjusted'
    return {
      level: metrics.level,
      metric,
      period: metrics.period,
      method: {
        metric:
          metric === 'incident_rate_eb'
            ? `incident_rate_eb: ${EB_METHOD}, per 1,000 residents per year`
            : metric,
        contiguity: CONTIGUITY_RULE,
        tolerance_m: CONTIGUITY_TOLERANCE_M,
        gi_star:
          'Getis–Ord Gi* (Getis & Ord 1992; Ord & Getis 1995), as PySAL esda G_Local(star=True): binary queen ' +
          'contiguity weights including the unit itself (w_ii = 1); gi_z by the analytical formula; ' +
          `gi_p ${permutations > 0 ? 'folded pseudo p-value from conditional permutations, for the side of gi_z (1 where the permutations point the other way)' : 'two-sided normal p-value of gi_z'}; ` +
          `gi_class hot/cold at 99/95/90 % (p < 0.01/0.05/0.10) on the ${adjust} p-value`,
        local_moran:
          "local Moran's I (Anselin 1995), as PySAL esda Moran_Local: row-standardised queen contiguity weights " +
          'without the unit itself; lisa_quadrant HH/LH/LL/HL of the Moran scatter plot; lisa_p folded pseudo ' +
          `p-value from conditional permutations; lisa_cluster the quadrant when the ${adjust} p < ${LISA_ALPHA}`,
        permutations,
        seed,
        p_values: pWord,
        fdr: fdr
          ? 'Benjamini–Hochberg (1995) over the analysed units (gi_p_fdr, lisa_p_fdr)'
          : 'none: classes use raw p-values (gi_p_fdr and lisa_p_fdr still reported)',
        no_data:
          'units whose value is null are left out of the analysis (not imputed): they get null statistics, and ' +
          'their neighbours are analysed without them; units left without neighbours are islands with null ' +
          'statistics and class not-significant',
        islands: islandIds,
      },
      counts: {
        units: rows.length,
        analysed: ids.length,
        no_data: rows.length - ids.length,
        islands: islandIds.length,
        gi_class: tally(rows.map((r) => r.gi_class)),
        lisa_cluster: tally(rows.map((r) => r.lisa_cluster)),
      },
      rows,
    }
  })
}
