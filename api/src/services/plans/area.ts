import { type CoverageInstance, DEFAULT_PRIORITY_WEIGHTS } from '@antt/analysis'
import type { CoverageRule, DemandKind } from '@antt/contract'
import type { AppDeps } from '../../context.ts'
import { badRequest } from '../../http/errors.ts'
import { type Period, resolvePeriod } from '../period.ts'
import { priorities } from '../stats/priorities.ts'
import type { PlanType } from './plan-type.ts'

export interface PlanVillage {
  code: string
  name: string
  commune_code: string
  population: number
  is_border: boolean
  already_covered: boolean
}

/** The villages of a planning area, what each candidate site would cover, and the demand of each village. */
export interface PlanArea {
  villages: PlanVillage[]
  indexOf: Map<string, number>
  /** candidate village codes, in the order of `coverage` */
  candidates: string[]
  /** per candidate, indices into `villages` */
  coverage: number[][]
  weights: number[]
}

export interface AreaQuery {
  modelType: string
  rule: CoverageRule
  /** radius of a new site of a radius type, metres */
  radiusM: number | null
  communes: string[] | null
  demand: DemandKind
  period: Period
}

/** The period a plan's request asks for and the area of its communes, as a new model of `type` would cover it. */
export async function requestedArea(
  deps: AppDeps,
  type: PlanType,
  req: { from?: string; to?: string; communes?: string[] | null },
  demand: DemandKind,
): Promise<{ period: Period; area: PlanArea }> {
  const period = resolvePeriod(req, await deps.catalog.range())
  const area = await loadArea(deps, {
    modelType: type.code,
    rule: type.rule,
    radiusM: type.radiusM,
    communes: req.communes ?? null,
    demand,
    period,
  })
  return { period, area }
}

/**
 * Loads the planning area through the request's transaction, so row-level security limits it to the
 * caller's scope: villages (plan_villages, 019), candidate coverage (plan_candidate_coverage, 019) and the
 * demand of each village. Memoised until the data changes.
 */
export async function loadArea(deps: AppDeps, q: AreaQuery): Promise<PlanArea> {
  const key = JSON.stringify(['plan-area', q])
  return deps.catalog.memo(key, async () => {
    const villages = await deps.db.query<PlanVillage>(
      'select * from plan_villages($1, $2::date, $3::text[])',
      [q.modelType, q.period.to, q.communes],
    )
    const indexOf = new Map(villages.map((v, i) => [v.code, i]))
    const pairs = await deps.db.query<{ site_code: string; village_code: string }>(
      'select site_code, village_code from plan_candidate_coverage($1, $2, $3::text[])',
      [q.modelType, q.rule === 'radius' ? q.radiusM : 0, q.communes],
    )
    const candidates: string[] = []
    const coverage: number[][] = []
    for (const p of pairs) {
      if (candidates[candidates.length - 1] !== p.site_code) {
        candidates.push(p.site_code)
        coverage.push([])
      }
      const i = indexOf.get(p.village_code)
      if (i !== undefined) coverage[coverage.length - 1].push(i)
    }
    return { villages, indexOf, candidates, coverage, weights: await demandWeights(deps, q, villages) }
  })
}

async function demandWeights(deps: AppDeps, q: AreaQuery, villages: PlanVillage[]): Promise<number[]> {
  if (q.demand === 'population') return villages.map((v) => v.population)
  if (q.demand === 'incidents') {
    const rows = await deps.db.query<{ village_code: string; n: number }>(
      `select village_code, count(*)::int as n from incident
       where occurred_on between $1::date and $2::date and village_code is not null
         and ($3::text[] is null or commune_code = any ($3::text[]))
       group by village_code`,
      [q.period.from, q.period.to, q.communes],
    )
    const n = new Map(rows.map((r) => [r.village_code, r.n]))
    return villages.map((v) => n.get(v.code) ?? 0)
  }
  // the need part of the priority score (points 0–50 with the default weights), village level
  const scored = await priorities(deps, {
    level: 'village',
    from: q.period.from,
    to: q.period.to,
    weights: { ...DEFAULT_PRIORITY_WEIGHTS },
    normalise: 'rank',
  })
  const need = new Map(scored.rows.map((r) => [r.code, r.need]))
  return villages.map((v) => need.get(v.code) ?? 0)
}

export interface Candidates {
  instance: CoverageInstance
  /** village code of each site of the instance */
  siteCodes: string[]
  /** village codes that would cover exactly the same villages as each site (merged into it) */
  equivalents: string[][]
  siteOf: Map<string, number>
}

/**
 * The instance the solvers see: excluded villages removed, and candidates with the same coverage merged
 * into one site (for a commune-wide type every village of a commune is the same site), so the integer
 * program has no copies of one column. A merged site is named by its locked-in village if it has one,
 * else by its most populous village (then the lowest code).
 */
export function candidateSites(
  area: PlanArea,
  locks: { include: string[]; exclude: string[] },
  fieldOf: { include: string; exclude: string } = { include: 'include', exclude: 'exclude' },
): Candidates {
  const known = new Set(area.candidates)
  for (const [field, list] of [
    [fieldOf.include, locks.include],
    [fieldOf.exclude, locks.exclude],
  ] as const) {
    const bad = list.filter((c) => !known.has(c))
    if (bad.length) throw badRequest(field, `not a candidate village in the planning area: ${bad.join(', ')}`)
  }
  const both = locks.include.filter((c) => locks.exclude.includes(c))
  if (both.length) throw badRequest(fieldOf.exclude, `both included and excluded: ${both.join(', ')}`)
  const excluded = new Set(locks.exclude)
  const included = new Set(locks.include)
  const groups = new Map<string, number[]>()
  area.candidates.forEach((code, k) => {
    if (excluded.has(code)) return
    const cover = [...new Set(area.coverage[k])].sort((a, b) => a - b)
    const sig = included.has(code) ? `include:${code}` : cover.join(',')
    const g = groups.get(sig)
    if (g) g.push(k)
    else groups.set(sig, [k])
  })
  const pop = (k: number) => area.villages[area.indexOf.get(area.candidates[k]) ?? -1]?.population ?? 0
  const siteCodes: string[] = []
  const equivalents: string[][] = []
  const covers: number[][] = []
  for (const members of groups.values()) {
    members.sort((a, b) => pop(b) - pop(a) || area.candidates[a].localeCompare(area.candidates[b]))
    siteCodes.push(area.candidates[members[0]])
    equivalents.push(members.slice(1).map((k) => area.candidates[k]))
    covers.push([...new Set(area.coverage[members[0]])])
  }
  return {
    instance: {
      weights: area.weights,
      covers,
      covered: area.villages.map((v) => v.already_covered),
    },
    siteCodes,
    equivalents,
    siteOf: new Map(siteCodes.map((c, j) => [c, j])),
  }
}
