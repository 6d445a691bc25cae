import {
  chosenSites,
  coverShortfall,
  greedySetCover,
  modelStart,
  orderByMarginalGain,
  reachableTargetPoints,
  setCoverModel,
} from '@antt/analysis'
import type { CoverRequestParsed, CoverResult } from '@antt/contract'
import type { AppDeps } from '../../context.ts'
import { candidateSites, requestedArea } from './area.ts'
import { unitCost } from './costs.ts'
import { planKpis } from './kpis.ts'
import { planType } from './plan-type.ts'
import { solveWithHighs } from './solver.ts'

/**
 * Set covering (analysis/src/covering.ts): the fewest new models of a type that bring the covered share of a
 * target set of villages (the border villages, or all) up to `share`, existing coverage included; HiGHS
 * proves the minimum, greedy is shown beside it. Demand does not enter: every target village counts once.
 */
export async function coverPlan(deps: AppDeps, req: CoverRequestParsed): Promise<CoverResult> {
  const type = await planType(deps, req.model_type, req.radius_m)
  const { period, area } = await requestedArea(deps, type, req, 'population')
  const c = candidateSites(area, req)
  const include = req.include.map((code) => c.siteOf.get(code) as number)
  const target = area.villages.flatMap((v, i) => (req.target === 'all' || v.is_border ? [i] : []))
  const unit = { ...c.instance, weights: area.villages.map(() => 1) }
  const goal = { target, share: req.share }
  const locks = { include, exclude: [] }
  const shortfall = coverShortfall(unit, goal)
  const reachable = reachableTargetPoints(unit, goal, locks)
  const started = performance.now()
  const greedy = greedySetCover(unit, goal, locks)
  let status = 'infeasible'
  let sites: number[] = []
  let gap: number | null = null
  if (greedy && shortfall === 0 && include.length === 0) status = 'optimal'
  else if (greedy) {
    const model = setCoverModel(unit, goal, locks)
    const res = await solveWithHighs(model, req.time_limit_s, modelStart(unit, model, greedy.sites))
    status = res.status
    gap = res.gap
    sites = res.colValue ? chosenSites(model, res.colValue) : greedy.sites
    if (sites.length > greedy.sites.length) sites = greedy.sites
  }
  const targetSet = new Set(target)
  const ordered = orderByMarginalGain(
    { ...unit, weights: unit.weights.map((_, i) => (targetSet.has(i) ? 1 : 0)) },
    sites,
    include,
  )
  const newly = new Set(ordered.sites.flatMap((j) => c.instance.covers[j]))
  const cost = await unitCost(deps, type.code)
  const targetCovered = (set: ReadonlySet<number>) =>
    target.filter((i) => area.villages[i].already_covered || set.has(i)).length
  return {
    status,
    models: status === 'infeasible' ? null : ordered.sites.length,
    greedy_models: greedy ? greedy.sites.length : null,
    gap,
    solver: 'highs',
    time_ms: Math.round(performance.now() - started),
    parameters: {
      model_type: type.code,
      coverage_rule: type.rule,
      radius_m: type.radiusM,
      target: req.target,
      share: req.share,
      communes: req.communes ?? null,
      period,
      include: req.include,
      exclude: req.exclude,
      unit_cost_vnd: cost,
      total_cost_vnd: cost === null || status === 'infeasible' ? null : cost * ordered.sites.length,
    },
    target: {
      villages: target.length,
      covered_before: targetCovered(new Set()),
      needed: shortfall,
      /** most target villages the allowed sites could newly cover all together */
      reachable,
      covered_after: targetCovered(newly),
    },
    selected: ordered.sites.map((j, k) => {
      const v = area.villages[area.indexOf.get(c.siteCodes[j]) as number]
      return {
        rank: k + 1,
        code: v.code,
        name: v.name,
        commune_code: v.commune_code,
        gain: ordered.gains[k],
        locked: include.includes(j),
        covers: c.instance.covers[j]
          .filter((i) => !area.villages[i].already_covered)
          .map((i) => area.villages[i].code),
      }
    }),
    greedy: { selected: greedy ? greedy.sites.map((j) => c.siteCodes[j]) : null },
    before: planKpis(area),
    after: planKpis(area, newly),
    method: {
      objective:
        'set covering with a partial target: the fewest new sites such that at least ⌈share · target villages⌉ ' +
        'of the target villages are covered, counting existing coverage; infeasible when even every allowed site ' +
        'cannot reach it (target.reachable)',
      gain: 'target villages each site newly covers, given the sites before it',
    },
  }
}
