import { Hono } from 'hono'
import { z } from 'zod'
import { audit } from '../auth/audit.ts'
import { can } from '../auth/principal.ts'
import type { AppEnv } from '../context.ts'
import { ApiError, badRequest } from '../http/errors.ts'
import { checkPeriod, json, params } from '../http/validate.ts'
import { checkCommuneCode } from '../services/communes.ts'
import { setUnitCost, unitCosts } from '../services/plans/costs.ts'
import { coverPlan } from '../services/plans/cover.ts'
import { optimizePlan } from '../services/plans/optimize.ts'
import { planXlsx } from '../services/plans/plan-xlsx.ts'
import { costBody, coverBody, optimizeBody, planExportBody } from '../services/plans/requests.ts'
import { withScenario } from '../services/scenarios/middleware.ts'

async function checkArea(c: { get(k: 'deps'): AppEnv['Variables']['deps'] }, communes?: string[] | null) {
  for (const code of communes ?? []) await checkCommuneCode(c.get('deps'), code, 'communes')
}

/**
 * Where new models should go. POST /optimize: the most demand newly covered by N models (or a budget);
 * POST /cover: the fewest models that bring a target set of villages to a covered share; unit costs per type.
 */
export const plans = new Hono<AppEnv>()
  .post('/optimize', json(optimizeBody), withScenario, async (c) => {
    const body = checkPeriod(c.req.valid('json'))
    const hasCount = body.count != null
    const hasBudget = body.budget != null
    if (hasCount === hasBudget)
      throw hasCount
        ? badRequest('budget', 'give count or budget, not both')
        : badRequest('count', 'give count (number of new models) or budget')
    await checkArea(c, body.communes)
    return c.json(await optimizePlan(c.get('deps'), body))
  })
  .post('/cover', json(coverBody), withScenario, async (c) => {
    const body = checkPeriod(c.req.valid('json'))
    await checkArea(c, body.communes)
    return c.json(await coverPlan(c.get('deps'), body))
  })
  .post('/export', json(planExportBody), async (c) => {
    const deps = c.get('deps')
    const { plan, sites, lang } = c.req.valid('json')
    if (!can(deps.principal, 'export'))
      throw new ApiError(403, 'forbidden', 'exporting a plan needs the export permission')
    await checkArea(c, plan.communes)
    // the sites as shown, locked in and re-evaluated here, so the file holds checked figures only
    const result = await optimizePlan(deps, {
      ...plan,
      count: sites.length,
      budget: null,
      include: [...new Set(sites)],
      exclude: plan.exclude.filter((code) => !sites.includes(code)),
    })
    const taxonomies = await deps.catalog.taxonomies()
    const type = taxonomies.model_types.find((t) => t.code === plan.model_type)
    const communes = await deps.db.query<{ code: string; name: string }>(
      'select code, full_name as name from commune',
    )
    const names = new Map(communes.map((r) => [r.code, r.name]))
    const body = await planXlsx(result, {
      lang,
      typeName: (lang === 'vi' ? type?.name_vi : type?.name_en) ?? plan.model_type,
      communeName: (code) => names.get(code) ?? code,
      demo: await deps.catalog.isDemo(),
    })
    await audit(deps.db, deps.principal, deps.ip, {
      action: 'export',
      target: 'plan.xlsx',
      details: {
        kind: 'plan',
        format: 'xlsx',
        lang,
        model_type: plan.model_type,
        sites: result.selected.map((s) => s.code),
      },
    })
    const stamp = new Date().toISOString().slice(0, 10)
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="antt-plan-${plan.model_type}-${stamp}.xlsx"`,
      'cache-control': 'no-store',
    })
  })
  .get('/costs', withScenario, async (c) => c.json({ costs: await unitCosts(c.get('deps')) }))
  .patch(
    '/costs/:type',
    params(z.object({ type: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a model type code') })),
    json(costBody),
    async (c) =>
      c.json({
        cost: await setUnitCost(c.get('deps'), c.req.valid('param').type, c.req.valid('json').unit_cost_vnd),
      }),
  )
