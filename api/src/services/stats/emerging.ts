import {
  EMERGING_RULES,
  emergingCategory,
  type GiStarOptions,
  type GiStarUnit,
  getisOrdGiStar,
  MANN_KENDALL_MIN_N,
  mannKendall,
  weightsFromNeighbours,
} from '@antt/analysis'
import type {
  EMERGING_STEPS,
  EmergingResult,
  emergingQuery,
  emergingRow,
  emergingStepValue,
  Level,
} from '@antt/contract'
import type { z } from 'zod'
import { isAggregateOnly } from '../../auth/disclosure.ts'
import type { AppDeps } from '../../context.ts'
import { badRequest } from '../../http/errors.ts'
import { scopeProvinces } from '../area.ts'
import { checkTaxonomyCodes } from '../metrics.ts'
import type { Period } from '../period.ts'
import { withheldUnits } from '../withheld-units.ts'
import { CONTIGUITY_RULE, contiguity } from './neighbours.ts'

export type EmergingStep = (typeof EMERGING_STEPS)[number]

/** Fewest steps: Mann–Kendall's normal approximation needs at least four values. */
export const MIN_STEPS = MANN_KENDALL_MIN_N
/** Most steps in one request (ten years of months). */
export const MAX_STEPS = 120
/** Significance of a bin (hot or cold spot at 90 %) and of the trend. */
export const EMERGING_ALPHA = 0.1
/** Default length of the period, in steps, ending with the last step of data. */
const DEFAULT_STEPS: Record<EmergingStep, number> = { month: 24, quarter: 8 }

export type EmergingQuery = z.output<typeof emergingQuery>
export type EmergingBinRow = z.infer<typeof emergingStepValue>
export type EmergingRow = z.infer<typeof emergingRow>
export type { EmergingResult }

const iso = (d: Date) => d.toISOString().slice(0, 10)
const utc = (s: string) => new Date(`${s}T00:00:00Z`)
const monthsOf = (step: EmergingStep) => (step === 'month' ? 1 : 3)

/** First day of the step that holds `date`. */
function stepStart(date: string, step: EmergingStep): Date {
  const d = utc(date)
  const m = d.getUTCMonth()
  return new Date(Date.UTC(d.getUTCFullYear(), m - (m % monthsOf(step)), 1))
}

function addMonths(d: Date, months: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1))
}

function stepLabel(d: Date, step: EmergingStep): string {
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth()
  return step === 'month' ? `${y}-${String(m + 1).padStart(2, '0')}` : `${y}-Q${m / 3 + 1}`
}

export interface StepPlan {
  /** First day of each step. */
  starts: Date[]
  labels: string[]
  /** Each step as a period. */
  steps: Period[]
  /** The period widened to whole steps. */
  period: Period
}

/**
 * The calendar months or quarters that the period touches, widened to whole steps so that every step
 * counts the same span. A missing end is the last date of data; a missing start gives 24 months or 8 quarters.
 */
export function planSteps(q: { from?: string; to?: string }, step: EmergingStep, lastDate: string): StepPlan {
  const to = q.to ?? (q.from && q.from > lastDate ? q.from : lastDate)
  const lastStart = stepStart(to, step)
  const first = q.from
    ? stepStart(q.from, step)
    : addMonths(lastStart, -(DEFAULT_STEPS[step] - 1) * monthsOf(step))
  const starts: Date[] = []
  for (let d = first; d <= lastStart; d = addMonths(d, monthsOf(step))) {
    starts.push(d)
    if (starts.length > MAX_STEPS) break
  }
  const field = q.from ? 'from' : 'to'
  if (starts.length > MAX_STEPS)
    throw badRequest(field, `the period has more than ${MAX_STEPS} ${step} steps; shorten it or use quarters`)
  if (starts.length < MIN_STEPS)
    throw badRequest(
      field,
      `the period has ${starts.length} ${step} step${starts.length === 1 ? '' : 's'}; at least ${MIN_STEPS} are needed for the trend test`,
    )
  const stepEnd = (d: Date) => iso(new Date(addMonths(d, monthsOf(step)).getTime() - 86_400_000))
  return {
    starts,
    labels: starts.map((d) => stepLabel(d, step)),
    steps: starts.map((d) => ({ from: iso(d), to: stepEnd(d) })),
    period: { from: iso(starts[0]), to: stepEnd(lastStart) },
  }
}

