import { communeCode, provinceCode } from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import { z } from 'zod'
import { ApiError, badRequest, notFound } from '../http/errors.ts'

/** Built-in conditions; the meaning of `threshold` for each is in conditions.ts (CONDITION_THRESHOLD). */
export const ALERT_CONDITIONS = [
  'village_coverage_below',
  'population_covered_below',
  'overdue_evaluations_above',
  'hot_spot_emerging',
  'incident_spike',
  'exemplary_dissolved',
  'no_outreach_months',
] as const
export type AlertCondition = (typeof ALERT_CONDITIONS)[number]

/** The most provinces a rule names: the country has 34 since 2025-07-01 (as for a user's scope). */
const MAX_RULE_PROVINCES = 40

const areaSchema = z
  .union(
    [
      z.object({ all: z.literal(true) }).strict(),
      z
        .object({
          classes: z
            .array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected an area class code'))
            .min(1)
            .max(20),
        })
        .strict(),
      z.object({ communes: z.array(communeCode).min(1).max(200) }).strict(),
      z.object({ provinces: z.array(provinceCode).min(1).max(MAX_RULE_PROVINCES) }).strict(),
    ],
    { message: 'expected one of {"all": true}, {"classes": […]}, {"communes": […]}, {"provinces": […]}' },
  )
  .meta({
    description:
      'The units a rule watches: {"all": true} (the whole scope), {"classes": [area class codes]} (communes ' +
      'with any of these classes, and their villages), {"communes": [5-digit codes]} or {"provinces": ' +
      '[2-digit codes of provinces in force]} (their communes and villages)',
  })
export type AlertArea = z.infer<typeof areaSchema>

const notifySchema = z
  .object({
    roles: z
      .array(z.string().regex(/^[a-z_]{1,40}$/, 'expected a role code'))
      .max(10)
      .default([]),
    users: z
      .array(z.string().regex(/^[a-z0-9_.-]{3,40}$/, 'expected a user name'))
      .max(100)
      .default([]),
    emails: z.array(z.email('expected an e-mail address').max(200)).max(50).default([]),
  })
  .strict()
export type AlertNotify = z.infer<typeof notifySchema>

const ruleFields = {
  name: z.string().trim().min(1).max(200),
  condition: z.enum(ALERT_CONDITIONS, { message: `expected one of ${ALERT_CONDITIONS.join(', ')}` }),
  threshold: z.number().finite(),
  area: areaSchema,
  level: z.enum(['commune', 'village'], { message: 'expected commune or village' }).default('commune'),
  notify: notifySchema,
  enabled: z.boolean().default(true),
}
export const newRule = z.object(ruleFields).strict()
export const rulePatch = z
  .object({
    name: ruleFields.name.optional(),
    condition: ruleFields.condition.optional(),
    threshold: ruleFields.threshold.optional(),
    area: areaSchema.optional(),
    level: z.enum(['commune', 'village'], { message: 'expected commune or village' }).optional(),
    notify: notifySchema.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
export type NewRule = z.output<typeof newRule>

export interface AlertRule {
  id: number
  name: string
  condition: AlertCondition
  threshold: number
  area: AlertArea
  level: 'commune' | 'village'
  notify: AlertNotify
  enabled: boolean
  created_by: string | null
  created_at: string
  updated_at: string
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
  if ('classes' in r.area) {
    const rows = await db.query<{ code: string }>(
      'select code from area_class where code = any ($1::text[])',
      [r.area.classes],
    )
    const unknown = r.area.classes.filter((c) => !rows.some((x) => x.code === c))
    if (unknown.length) throw badRequest('area.classes', `unknown area class ${unknown.join(', ')}`)
  }
  if ('provinces' in r.area) {
    const rows = await db.query<{ code: string }>(
      'select code from province where valid_to is null and code = any ($1::text[])',
      [r.area.provinces],
    )
    const unknown = r.area.provinces.filter((c) => !rows.some((x) => x.code === c))
    if (unknown.length) throw badRequest('area.provinces', `unknown province ${unknown.join(', ')}`)
  }
  if ('communes' in r.area) {
    const rows = await db.query<{ code: string }>('select code from commune where code = any ($1::text[])', [
      r.area.communes,
    ])
    const unknown = r.area.communes.filter((c) => !rows.some((x) => x.code === c))
    if (unknown.length) throw badRequest('area.communes', `unknown commune ${unknown.join(', ')}`)
  }
  const roles = await db.query<{ code: string }>('select code from app_role where code = any ($1::text[])', [
    r.notify.roles,
  ])
  const badRole = r.notify.roles.find((c) => !roles.some((x) => x.code === c))
  if (badRole) throw badRequest('notify.roles', `unknown role ${badRole}`)
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

export async function createRule(db: Queryable, r: NewRule, by: string): Promise<AlertRule> {
  await checkRule(db, r)
  const [{ id }] = await db.query<{ id: number }>(
    `insert into alert_rule (name, condition, threshold, area, level, notify, enabled, created_by)
     values ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7, $8) returning id`,
    [
      r.name,
      r.condition,
      r.threshold,
      JSON.stringify(r.area),
      r.level,
      JSON.stringify(r.notify),
      r.enabled,
      by,
    ],
  )
  return getRule(db, id)
}

/** Changes a rule; its open episodes stay open until an evaluation finds the (new) condition no longer holds. */
export async function updateRule(
  db: Queryable,
  id: number,
  patch: z.output<typeof rulePatch>,
): Promise<AlertRule> {
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
    [
      id,
      next.name,
      next.condition,
      next.threshold,
      JSON.stringify(next.area),
      next.level,
      JSON.stringify(next.notify),
      next.enabled,
    ],
  )
  return getRule(db, id)
}

export async function deleteRule(db: Queryable, id: number): Promise<void> {
  const rows = await db.query('delete from alert_rule where id = $1 returning id', [id])
  if (rows.length === 0) throw notFound(`alert rule ${id}`, 'id')
}
