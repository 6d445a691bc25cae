import {
  chosenSites,
  greedyMaxCover,
  type LinearModel,
  maxCoverModel,
  modelStart,
  orderByMarginalGain,
  siteReasons,
} from '@antt/analysis'
import type { CurvePoint, DemandKind, OptimizeRequest, PlanResult } from '@antt/contract'
import { can } from '../../auth/principal.ts'
import type { AppDeps } from '../../context.ts'
import { ApiError, badRequest } from '../../http/errors.ts'
import { type Candidates, candidateSites, type PlanArea, requestedArea } from './area.ts'
import { unitCost } from './costs.ts'
import { planKpis } from './kpis.ts'
import { type PlanType, planType } from './plan-type.ts'
import { solveWithHighs } from './solver.ts'

/** Demand newly covered, rounded off float noise (population and incidents are whole numbers). */
const tidy = (v: number) => Math.round(v * 1e9) / 1e9

/** How many models: `count`, or as many as the budget buys at the type's unit cost. */
async function modelCount(deps: AppDeps, req: OptimizeRequest, type: PlanType) {
  const cost = await unitCost(deps, type.code)
  if (req.count != null) return { count: req.count, unitCost: cost }
  if (cost === null || cost <= 0)
    throw badRequest('budget', `no unit cost is set for ${type.code}; give count instead`)
  const count = Math.floor((req.budget as number) / cost)
  if (count < 1) throw badRequest('budget', `buys no model at the unit cost of ${cost} VND`)
  return { count, unitCost: cost }
}

interface Solved {
  status: string
  sites: number[]
  objective: number
  gap: number | null
  timeMs: number
}

/** Solves the maximal covering model with HiGHS from the greedy start; an empty model needs no solver. */
async function solveMaxCover(c: Candidates, model: LinearModel, greedySites: number[], timeLimitS: number) {
  if (model.pointColumns.length === 0)
    return { status: 'optimal', sites: greedySites, objective: 0, gap: 0, timeMs: 0 } satisfies Solved
  const res = await solveWithHighs(model, timeLimitS, modelStart(c.instance, model, greedySites))
  if (!res.colValue) throw new Error(`solver returned no solution (${res.status})`)
  const sites = chosenSites(model, res.colValue)
  return {
    status: res.status,
    sites,
    objective: res.objective ?? 0,
    gap: res.gap,
    timeMs: res.timeMs,
  } satisfies Solved
}

/**
 * Maximal covering placement of new models (analysis/src/covering.ts), solved exactly with HiGHS, with the greedy
 * answer beside it, KPIs before and after, the curve of covered demand against 1…N models, and why each
 * chosen site is there.
 */
export async function optimizePlan(deps: AppDeps, req: OptimizeRequest): Promise<PlanResult> {
  // Incident counts per village are record-level detail (a count of 1–2 can point at a household): only
  // for roles that see incident records, even if a deployment grants `plan` to an aggregate-only role.
  if (req.demand === 'incidents' && !can(deps.principal, 'read_incident_points'))
    throw new ApiError(403, 'forbidden', 'demand by incidents needs the read_incident_points permission', [
      { field: 'demand', problem: 'needs read_incident_points' },
    ])
  const type = await planType(deps, req.model_type, req.radius_m)
  const { count, unitCost: cost } = await modelCount(deps, req, type)
  const { period, area } = await requestedArea(deps, type, req, req.demand)
  const c = candidateSites(area, req)
  const include = req.include.map((code) => c.siteOf.get(code) as number)
  if (include.length > count)
    throw badRequest('include', `${include.length} sites locked in, more than the ${count} models planned`)
  const locks = { include, exclude: [] }
  const started = performance.now()
  const greedy = greedyMaxCover(c.instance, count, locks)
  const model = maxCoverModel(c.instance, count, locks)
  const solved = await solveMaxCover(c, model, greedy.sites, req.time_limit_s)
  // never report less than the greedy start (HiGHS keeps it as its incumbent; this guards float noise)
  const best = solved.objective + 1e-9 >= greedy.objective ? solved.sites : greedy.sites
  const ordered = orderByMarginalGain(c.instance, best, include)
  const curve = await gainCurve(
    c,
    count,
    locks,
    { value: ordered.objective, status: solved.status },
    req.time_limit_s,
  )
  const timeMs = performance.now() - started

  const reasons = siteReasons(c.instance, ordered.sites)
  const newly = new Set(reasons.flatMap((r) => r.newly))
  const village = (i: number) => area.villages[i]
  const selected = ordered.sites.map((j, k) => {
    const v = village(area.indexOf.get(c.siteCodes[j]) as number)
    const r = reasons[k]
    return {
      rank: k + 1,
      code: v.code,
      name: v.name,
      commune_code: v.commune_code,
      gain: tidy(ordered.gains[k]),
      locked: include.includes(j),
      cost_vnd: cost,
      covers: r.newly.map((i) => village(i).code),
      only: r.only.map((i) => village(i).code),
      only_demand: tidy(r.onlyDemand),
      equivalent_sites: c.equivalents[j],
    }
  })
  return {
    status: solved.status,
    objective: tidy(ordered.objective),
    gap: solved.gap,
    greedy_objective: tidy(greedy.objective),
    solver: 'highs',
    time_ms: Math.round(timeMs),
    solver_time_ms: Math.round(solved.timeMs),
    parameters: {
      model_type: type.code,
      coverage_rule: type.rule,
      radius_m: type.radiusM,
      demand: req.demand,
      count,
      budget: req.budget ?? null,
      unit_cost_vnd: cost,
      total_cost_vnd: cost === null ? null : cost * selected.length,
      communes: req.communes ?? null,
      period,
      include: req.include,
      exclude: req.exclude,
      time_limit_s: req.time_limit_s,
    },
    selected,
    greedy: {
      objective: tidy(greedy.objective),
      selected: greedy.sites.map((j) => c.siteCodes[j]),
    },
    curve,
    demand: Object.fromEntries(area.villages.map((v, i) => [v.code, area.weights[i]])),
    already_covered: area.villages.filter((v) => v.already_covered).map((v) => v.code),
    coverage: Object.fromEntries(area.candidates.map((code, k) => [code, coverageCodes(area, k)])),
    before: planKpis(area),
    after: planKpis(area, newly),
    method: {
      objective:
        'maximal covering (Church & ReVelle 1974): the chosen sites maximise the demand of villages they newly ' +
        'cover (not covered by an existing active model of the type at the end of the period); at most `count` ' +
        'sites; locks fix sites in or out',
      coverage: COVERAGE_TEXT[type.rule],
      demand: DEMAND_TEXT[req.demand],
      order:
        'sites are numbered in order of marginal gain: each adds the most demand to those before it (locked-in ' +
        'sites first); `only` lists the villages no other chosen site and no existing model covers',
      greedy: 'greedy heuristic: each time the site with the largest marginal gain; shown for comparison',
      curve:
        'covered demand with k = 1…N new models: the greedy value, and the optimum for each k (HiGHS) as far as ' +
        'half of time_limit_s allows (optimal null where not solved); marginal = optimum(k) − optimum(k − 1)',
      candidates:
        'every village of the area is a candidate site; villages whose sites would cover exactly the same ' +
        'villages are one site (equivalent_sites)',
    },
  }
}