/** Incidents per unit and step, in the caller's scope (row-level security applies). */
async function stepCounts(
  deps: AppDeps,
  level: Level,
  step: EmergingStep,
  period: Period,
  categories: string[] | null,
): Promise<{ code: string; step_start: string; n: number }[]> {
  return deps.db.query(
    `select case when $1 = 'commune' then i.commune_code else i.village_code end as code,
            to_char(date_trunc($2, i.occurred_on::timestamp), 'YYYY-MM-DD') as step_start,
            count(*)::int as n
     from incident i
     where i.occurred_on between $3::date and $4::date
       and ($5::text[] is null or i.category_code = any ($5::text[]))
       -- the caller's provinces: one shard's work for a one-province caller on a Citus cluster
       and ($6::text[] is null or i.province_code = any ($6::text[]))
     group by 1, 2`,
    [level, step, period.from, period.to, categories, await scopeProvinces(deps.db, deps.catalog)],
  )
}

/**
 * Emerging hot spot analysis of incident counts: Gi* per step on the contiguity weights of the hot-spot map,
 * Mann–Kendall on each unit's series of Gi* z-scores, and the category (analysis/src/emerging.ts).
 *
 * Aggregate-only callers (auth/disclosure.ts, rule 2): a unit whose count of a step is withheld is missing data
 * in that step, as in the hot-spot map: left out of the step's weights, with no value and no Gi*. Computed on
 * every count, each step's Gi* z-scores are linear in the counts, and the withheld ones could be solved for
 * from the published z-scores and values (they were: every withheld cell of a year of months, exactly).
 */
