import type { AlertRule, NewRule, RulePatch } from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import { type AuditDeps, auditRequest } from '../auth/audit.ts'
import { ApiError, badRequest, notFound } from '../http/errors.ts'

/** 400 naming `field` when any of `codes` is not a code of `source` (a table, or a subquery with an alias). */
async function checkCodes(
  db: Queryable,
  source: string,
  codes: readonly string[],
  field: string,
  what: string,
) {
  const rows = await db.query<{ code: string }>(`select code from ${source} where code = any ($1::text[])`, [
    codes,
  ])
  const unknown = codes.filter((c) => !rows.some((x) => x.code === c))
  if (unknown.length) throw badRequest(field, `unknown ${what} ${unknown.join(', ')}`)
}

/** Checks what the schema cannot: the threshold's range for the condition, and that codes exist. */
export async function checkRule(db: Queryable, r: NewRule): Promise<void> {
  const t = r.threshold
  const share = r.condition === 'village_coverage_below' || r.condition === 'population_covered_below'
  if (share && !(t >= 0 && t <= 1)) throw badRequest('threshold', 'a share: between 0 and 1')
  if (!share && !(Number.isInteger(t) && t >= 0)) throw badRequest('threshold', 'a whole number, 0 or more')
  if (r.condition === 'hot_spot_emerging' && !(t >= 4 && t <= 120))
    throw badRequest('threshold', 'months analysed: between 4 and 120')
  if (
    (r.condition === 'no_outreach_months' || r.condition === 'exemplary_dissolved') &&
    !(t >= 1 && t <= 120)
  )
    throw badRequest('threshold', 'months: between 1 and 120')
  if ('classes' in r.area) await checkCodes(db, 'area_class', r.area.classes, 'area.classes', 'area class')
  if ('provinces' in r.area)
    await checkCodes(
      db,
      '(select code from province where valid_to is null) p',
      r.area.provinces,
      'area.provinces',
      'province',
    )
  if ('communes' in r.area) await checkCodes(db, 'commune', r.area.communes, 'area.communes', 'commune')
  await checkCodes(db, 'app_role', r.notify.roles, 'notify.roles', 'role')
}

const RULE_COLUMNS = `id, name, condition, threshold, area, level, notify, enabled, created_by,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at`

export function listRules(db: Queryable): Promise<AlertRule[]> {
  return db.query<AlertRule>(`select ${RULE_COLUMNS} from alert_rule order by id`)
}

export async function getRule(db: Queryable, id: number): Promise<AlertRule> {
  const [rule] = await db.query<AlertRule>(`select ${RULE_COLUMNS} from alert_rule where id = $1`, [id])
  if (!rule) throw notFound(`alert rule ${id}`, 'id')
  return rule
}

/** A rule's stored columns in the order the insert and the update write them: name … enabled. */
const ruleValues = (r: NewRule) => [
  r.name,
  r.condition,
  r.threshold,
  JSON.stringify(r.area),
  r.level,
  JSON.stringify(r.notify),
  r.enabled,
]

/** Makes a rule in the caller's name, audited with what was stored. */
export async function createRule(deps: AuditDeps, r: NewRule): Promise<AlertRule> {
  const { db } = deps
  await checkRule(db, r)
  const [{ id }] = await db.query<{ id: number }>(
    `insert into alert_rule (name, condition, threshold, area, level, notify, enabled, created_by)
     values ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7, $8) returning id`,
    [...ruleValues(r), deps.principal!.username],
  )
  const rule = await getRule(db, id)
  await auditRequest(deps, { action: 'alert_rule_create', target: String(id), details: { after: rule } })
  return rule
}

/** Changes a rule; its open episodes stay open until an evaluation finds the (new) condition no longer holds. */
export async function updateRule(deps: AuditDeps, id: number, patch: RulePatch): Promise<AlertRule> {
  const { db } = deps
  const before = await getRule(db, id)
  if (Object.keys(patch).length === 0) throw new ApiError(400, 'invalid_body', 'nothing to change')
  const next: NewRule = {
    name: patch.name ?? before.name,
    condition: patch.condition ?? before.condition,
    threshold: patch.threshold ?? before.threshold,
    area: patch.area ?? before.area,
    level: patch.level ?? before.level,
    notify: patch.notify ?? before.notify,
    enabled: patch.enabled ?? before.enabled,
  }
  await checkRule(db, next)
  await db.query(
    `update alert_rule set name = $2, condition = $3, threshold = $4, area = $5::jsonb, level = $6,
       notify = $7::jsonb, enabled = $8, updated_at = now() where id = $1`,
    [id, ...ruleValues(next)],
  )
  const rule = await getRule(db, id)
  await auditRequest(deps, { action: 'alert_rule_update', target: String(id), details: { after: rule } })
  return rule
}

export async function deleteRule(deps: AuditDeps, id: number): Promise<void> {
  const rows = await deps.db.query('delete from alert_rule where id = $1 returning id', [id])
  if (rows.length === 0) throw notFound(`alert rule ${id}`, 'id')
  await auditRequest(deps, { action: 'alert_rule_delete', target: String(id) })
}