const COVERAGE_TEXT: Record<PlanType['rule'], string> = {
  village: 'a new model covers its own village',
  commune: 'a new model covers every village of its commune',
  radius:
    'a new model covers every village whose point lies within radius_m of the site (PostGIS ST_DWithin on the spheroid)',
}
const DEMAND_TEXT: Record<DemandKind, string> = {
  population: 'residents of the village',
  incidents: 'incidents recorded in the village in the period',
  need: 'the need part of the village’s priority score (incident rate, hot spot, border, strategic, trend; default weights, rank normalisation)',
}

function coverageCodes(area: PlanArea, k: number): string[] {
  return [...new Set(area.coverage[k])].map((i) => area.villages[i].code)
}

/** 1…n in an order that halves the gaps first (n/2, n/4, 3n/4, …), so a partial curve covers the range. */
function spreadOrder(first: number, last: number): number[] {
  const out: number[] = []
  const seen = new Set<number>()
  const visit = (lo: number, hi: number) => {
    const queue: [number, number][] = [[lo, hi]]
    while (queue.length) {
      const [a, b] = queue.shift() as [number, number]
      if (a > b) continue
      const mid = (a + b) >> 1
      if (!seen.has(mid)) {
        seen.add(mid)
        out.push(mid)
      }
      queue.push([a, mid - 1], [mid + 1, b])
    }
  }
  visit(first, last)
  return out
}

/**
 * Covered demand for k = 1…N: the greedy value (the greedy of N taken k at a time) and the optimum of each
 * k (HiGHS, from the greedy start) as far as half the time limit allows, solved in an order that halves the
 * gaps first; a k left unsolved has optimal null (status not_solved), one stopped by the limit keeps the
 * best found (time_limit), k = N included (`atN`: the answer's own solve). marginal = optimum(k) − optimum(k − 1)
 * where both are known.
 */
export async function gainCurve(
  c: Candidates,
  count: number,
  locks: { include: number[]; exclude: number[] },
  atN: { value: number; status: string },
  timeLimitS: number,
) {
  const greedy = greedyMaxCover(c.instance, count, locks)
  const first = Math.max(1, locks.include.length)
  const deadline = performance.now() + (timeLimitS * 1000) / 2
  const optimal = new Map<number, { value: number; status: string }>([[count, atN]])
  const greedyAt = (k: number) => greedy.gains.slice(0, k).reduce((a, b) => a + b, 0)
  for (const k of spreadOrder(first, count - 1)) {
    const left = (deadline - performance.now()) / 1000
    if (left < 0.2) break
    const model = maxCoverModel(c.instance, k, locks)
    const start = greedyMaxCover(c.instance, k, locks).sites
    const solved = await solveMaxCover(c, model, start, left)
    optimal.set(k, { value: Math.max(solved.objective, greedyAt(k)), status: solved.status })
  }
  const out: CurvePoint[] = []
  for (let k = first; k <= count; k++) {
    const o = optimal.get(k)
    const before = k === first ? { value: 0 } : optimal.get(k - 1)
    out.push({
      k,
      optimal: o ? tidy(o.value) : null,
      greedy: tidy(greedyAt(k)),
      marginal:
        o && before && (k > first || locks.include.length === 0) ? tidy(o.value - before.value) : null,
      status: o?.status ?? 'not_solved',
    })
  }
  return out
}
