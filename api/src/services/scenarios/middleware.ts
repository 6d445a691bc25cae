import { scenarioParam } from '@antt/contract'
import type { MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { can } from '../../auth/principal.ts'
import type { AppEnv } from '../../context.ts'
import { describe, queryParameter } from '../../http/describe.ts'
import { ApiError, badRequest } from '../../http/errors.ts'
import type { CatalogView } from '../catalog.ts'
import { applyChanges } from './apply.ts'
import { findScenario } from './store.ts'

/**
 * `scenario=<id>` on a request that computes figures (metrics, priorities, statistics, unit detail, the
 * model layer, plans): the rest of the request runs as if the scenario's changes were made, and nothing of
 * them is kept. One path for every figure: a savepoint, the changes (apply.ts, which also takes on the
 * scenario's role), the route's own unchanged SQL, then ROLLBACK TO SAVEPOINT — on success, on error,
 * always — before the answer leaves, which gives back the request's role too. Mounted after
 * the route's validator and before its handler; the handler must not write anything that has to stay (the
 * audit log of an export would be rolled back too), so export routes do not take it.
 *
 * Memoised results are kept apart under the scenario's id and updated_at, so a scenario's figures never
 * answer an actual request, nor an edited scenario's the old one.
 */
const { $schema: _, description, ...scenarioSchema } = z.toJSONSchema(scenarioParam, { io: 'input' })
const scenarioParameter = queryParameter('scenario', scenarioSchema, String(description))

export const withScenario: MiddlewareHandler<AppEnv> = describe<MiddlewareHandler<AppEnv>>(
  async (c, next) => {
    const raw = c.req.query('scenario')
    if (raw === undefined) return next()
    const parsed = scenarioParam.safeParse(raw)
    if (!parsed.success) throw badRequest('scenario', parsed.error.issues[0]?.message ?? 'invalid')
    const deps = c.get('deps')
    if (!can(deps.principal, 'plan'))
      throw new ApiError(403, 'forbidden', `your role (${deps.principal?.role}) may not use scenarios`, [
        { field: 'scenario', problem: 'needs the plan permission' },
      ])
    const scenario = await findScenario(deps, parsed.data, { field: 'scenario' })
    const { to: effectiveOn } = await deps.catalog.range()
    await deps.db.exec('savepoint scenario')
    try {
      await applyChanges(deps, scenario.changes, effectiveOn)
      c.set('deps', {
        ...deps,
        catalog: scenarioCatalog(deps.catalog, `scenario:${scenario.id}:${scenario.updated_at}`),
      })
      await next()
    } finally {
      await deps.db.exec('rollback to savepoint scenario; release savepoint scenario')
    }
  },
  { kind: 'parameters', parameters: [scenarioParameter] },
)

function scenarioCatalog(base: CatalogView, key: string): CatalogView {
  return { ...base, memo: (k, compute) => base.memo(`${key}|${k}`, compute) }
}
