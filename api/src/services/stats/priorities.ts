import {
  clampNormalise,
  compareRates,
  getisOrdGiStar,
  isFiniteNumber,
  type MaybeNumber,
  minMaxNormalise,
  normaliseWeights,
  priorityScores,
  rankNormalise,
  weightsFromNeighbours,
} from '@antt/analysis'
import { COVERAGE_COMPONENTS, NEED_COMPONENTS, type PriorityComponent } from '@antt/contract'
import { isAggregateOnly, previousMonths } from '../../auth/disclosure.ts'
import type { AppDeps } from '../../context.ts'
import { checkCommuneCode } from '../communes.ts'
import type { UnitMetricsQuery } from '../metrics.ts'
import { checkTaxonomyCodes, runMetrics } from '../metrics.ts'
import { withheldUnits } from '../withheld-units.ts'
import { incidentCounts, previousPeriod } from './incident-counts.ts'
import { CONTIGUITY_RULE, contiguity } from './neighbours.ts'
import { EB_METHOD, smoothedRates } from './smoothed-rates.ts'

export type Normalisation = 'rank' | 'minmax'

export interface PriorityQuery extends UnitMetricsQuery {
  weights: Record<PriorityComponent, number>
  normalise: Normalisation
}

/** z at which the hot-spot component is full: the two-sided 99 % normal quantile. */
const Z_FULL = 2.5758293035489
const log2 = (v: number) => Math.log(v) / Math.LN2

function normalisationText(n: Normalisation): Record<PriorityComponent, string> {
  const scale =
    n === 'rank'
      ? 'percentile rank among the units in scope (ties share their mean rank; lowest 0, highest 1)'
      : 'min–max scaling over the units in scope (lowest 0, highest 1)'
  return {
    incident_rate_eb: `Empirical-Bayes smoothed incidents per 1,000 residents per year (${EB_METHOD}), ${scale}`,
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

/**
 * Transparent priority score 0–100 per commune or village (analysis/priority), with every input shown.
 *
 * The area-class and commune filters choose which units are shown, not how they are scored: every unit is
 * scored and ranked among all the units of the caller's scope (so a commune keeps its score when a filter
 * is set), and the rows that pass the filter also carry their rank among themselves (`filter_rank`).
 */
export async function priorities(deps: AppDeps, q: PriorityQuery) {
  const { classes, commune, ...scopeQuery } = q
  // the filters choose rows only, so they are checked here rather than by the metrics query
  await checkTaxonomyCodes(deps, { ...(classes && { classes }) })
  await checkCommuneCode(deps, commune)
  const scored = await scoreScope(deps, scopeQuery)
  const filtered = classes !== undefined || commune !== undefined
  const shown = filtered
    ? scored.rows.filter(
        (r) =>
          (classes === undefined || r.area_classes.some((c) => classes.includes(c))) &&
          (commune === undefined || (r.commune_code ?? r.code) === commune),
      )
    : scored.rows
  // Competition ranking inside the filter, as the scope rank: ties share the best rank.
  let prevScore: number | null = null
  let prevRank = 0
  const rows = shown.map(({ area_classes: _c, ...r }, i) => {
    const filterRank = r.score === null ? null : r.score === prevScore ? prevRank : i + 1
    if (r.score !== null) {
      prevScore = r.score
      prevRank = filterRank as number
    }
    return { ...r, filter_rank: filterRank }
  })
  return {
    ...scored,
    filters: { ...scored.filters, ...(classes && { classes }), ...(commune && { commune }) },
    scope_units: scored.rows.length,
    filter_units: rows.length,
    rows,
  }
}

/** Scores and ranks every unit of the caller's scope; memoised per period, filters and weights. */
async function scoreScope(deps: AppDeps, q: Omit<PriorityQuery, 'classes' | 'commune'>) {
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
    const months = isAggregateOnly(deps.principal)
    const previous = months ? previousMonths(period) : previousPeriod(period)
    const counts = await incidentCounts(deps.db, metrics.level, previous, period, metrics.filters)
    const countByCode = new Map(counts.map((c) => [c.code, c]))
    const rows = metrics.rows
    // Aggregate-only callers (auth/disclosure.ts): a withheld count is missing data here, so the components
    // built on it are missing and the unit's other weights are rescaled, as for any missing component.
    const heldNow = await withheldUnits(deps, metrics.level, period, metrics.filters.categories)
    const heldBefore = await withheldUnits(deps, metrics.level, previous, metrics.filters.categories)
    const current = rows.map((r) =>
      heldNow?.has(r.code) ? null : (countByCode.get(r.code)?.incidents_b ?? r.incidents ?? 0),
    )
    const prior = rows.map((r) =>
      heldBefore?.has(r.code) ? null : (countByCode.get(r.code)?.incidents_a ?? 0),
    )

    const published = rows.map((_, i) => i).filter((i) => current[i] !== null)
    const ebPublished = smoothedRates(
      published.map((i) => ({ population: rows[i].population, incidents: current[i] as number })),
      period,
    )
    const ebOf = new Map(published.map((i, k) => [i, ebPublished.rows[k]]))
    const eb = { rows: rows.map((_, i) => ebOf.get(i) ?? null) }
    const ebRate = eb.rows.map((r) => r?.smoothed ?? null)

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
      const a = prior[i]
      const b = current[i]
      if (!(r.population && r.population > 0) || a === null || b === null) return null
      return compareRates({ a, b, ea: r.population, eb: r.population })
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
        area_classes: r.area_classes,
        score: s.score,
        rank: s.rank,
        contributions: s.contributions,
        need: NEED_COMPONENTS.reduce((acc, k) => acc + (s.contributions[k] ?? 0), 0),
        lack_of_coverage: COVERAGE_COMPONENTS.reduce((acc, k) => acc + (s.contributions[k] ?? 0), 0),
        components: components[i],
        missing: s.missing as PriorityComponent[],
        values: {
          population: r.population,
          incidents: current[i],
          incidents_previous: prior[i],
          incident_rate_per_1000: eb.rows[i]?.raw ?? null,
          incident_rate_eb: ebRate[i],
          rate_flagged: eb.rows[i]?.flagged ?? null,
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
      weights_normalised: normaliseWeights(weights) as Record<PriorityComponent, number>,
      normalise,
      method: {
        score:
          'score = 100 · Σ w_k · c_k with the weights scaled to sum 1 and every component c_k in [0, 1] ' +
          '(1 = more priority); contributions are the points of each component and add up to the score',
        need: NEED_COMPONENTS,
        lack_of_coverage: COVERAGE_COMPONENTS,
        missing:
          "a component that is missing for a unit is left out and the unit's other weights rescaled to sum 1, " +
          'so missing data neither raises nor lowers its score (listed in the row as missing)',
        rank:
          'competition ranking among all the units of the caller’s scope, 1 = highest score; ties share the best rank. ' +
          'Area-class and commune filters choose the rows shown, never the scores: filter_rank is the rank among ' +
          'the rows shown (filter_units of them), rank the rank among all scope_units',
        ...(heldNow && {
          suppressed:
            'a withheld incident count (1–2, or withheld so that such a count cannot be worked out) is missing data: incidents, incidents_previous and the rates, hot-spot z and trend built on it are null, those components are missing, and the Empirical-Bayes prior and the Gi* are computed from the published counts only',
        }),
        components: normalisationText(normalise),
      },
      rows: out,
    }
  })
}
