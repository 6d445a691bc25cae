import {
  costBody,
  coverBody,
  coverResult,
  modelTypeCode,
  optimizeBody,
  planExportBody,
  planResult,
  unitCostList,
  unitCostRow,
} from '@antt/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import { can } from '../auth/principal.ts'
import type { AppEnv } from '../context.ts'
import { binary, describeTag, jsonAnswer, XLSX } from '../http/describe.ts'
import { ApiError, badRequest } from '../http/errors.ts'
import { checkPeriod, json, params } from '../http/validate.ts'
import { checkCommuneCode } from '../services/communes.ts'
import { setUnitCost, unitCosts } from '../services/plans/costs.ts'
import { coverPlan } from '../services/plans/cover.ts'
import { optimizePlan } from '../services/plans/optimize.ts'
import { exportPlan } from '../services/plans/plan-xlsx.ts'
import { withScenario } from '../services/scenarios/middleware.ts'

const doc = describeTag('Plans')

async function checkArea(c: { get(k: 'deps'): AppEnv['Variables']['deps'] }, communes?: string[] | null) {
  for (const code of communes ?? []) await checkCommuneCode(c.get('deps'), code, 'communes')
}

/**
 * Where new models should go. POST /optimize: the most demand newly covered by N models (or a budget);
 * POST /cover: the fewest models that bring a target set of villages to a covered share; unit costs per type.
 */
export const plans = new Hono<AppEnv>()
  .post(
    '/optimize',
    doc(
      'Where N new models (or a budget’s worth) cover the most demand: maximal covering, solved exactly',
      {
        200: jsonAnswer(planResult),
      },
      {
        description: [
          'Chooses up to `count` new models of `model_type` (or floor(budget / unit cost)) among the villages of the area ' +
            '(`communes`, default the caller’s whole scope) so that the demand of the villages they newly cover is largest; ' +
            'existing active models of the type at the end of the period stay and their villages count as covered. ' +
            'Coverage follows the type’s rule: its village, its whole commune, or villages within `radius_m` ' +
            '(radius types only; default the type’s own radius). Demand: `population`, `incidents` in the period, or ' +
            '`need` (the need part of the priority score).',
          'Solved as an integer program by HiGHS in a worker thread within `time_limit_s` (status `optimal`, or ' +
            '`time_limit` with the best found and its `gap`), from the greedy answer, which is reported beside it ' +
            '(`greedy_objective`). The curve of covered demand for 1…N models has the greedy value of every k and the optimum of as many k as half of `time_limit_s` more allows.',
          '`objective` is the sum of `demand` over villages covered by the selected sites and not in `already_covered`. ' +
            '`selected` is numbered in order of marginal gain, each with `covers` and `only` (what no other chosen site ' +
            'covers). `include` / `exclude` lock villages in or out. Bad input (unknown type, count < 1, radius outside ' +
            '0–20,000 m, both or neither of count and budget, a locked village outside the area) → 400 naming the field.',
          'With `scenario=<id>` the plan starts from the records as the scenario would leave them.',
        ].join('\n\n'),
      },
    ),
    json(optimizeBody),
    withScenario,
    async (c) => {
      const body = checkPeriod(c.req.valid('json'))
      const hasCount = body.count != null
      const hasBudget = body.budget != null
      if (hasCount === hasBudget)
        throw hasCount
          ? badRequest('budget', 'give count or budget, not both')
          : badRequest('count', 'give count (number of new models) or budget')
      await checkArea(c, body.communes)
      return c.json(await optimizePlan(c.get('deps'), body))
    },
  )
  .post(
    '/cover',
    doc(
      'The fewest new models that bring a target set of villages (border, or all) to a covered share',
      { 200: jsonAnswer(coverResult) },
      {
        description:
          'Set covering with a partial target, solved exactly by HiGHS (greedy beside it): at least ⌈share · target villages⌉ ' +
          'covered, existing coverage included. `status` is `infeasible` when even every allowed site cannot reach it ' +
          '(`target.reachable`). `scenario=<id>`: from the records as the scenario would leave them.',
      },
    ),
    json(coverBody),
    withScenario,
    async (c) => {
      const body = checkPeriod(c.req.valid('json'))
      await checkArea(c, body.communes)
      return c.json(await coverPlan(c.get('deps'), body))
    },
  )
  .post(
    '/export',
    doc(
      'The plan as XLSX: sites in order of gain (commune, village, type, cost, gain), KPIs, parameters',
      { 200: binary(XLSX, 'the workbook') },
      {
        description:
          'The sites are locked in and evaluated again with the plan’s request, so the file holds figures the server ' +
          'computed. Needs the `export` permission as well. In the audit log.',
      },
    ),
    json(planExportBody),
    async (c) => {
      const deps = c.get('deps')
      const req = c.req.valid('json')
      if (!can(deps.principal, 'export'))
        throw new ApiError(403, 'forbidden', 'exporting a plan needs the export permission')
      await checkArea(c, req.plan.communes)
      const body = await exportPlan(deps, req)
      const stamp = new Date().toISOString().slice(0, 10)
      return c.body(body as Uint8Array<ArrayBuffer>, 200, {
        'content-type': XLSX,
        'content-disposition': `attachment; filename="antt-plan-${req.plan.model_type}-${stamp}.xlsx"`,
        'cache-control': 'no-store',
      })
    },
  )
  .get(
    '/costs',
    doc('Unit cost of each model type (VND), used to turn a budget into a number of models', {
      200: jsonAnswer(unitCostList),
    }),
    withScenario,
    async (c) => c.json({ costs: await unitCosts(c.get('deps')) }),
  )
  .patch(
    '/costs/:type',
    doc('Set the unit cost of a model type (audited)', { 200: jsonAnswer(z.object({ cost: unitCostRow })) }),
    params(z.object({ type: modelTypeCode })),
    json(costBody),
    async (c) =>
      c.json({
        cost: await setUnitCost(c.get('deps'), c.req.valid('param').type, c.req.valid('json').unit_cost_vnd),
      }),
  )
