import type { AlertCondition, AlertInbox, AlertNotification } from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import { can, type Principal } from '../auth/principal.ts'
import type { AppDeps } from '../context.ts'
import { notFound } from '../http/errors.ts'
import { withheldUnits } from '../services/withheld-units.ts'
import {
  alertMessage,
  CONDITION_LAYER,
  discloseFigures,
  type Lang,
  type WithheldFigures,
} from './messages.ts'

/**
 * The caller is told of a rule's episodes when the rule names the caller's role or user name; row-level
 * security keeps to episodes of communes in the caller's scope.
 */
const TOLD = `(r.notify -> 'roles' ? $1 or r.notify -> 'users' ? $2)`

export async function listNotifications(
  deps: AppDeps,
  opts: { lang: Lang; unread: boolean; limit: number },
): Promise<AlertInbox> {
  const { db } = deps
  const p = deps.principal as Principal
  const rows = await db.query<Omit<AlertNotification, 'message' | 'layer'>>(
    `select e.id::int as id, r.id as rule_id, r.name as rule_name, r.condition, r.level, e.unit_code,
            coalesce(v.name, c.name, e.unit_code) as unit_name, e.commune_code, e.figures,
            to_char(e.fired_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as fired_at,
            to_char(e.cleared_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as cleared_at,
            to_char(e.as_of, 'YYYY-MM-DD') as as_of,
            exists (select 1 from alert_read ar where ar.episode_id = e.id and ar.user_id = $3) as read
     from alert_episode e
     join alert_rule r on r.id = e.rule_id
     left join commune c on c.code = e.unit_code
     left join village v on v.code = e.unit_code
     where ${TOLD}
       and (not $4 or not exists (select 1 from alert_read ar where ar.episode_id = e.id and ar.user_id = $3))
     order by e.fired_at desc, e.id desc
     limit $5`,
    [p.role, p.username, p.userId, opts.unread, opts.limit],
  )
  const [{ unread }] = await db.query<{ unread: number }>(
    `select count(*)::int as unread from alert_episode e join alert_rule r on r.id = e.rule_id
     where ${TOLD} and not exists (select 1 from alert_read ar where ar.episode_id = e.id and ar.user_id = $3)`,
    [p.role, p.username, p.userId],
  )
  const aggregateOnly = !can(p, 'read_incident_points')
  const withheld = aggregateOnly ? await withheldCounts(deps, rows) : new Map<number, WithheldFigures>()
  return {
    unread,
    alerts: rows.map((r) => {
      const figures = discloseFigures(r.figures, aggregateOnly, withheld.get(r.id))
      return {
        ...r,
        figures,
        message: alertMessage(r.condition, r.unit_name, figures, opts.lang),
        layer: CONDITION_LAYER[r.condition],
      }
    }),
  }
}

/** Marks one notification read for the caller; 404 when the caller is not told of it or cannot see it. */
export async function markRead(db: Queryable, p: Principal, id: number): Promise<void> {
  const [found] = await db.query(
    `select 1 from alert_episode e join alert_rule r on r.id = e.rule_id where e.id = $3 and ${TOLD}`,
    [p.role, p.username, id],
  )
  if (!found) throw notFound(`alert ${id}`, 'id')
  await db.query('insert into alert_read (episode_id, user_id) values ($1, $2) on conflict do nothing', [
    id,
    p.userId,
  ])
}

/** Marks every notification the caller is told of and can see as read; answers how many were unread. */
export async function markAllRead(db: Queryable, p: Principal): Promise<number> {
  const rows = await db.query(
    `insert into alert_read (episode_id, user_id)
     select e.id, $3 from alert_episode e join alert_rule r on r.id = e.rule_id
     where ${TOLD}
     on conflict do nothing returning episode_id`,
    [p.role, p.username, p.userId],
  )
  return rows.length
}

/** YYYY-MM → the month's first and last day; `back` months earlier for the start. */
function monthPeriod(month: string, back = 0, months = 1) {
  const [y, m] = month.split('-').map(Number)
  const iso = (d: Date) => d.toISOString().slice(0, 10)
  return {
    from: iso(new Date(Date.UTC(y, m - 1 - back, 1))),
    to: iso(new Date(Date.UTC(y, m - 1 - back + months, 0))),
  }
}

/**
 * For an aggregate-only reader: which incident spikes' counts /api/metrics withholds for the same unit and
 * period (secondary suppression protects a count of 1–2 from being had by subtraction): the month's, and the
 * 12 months' before it.
 */
async function withheldCounts(
  deps: AppDeps,
  rows: readonly {
    id: number
    condition: AlertCondition
    level: 'commune' | 'village'
    unit_code: string
    figures: Record<string, unknown>
  }[],
): Promise<Map<number, WithheldFigures>> {
  const out = new Map<number, WithheldFigures>()
  for (const r of rows) {
    const month = r.figures.month
    if (r.condition !== 'incident_spike' || typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month))
      continue
    const inMonth = await withheldUnits(deps, r.level, monthPeriod(month))
    const before = await withheldUnits(deps, r.level, monthPeriod(month, 12, 12))
    out.set(r.id, { month: inMonth?.has(r.unit_code) ?? false, baseline: before?.has(r.unit_code) ?? false })
  }
  return out
}
