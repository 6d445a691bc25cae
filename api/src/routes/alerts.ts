import {
  type AlertEvaluation,
  alertEvaluation,
  alertInbox,
  alertRule,
  alertsQuery,
  newRule,
  rulePatch,
} from '@antt/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import { CONDITION_THRESHOLD } from '../alerts/conditions.ts'
import { evaluateAlerts, mailFires } from '../alerts/evaluate.ts'
import { mailConfigFromEnv } from '../alerts/mail.ts'
import { listNotifications, markAllRead, markRead } from '../alerts/notifications.ts'
import { createRule, deleteRule, listRules, updateRule } from '../alerts/rules.ts'
import type { AppEnv } from '../context.ts'
import { describeTag, jsonAnswer } from '../http/describe.ts'
import { json, query, rowIdParam } from '../http/validate.ts'

const doc = describeTag('Alerts')

const ruleAnswer = jsonAnswer(z.object({ rule: alertRule }))

/**
 * Alerts: rules (administrators and leaders), evaluation now (administrators), and each caller's
 * notifications in scope. Evaluation also runs after record changes and daily (alerts/scheduler.ts).
 */
export const alerts = new Hono<AppEnv>()
  .get(
    '/',
    doc(
      "The caller's notifications in scope, newest first, with the unread count",
      { 200: jsonAnswer(alertInbox) },
      {
        description:
          "Episodes of the rules that name the caller's role or user name, for units in the caller's scope. " +
          'Each has unit_code, rule_id, message (in `lang`), figures, fired_at, cleared_at (null while the ' +
          'condition holds), read, and the map layer that shows it. For aggregate-only roles an incident count is ' +
          'null where /api/metrics withholds it for the same unit and period (counts of 1–2, and those withheld ' +
          'to protect them), with every figure computed from it.',
      },
    ),
    query(alertsQuery),
    async (c) => {
      return c.json(await listNotifications(c.get('deps'), c.req.valid('query')))
    },
  )
  .post(
    '/read',
    doc("Mark all the caller's notifications read", {
      200: jsonAnswer(
        z.object({ marked: z.number().int().meta({ description: 'notifications that were unread' }) }),
      ),
    }),
    async (c) => {
      const { db, principal } = c.get('deps')
      return c.json({ marked: await markAllRead(db, principal!) })
    },
  )
  .post(
    '/:id{[0-9]+}/read',
    doc('Mark one notification read', {
      200: jsonAnswer(z.object({ id: z.number().int(), read: z.literal(true) })),
    }),
    rowIdParam,
    async (c) => {
      const { db, principal } = c.get('deps')
      const { id } = c.req.valid('param')
      await markRead(db, principal!, id)
      return c.json({ id, read: true })
    },
  )
  .post(
    '/evaluate',
    doc(
      'Evaluate every enabled rule now (administrators)',
      { 200: jsonAnswer(alertEvaluation) },
      {
        description: 'Answers how many episodes opened (fired) and closed (cleared); every fire is audited.',
      },
    ),
    async (c) => {
      const deps = c.get('deps')
      const r = await evaluateAlerts(deps.db, {
        kind: 'manual',
        who: deps.principal,
        ip: deps.ip,
      })
      const mail = mailConfigFromEnv()
      if (mail && r.fires.length) deps.afterCommit((owner) => mailFires(owner, mail, r.fires))
      return c.json({ fired: r.fired, cleared: r.cleared, as_of: r.as_of } satisfies AlertEvaluation)
    },
  )
  .get(
    '/rules',
    doc('Alert rules', { 200: jsonAnswer(z.object({ rules: z.array(alertRule) })) }),
    async (c) => c.json({ rules: await listRules(c.get('deps').db) }),
  )
  .post(
    '/rules',
    doc(
      'Make an alert rule',
      { 201: ruleAnswer },
      {
        description: `threshold by condition: ${Object.entries(CONDITION_THRESHOLD)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')}`,
      },
    ),
    json(newRule),
    async (c) => c.json({ rule: await createRule(c.get('deps'), c.req.valid('json')) }, 201),
  )
  .patch(
    '/rules/:id',
    doc('Change an alert rule', { 200: ruleAnswer }),
    rowIdParam,
    json(rulePatch),
    async (c) =>
      c.json({ rule: await updateRule(c.get('deps'), c.req.valid('param').id, c.req.valid('json')) }),
  )
  .delete(
    '/rules/:id',
    doc('Delete an alert rule and its episodes', { 204: { description: 'deleted' } }),
    rowIdParam,
    async (c) => {
      await deleteRule(c.get('deps'), c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