export async function emergingHotSpots(deps: AppDeps, q: EmergingQuery): Promise<EmergingResult> {
  if (q.categories) await checkTaxonomyCodes(deps, { categories: q.categories })
  const plan = planSteps(q, q.step, (await deps.catalog.range()).to)
  const fdr = q.fdr ?? false
  const aggregateOnly = isAggregateOnly(deps.principal)
  const key = JSON.stringify([
    'emerging',
    q.level,
    q.step,
    plan.period,
    q.categories ?? null,
    q.permutations,
    q.seed,
    fdr,
    aggregateOnly,
  ])
  return deps.catalog.memo(key, async () => {
    const nb = await contiguity(deps, q.level)
    const ids = Object.keys(nb.neighbours)
    const w = weightsFromNeighbours(nb.neighbours, { ids })
    const withheld: (Set<string> | null)[] = []
    for (const p of plan.steps) withheld.push(await withheldUnits(deps, q.level, p, q.categories))
    const unitIndex = new Map(ids.map((id, i) => [id, i]))
    const stepIndex = new Map(plan.starts.map((d, t) => [iso(d), t]))
    const counts = plan.starts.map(() => new Float64Array(ids.length))
    for (const r of await stepCounts(deps, q.level, q.step, plan.period, q.categories ?? null)) {
      const i = r.code === null ? undefined : unitIndex.get(r.code)
      const t = stepIndex.get(r.step_start)
      if (i !== undefined && t !== undefined) counts[t][i] = r.n
    }
    const pValue =
      q.permutations > 0 ? (fdr ? 'permutation-fdr' : 'permutation') : fdr ? 'analytical-fdr' : 'analytical'
    const perStep = counts.map((x, t): (GiStarUnit | null)[] => {
      const options: GiStarOptions = { permutations: q.permutations, seed: q.seed + t, pValue }
      const held = withheld[t]
      if (!held) return getisOrdGiStar(x, w, options)
      const shown = ids.flatMap((id, i) => (held.has(id) ? [] : [i]))
      const gi = getisOrdGiStar(
        shown.map((i) => x[i]),
        weightsFromNeighbours(nb.neighbours, { ids: shown.map((i) => ids[i]) }),
        options,
      )
      const out: (GiStarUnit | null)[] = ids.map(() => null)
      shown.forEach((i, k) => {
        out[i] = gi[k]
      })
      return out
    })
    const names = new Map(
      (
        await deps.db.query<{ code: string; name: string }>(
          q.level === 'commune' ? 'select code, name from commune' : 'select code, name from village',
        )
      ).map((r) => [r.code, r.name]),
    )
    const rows = ids.map((code, i): EmergingRow => {
      let localTotal = 0
      const series = perStep.map((gi, t): EmergingBinRow => {
        const g = gi[i]
        if (!g)
          return { step: plan.labels[t], value: null, suppressed: true, gi_z: null, gi_p: null, hot: null }
        localTotal += g.localSum
        const hot = g.cls.startsWith('hot') ? true : g.cls.startsWith('cold') ? false : null
        return { step: plan.labels[t], value: counts[t][i], gi_z: g.z, gi_p: g.p, hot }
      })
      const z = series.map((s) => s.gi_z).filter((v): v is number => v !== null)
      const mk = z.length >= MANN_KENDALL_MIN_N ? mannKendall(z) : null
      const trend = { z: mk?.z ?? null, p: mk?.p ?? null }
      return {
        code,
        name: names.get(code) ?? code,
        category: emergingCategory(
          series.map((s) => s.hot),
          trend,
          EMERGING_ALPHA,
        ),
        trend_z: trend.z,
        trend_p: trend.p,
        low_counts: localTotal < plan.starts.length,
        series,
      }
    })
    const categories: Record<string, number> = {}
    for (const r of rows) categories[r.category] = (categories[r.category] ?? 0) + 1
    return {
      level: q.level,
      metric: q.metric,
      step: q.step,
      period: plan.period,
      steps: plan.labels,
      method: {
        metric: `incident counts per unit and ${q.step}${q.categories ? ` (categories ${q.categories.join(', ')})` : ''}`,
        contiguity: CONTIGUITY_RULE,
        gi_star:
          'Getis–Ord Gi* of each step on the weights of the hot-spot map (binary, w_ii = 1), as ' +
          '/api/stats/hotspots; gi_p ' +
          (q.permutations > 0
            ? `pseudo p-value from ${q.permutations} conditional permutations (seed ${q.seed} + step index)`
            : 'two-sided normal p-value of gi_z') +
          (fdr ? ', Benjamini–Hochberg adjusted within each step' : ', not adjusted for multiple tests') +
          `; hot true/false for a significant hot/cold spot at ${100 * (1 - EMERGING_ALPHA)} % (gi_p < ${EMERGING_ALPHA})`,
        trend:
          "Mann–Kendall test of each unit's gi_z series (Mann 1945; Kendall 1975), normal approximation with " +
          `the tie correction and continuity correction; trend_p two-sided, significant below ${EMERGING_ALPHA}; ` +
          'steps without a z-score (no incident anywhere in the step, or the unit withheld in it) are left out of the series',
        categories: `Esri emerging hot spot categories (ArcGIS Pro, Emerging Hot Spot Analysis); "significant" = hot true (hot-spot rules) or false (cold-spot rules); 90 % of the steps counts every step. Rules: ${JSON.stringify(EMERGING_RULES)}`,
        low_counts:
          'true when the unit and its neighbours counted fewer incidents in the whole period than there are ' +
          'steps (under one per step): the Gi* series is then mostly ties and the trend test says little',
        islands: nb.islands,
        ...(aggregateOnly && {
          suppressed:
            "a unit whose count of a step is withheld (1–2 incidents, or withheld so that such a count cannot be worked out, as in /api/metrics for that month or quarter) is missing data in that step: its value, gi_z, gi_p and hot are null, and the step's Gi* is computed over the published counts only, as in the hot-spot map",
        }),
      },
      counts: {
        units: rows.length,
        low_counts: rows.filter((r) => r.low_counts).length,
        categories,
      },
      rows,
    }
  })
}
