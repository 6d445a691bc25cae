import { rowId } from '@antt/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import { evaluateAlerts, mailFires } from '../alerts/evaluate.ts'
import { mailConfigFromEnv } from '../alerts/mail.ts'
import { alertsQuery, listNotifications, markAllRead, markRead } from '../alerts/notifications.ts'
import { createRule, deleteRule, listRules, newRule, rulePatch, updateRule } from '../alerts/rules.ts'
import { audit } from '../auth/audit.ts'
import type { AppEnv } from '../context.ts'
import { json, params, query } from '../http/validate.ts'

const idParam = params(z.object({ id: rowId }).strict())

/**
 * Alerts: rules (administrators and leaders), evaluation now (administrators), and each caller's
 * notifications in scope. Evaluation also runs after record changes and daily (alerts/scheduler.ts).
 */
export const alerts = new Hono<AppEnv>()
  .get('/', query(alertsQuery), async (c) => {
    const { db, principal } = c.get('deps')
    return c.json(await listNotifications(db, principal!, c.req.valid('query')))
  })
  .post('/read', async (c) => {
    const { db, principal } = c.get('deps')
    return c.json({ marked: await markAllRead(db, principal!) })
  })
  .post('/:id{[0-9]+}/read', idParam, async (c) => {
    const { db, principal } = c.get('deps')
    const { id } = c.req.valid('param')
    await markRead(db, principal!, id)
    return c.json({ id, read: true })
  })
  .post('/evaluate', async (c) => {
    const deps = c.get('deps')
    const r = await evaluateAlerts(deps.db, {
      kind: 'manual',
      who: deps.principal,
      ip: deps.ip,
    })
    const mail = mailConfigFromEnv()
    if (mail && r.fires.length) deps.afterCommit((owner) => mailFires(owner, mail, r.fires))
    return c.json({ fired: r.fired, cleared: r.cleared, as_of: r.as_of })
  })
  .get('/rules', async (c) => c.json({ rules: await listRules(c.get('deps').db) }))
  .post('/rules', json(newRule), async (c) => {
    const { db, principal, ip } = c.get('deps')
    const rule = await createRule(db, c.req.valid('json'), principal!.username)
    await audit(db, principal, ip, {
      action: 'alert_rule_create',
      target: String(rule.id),
      details: { after: rule },
    })
    return c.json({ rule }, 201)
  })
  .patch('/rules/:id', idParam, json(rulePatch), async (c) => {
    const { db, principal, ip } = c.get('deps')
    const { id } = c.req.valid('param')
    const rule = await updateRule(db, id, c.req.valid('json'))
    await audit(db, principal, ip, {
      action: 'alert_rule_update',
      target: String(id),
      details: { after: rule },
    })
    return c.json({ rule })
  })
  .delete('/rules/:id', idParam, async (c) => {
    const { db, principal, ip } = c.get('deps')
    const { id } = c.req.valid('param')
    await deleteRule(db, id)
    await audit(db, principal, ip, { action: 'alert_rule_delete', target: String(id) })
    return c.body(null, 204)
  })
