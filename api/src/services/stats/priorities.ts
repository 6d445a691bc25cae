import {
  clampNormalise,
  compareRates,
  DEFAULT_PRIORITY_WEIGHTS,
  getisOrdGiStar,
  isFiniteNumber,
  type MaybeNumber,
  minMaxNormalise,
  normaliseWeights,
  priorityScores,
  rankNormalise,
  weightsFromNeighbours,
} from '@antt/analysis'
import type { AppDeps } from '../../context.ts'
import type { MetricsQuery } from '../metrics.ts'
import { runMetrics } from '../metrics.ts'
import { incidentCounts, previousPeriod } from './incident-counts.ts'
import { CONTIGUITY_RULE, contiguity } from './neighbours.ts'
import { EB_METHOD, smoothedRates } from './rates.ts'

export type PriorityComponent = keyof typeof DEFAULT_PRIORITY_WEIGHTS
export const PRIORITY_COMPONENTS = Object.keys(DEFAULT_PRIORITY_WEIGHTS) as PriorityComponent[]

export type Normalisation = 'rank' | 'minmax'

export interface PriorityQuery extends MetricsQuery {
  weights: Record<PriorityComponent, number>
  normalise: Normalisation
}

/** z at which the hot-spot component is full: the two-sided 99 % normal quantile. */
const Z_FULL = 2.5758293035489
const log2 = (v: number) => Math.log(v) / Math.LN2

const NEED: PriorityComponent[] = ['incident_rate_eb', 'hotspot_z', 'border', 'strategic', 'trend']

function normalisationText(n: Normalisation): Record<PriorityComponent, string> {
  const scale =
    n === 'rank'
      ? 'percentile rank among the units in scope (ties share their mean rank; lowest 0, highest 1)'
      : 'min–max scaling over the units in scope (lowest 0, highest 1)'
  return {
    incident_rate_eb: `Empirical-Bayes smoothed incidents per 1,000 residents (${EB_METHOD}), ${scale}`,
    hotspot_z: `Gi* z of the EB-smoothed incident rate (binary queen weights with self; ${CONTIGUITY_RULE}), clamped to [0, ${Z_FULL.toFixed(3)}] and divided by ${Z_FULL.toFixed(3)}: cold spots and z ≤ 0 give 0, z at the 99 % level or above gives 1`,
    border: '1 for a border commune (and its villages), else 0',
    strategic: "1 for a commune classed 'strategic' (and its villages), else 0",
    trend:
      'log2 of the lower 95 % confidence bound of the rate ratio (this period against the previous period of the ' +
      'same length, exact conditional binomial test), clamped to [0, 1]: 0 unless the rise is significant, 1 when ' +
      'the rate at least doubled even at the lower bound',
    village_coverage_gap:
      '1 − village coverage (share of villages with an active model of the selected types)',
    effective_gap:
      '1 − effective share (last rating tốt or khá); 1 when the unit has no active model, missing when none is rated',
    evaluation_gap: '1 − evaluation compliance; 1 when the unit has no active model',
    models_per_1000_gap: `1 − (active models per 1,000 residents, ${scale}); missing without population`,
  }
}

