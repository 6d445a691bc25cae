// Alerts (/api/alerts): the rules, their bodies, and the notifications each caller is told of.
import { z } from 'zod'
import { ALERT_CONDITIONS, LEVELS } from './lists.ts'
import { communeCode, provinceCode } from './params.ts'
import { count, date, named } from './registry.ts'

/** The most provinces a rule names: the country has 34 since 2025-07-01 (as for a user's scope). */
const MAX_RULE_PROVINCES = 40

export const alertArea = z
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
export type AlertArea = z.infer<typeof alertArea>

export const alertNotify = z
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
export type AlertNotify = z.output<typeof alertNotify>

const alertCondition = z.enum(ALERT_CONDITIONS, { message: `expected one of ${ALERT_CONDITIONS.join(', ')}` })
const alertLevel = z.enum(LEVELS, { message: 'expected commune or village' })

const ruleFields = {
  name: z.string().trim().min(1).max(200),
  condition: alertCondition,
  threshold: z.number().finite(),
  area: alertArea,
  level: alertLevel.default('commune'),
  notify: alertNotify,
  enabled: z.boolean().default(true),
}
/** Body of POST /api/alerts/rules. */
export const newRule = z.object(ruleFields).strict()
/** A new rule as the API reads it, defaults applied. */
export type NewRule = z.output<typeof newRule>

/** Body of PATCH /api/alerts/rules/{id}: any of the fields. */
export const rulePatch = z
  .object({
    name: ruleFields.name.optional(),
    condition: alertCondition.optional(),
    threshold: ruleFields.threshold.optional(),
    area: alertArea.optional(),
    level: alertLevel.optional(),
    notify: alertNotify.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
export type RulePatch = z.output<typeof rulePatch>

export const alertRule = named(
  'AlertRule',
  z.object({
    id: count,
    name: z.string(),
    condition: z.enum(ALERT_CONDITIONS),
    threshold: z.number(),
    area: alertArea,
    level: z.enum(LEVELS),
    notify: alertNotify,
    enabled: z.boolean(),
    created_by: z.string().nullable(),
    created_at: z.string().meta({ format: 'date-time' }),
    updated_at: z.string().meta({ format: 'date-time' }),
  }),
)
export type AlertRule = z.infer<typeof alertRule>

/** Query of GET /api/alerts. */
export const alertsQuery = z
  .object({
    lang: z.enum(['vi', 'en'], { message: 'expected vi or en' }).default('vi'),
    unread: z
      .enum(['true', 'false'], { message: 'expected true or false' })
      .transform((v) => v === 'true')
      .default(false),
    limit: z.coerce
      .number({ message: 'expected a whole number' })
      .int('expected a whole number')
      .min(1, 'must be between 1 and 500')
      .max(500, 'must be between 1 and 500')
      .default(100),
  })
  .strict()

/** One episode of a rule for one unit, as the caller is told of it. */
export const alertNotification = named(
  'AlertNotification',
  z.object({
    id: count,
    rule_id: count,
    rule_name: z.string(),
    condition: z.enum(ALERT_CONDITIONS),
    level: z.enum(LEVELS),
    unit_code: z.string(),
    unit_name: z.string(),
    commune_code: z.string(),
    message: z.string().meta({ description: 'in the language asked for' }),
    figures: z.record(z.string(), z.unknown()).meta({
      description:
        'what the condition found; for aggregate-only roles an incident count /api/metrics withholds is null, with every figure computed from it',
    }),
    layer: z
      .string()
      .meta({ description: 'the map layer that shows it: a layer id, or choropleth:<metric>' }),
    fired_at: z.string().meta({ format: 'date-time' }),
    cleared_at: z
      .string()
      .nullable()
      .meta({ format: 'date-time', description: 'null while the condition holds' }),
    as_of: date,
    read: z.boolean(),
  }),
)
export type AlertNotification = z.infer<typeof alertNotification>

/** GET /api/alerts. */
export const alertInbox = z.object({
  unread: count.meta({ description: "the caller's unread notifications, all of them" }),
  alerts: z.array(alertNotification),
})
export type AlertInbox = z.infer<typeof alertInbox>

/** POST /api/alerts/evaluate. */
export const alertEvaluation = z.object({
  fired: count.meta({ description: 'episodes opened' }),
  cleared: count.meta({ description: 'episodes closed' }),
  as_of: date,
})
export type AlertEvaluation = z.infer<typeof alertEvaluation>
