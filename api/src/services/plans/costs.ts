import type { UnitCost } from '@antt/contract'
import { auditRequest } from '../../auth/audit.ts'
import type { AppDeps } from '../../context.ts'
import { notFound } from '../../http/errors.ts'

const COST_COLUMNS = `t.code as type_code, t.name_vi, t.name_en, c.unit_cost_vnd::float8 as unit_cost_vnd, c.updated_by,
  to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at`

/** Unit cost of every model type (model_type_cost, migration 019); null where none is set. */
export async function unitCosts(deps: AppDeps): Promise<UnitCost[]> {
  return deps.db.query<UnitCost>(
    `select ${COST_COLUMNS} from model_type t left join model_type_cost c on c.type_code = t.code order by t.sort, t.code`,
  )
}

export async function unitCost(deps: AppDeps, type: string): Promise<number | null> {
  const [row] = await deps.db.query<{ v: number }>(
    'select unit_cost_vnd::float8 as v from model_type_cost where type_code = $1',
    [type],
  )
  return row?.v ?? null
}

/** Sets the unit cost of a type, in the audit log with the previous value. */
export async function setUnitCost(deps: AppDeps, type: string, cost: number): Promise<UnitCost> {
  const { db, principal } = deps
  const [known] = await db.query('select 1 from model_type where code = $1', [type])
  if (!known) throw notFound(`model type ${type}`, 'type')
  const before = await unitCost(deps, type)
  // model_type_cost is planning data, not a record: an upsert, row by row, with who changed it
  const [updated] = await db.query<{ type_code: string }>(
    `update model_type_cost set unit_cost_vnd = $2, updated_by = $3, updated_at = now() where type_code = $1
     returning type_code`,
    [type, cost, principal?.username ?? null],
  )
  if (!updated)
    await db.query('insert into model_type_cost (type_code, unit_cost_vnd, updated_by) values ($1, $2, $3)', [
      type,
      cost,
      principal?.username ?? null,
    ])
  await auditRequest(deps, {
    action: 'unit_cost_update',
    target: `model_type:${type}`,
    details: { before, after: cost },
  })
  const rows = await unitCosts(deps)
  return rows.find((r) => r.type_code === type) as UnitCost
}