/** Transparent priority score 0–100 per commune or village (analysis/priority), with every input shown. */
export async function priorities(deps: AppDeps, q: PriorityQuery) {
  const { weights, normalise, ...metricsQuery } = q
  const metrics = await runMetrics(deps, metricsQuery)
  const key = JSON.stringify([
    'priorities',
    metrics.level,
    metrics.period,
    metrics.filters,
    weights,
    normalise,
  ])
  return deps.catalog.memo(key, async () => {
    const period = metrics.period
    const previous = previousPeriod(period)
    const counts = await incidentCounts(deps.db, metrics.level, previous, period, metrics.filters)
    const countByCode = new Map(counts.map((c) => [c.code, c]))
    const rows = metrics.rows
    const current = rows.map((r) => countByCode.get(r.code)?.incidents_b ?? r.incidents ?? 0)
    const prior = rows.map((r) => countByCode.get(r.code)?.incidents_a ?? 0)

    const eb = smoothedRates(rows.map((r, i) => ({ population: r.population, incidents: current[i] })))
    const ebRate = eb.rows.map((r) => r.smoothed)

    // Gi* z of the smoothed rate over the units that have one; analytical z, so no permutations needed.
    const nb = await contiguity(deps, metrics.level)
    const withRate = rows.map((r, i) => ({ code: r.code, v: ebRate[i] })).filter((u) => u.v !== null)
    const w = weightsFromNeighbours(nb.neighbours, { ids: withRate.map((u) => u.code) })
    const gi = getisOrdGiStar(
      withRate.map((u) => u.v as number),
      w,
      { permutations: 0, pValue: 'analytical' },
    )
    const giByCode = new Map(withRate.map((u, k) => [u.code, gi[k].z]))
    const giZ = rows.map((r) => giByCode.get(r.code) ?? null)

    const trends = rows.map((r, i) => {
      if (!(r.population && r.population > 0)) return null
      return compareRates({ a: prior[i], b: current[i], ea: r.population, eb: r.population })
    })

    const scale = (v: MaybeNumber[], invert = false) =>
      normalise === 'rank' ? rankNormalise(v, { invert }) : minMaxNormalise(v, { invert })
    const rateComponent = scale(ebRate)
    const hotComponent = clampNormalise(giZ, 0, Z_FULL)
    const modelsGap = scale(
      rows.map((r) => r.models_per_1000),
      true,
    )
    const gap = (v: MaybeNumber) => (isFiniteNumber(v) ? 1 - v : null)

    const components = rows.map((r, i) => {
      const noModels = (r.active_models ?? 0) === 0
      const t = trends[i]
      const lower = t?.rrLower
      return {
        incident_rate_eb: rateComponent[i],
        hotspot_z: hotComponent[i],
        border: r.is_border ? 1 : 0,
        strategic: r.area_classes.includes('strategic') ? 1 : 0,
        trend: lower === undefined ? null : lower > 0 ? Math.min(1, Math.max(0, log2(lower))) : 0,
        village_coverage_gap: gap(r.village_coverage),
        effective_gap: noModels ? 1 : gap(r.effective_share),
        evaluation_gap: noModels ? 1 : gap(r.evaluation_compliance),
        models_per_1000_gap: modelsGap[i],
      } satisfies Record<PriorityComponent, number | null>
    })

    const scored = priorityScores(
      rows.map((r, i) => ({ id: r.code, components: components[i] })),
      weights,
    )
    const finite = (v: number | undefined | null) =>
      v !== undefined && v !== null && Number.isFinite(v) ? v : null
    const out = rows.map((r, i) => {
      const s = scored[i]
      const t = trends[i]
      return {
        code: r.code,
        name: r.name,
        commune_code: r.commune_code,
        score: s.score,
        rank: s.rank,
        contributions: s.contributions,
        need: NEED.reduce((acc, k) => acc + (s.contributions[k] ?? 0), 0),
        lack_of_coverage: PRIORITY_COMPONENTS.filter((k) => !NEED.includes(k)).reduce(
          (acc, k) => acc + (s.contributions[k] ?? 0),
          0,
        ),
        components: components[i],
        missing: s.missing,
        values: {
          population: r.population,
          incidents: current[i],
          incidents_previous: prior[i],
          incident_rate_per_1000: eb.rows[i].raw,
          incident_rate_eb: ebRate[i],
          rate_flagged: eb.rows[i].flagged,
          gi_z: giZ[i],
          is_border: r.is_border,
          is_strategic: r.area_classes.includes('strategic'),
          rate_ratio: finite(t?.rateRatio),
          rate_ratio_lower: finite(t?.rrLower),
          trend_p: finite(t?.pValue),
          village_coverage: r.village_coverage,
          effective_share: r.effective_share,
          evaluation_compliance: r.evaluation_compliance,
          active_models: r.active_models,
          models_per_1000: r.models_per_1000,
        },
      }
    })
    out.sort(
      (x, y) =>
        (x.rank ?? Number.POSITIVE_INFINITY) - (y.rank ?? Number.POSITIVE_INFINITY) ||
        x.code.localeCompare(y.code),
    )

    return {
      level: metrics.level,
      period,
      previous_period: previous,
      filters: metrics.filters,
      weights,
      weights_normalised: normaliseWeights(weights),
      normalise,
      method: {
        score:
          'score = 100 · Σ w_k · c_k with the weights scaled to sum 1 and every component c_k in [0, 1] ' +
          '(1 = more priority); contributions are the points of each component and add up to the score',
        need: NEED,
        lack_of_coverage: PRIORITY_COMPONENTS.filter((k) => !NEED.includes(k)),
        missing:
          "a component that is missing for a unit is left out and the unit's other weights rescaled to sum 1, " +
          'so missing data neither raises nor lowers its score (listed in the row as missing)',
        rank: 'competition ranking, 1 = highest score; ties share the best rank',
        components: normalisationText(normalise),
      },
      rows: out,
    }
  })
}
