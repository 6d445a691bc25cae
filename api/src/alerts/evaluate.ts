import type { AlertRule } from '@antt/contract'
import type { Db, Queryable } from '@antt/data/db'
import { audit } from '../auth/audit.ts'
import { triggeredUnits } from './conditions.ts'
import { type MailConfig, sendMail } from './mail.ts'
import { alertMessage, discloseFigures } from './messages.ts'

export type RunKind = 'daily' | 'records' | 'manual'

export interface EvaluationResult {
  fired: number
  cleared: number
  as_of: string
  /** the episodes opened by this run, for the e-mail that follows the commit */
  fires: FiredEpisode[]
}

export interface FiredEpisode {
  id: number
  rule: Pick<AlertRule, 'id' | 'name' | 'condition' | 'notify'>
  unit_code: string
  unit_name: string
  figures: Record<string, unknown>
}

/** Key of the transaction-level advisory lock held by a run: one run at a time, across processes too. */
export const RUN_LOCK = 160_016

/**
 * Evaluates every enabled rule (for the units of `communes` only, when given) and records what changed:
 * a unit where a condition starts to hold opens an episode (fires), one where it stopped closes its episode
 * (clears); a condition that still holds writes nothing. Every fire and clear goes to the audit log.
 * `q` must be a transaction: the run takes a transaction-level lock, so runs never overlap.
 */
export async function evaluateAlerts(
  q: Queryable,
  opts: {
    kind: RunKind
    communes?: string[] | null
    who?: { userId: number; username: string } | null
    ip?: string
  },
): Promise<EvaluationResult> {
  await q.query('select pg_advisory_xact_lock($1)', [RUN_LOCK])
  const communes = opts.communes ?? null
  // Data may end before today (an archive, the demo): "now" is the last date of data if earlier.
  const [{ as_of: asOf }] = await q.query<{ as_of: string }>(
    `select to_char(least(current_date, coalesce((select last_date from data_range()), current_date)), 'YYYY-MM-DD') as as_of`,
  )
  const [{ id: runId }] = await q.query<{ id: number }>(
    'insert into alert_run (kind, as_of, communes) values ($1, $2::date, $3::text[]) returning id',
    [opts.kind, asOf, communes],
  )
  const rules = await q.query<AlertRule>(
    'select id, name, condition, threshold, area, level, notify from alert_rule where enabled order by id',
  )
  let fired = 0
  let cleared = 0
  const fires: FiredEpisode[] = []
  const who = opts.who ?? null
  const ip = opts.ip ?? 'scheduler'
  for (const rule of rules) {
    const now = await triggeredUnits(q, {
      condition: rule.condition,
      threshold: rule.threshold,
      level: rule.level,
      area: rule.area,
      communes,
      asOf,
    })
    const open = await q.query<{ id: number; unit_code: string }>(
      `select id, unit_code from alert_episode
       where rule_id = $1 and cleared_at is null and ($2::text[] is null or commune_code = any ($2::text[]))`,
      [rule.id, communes],
    )
    const openUnits = new Set(open.map((e) => e.unit_code))
    const holding = new Set(now.map((t) => t.unit_code))
    for (const e of open) {
      if (holding.has(e.unit_code)) continue
      await q.query('update alert_episode set cleared_at = now() where id = $1', [e.id])
      await audit(q, who, ip, {
        action: 'alert_clear',
        target: `${rule.id}:${e.unit_code}`,
        details: { rule_id: rule.id, episode_id: e.id, unit_code: e.unit_code, run: opts.kind },
      })
      cleared++
    }
    const names = await unitNames(
      q,
      rule.level,
      now.filter((t) => !openUnits.has(t.unit_code)).map((t) => t.unit_code),
    )
    for (const t of now) {
      if (openUnits.has(t.unit_code)) continue
      const [{ id }] = await q.query<{ id: number }>(
        `insert into alert_episode (rule_id, unit_code, commune_code, figures, as_of)
         values ($1, $2, $3, $4::jsonb, $5::date) returning id`,
        [rule.id, t.unit_code, t.commune_code, JSON.stringify(t.figures), asOf],
      )
      await audit(q, who, ip, {
        action: 'alert_fire',
        target: `${rule.id}:${t.unit_code}`,
        details: {
          rule_id: rule.id,
          episode_id: id,
          unit_code: t.unit_code,
          figures: t.figures,
          run: opts.kind,
        },
      })
      fired++
      fires.push({
        id,
        rule: { id: rule.id, name: rule.name, condition: rule.condition, notify: rule.notify },
        unit_code: t.unit_code,
        unit_name: names.get(t.unit_code) ?? t.unit_code,
        figures: t.figures,
      })
    }
  }
  // clock_timestamp(): now() is the start of the transaction, which would make every run finish as it began.
  // Read first: a Citus cluster takes no volatile function in an UPDATE of a table in its metadata.
  const [{ at }] = await q.query<{ at: string }>('select clock_timestamp()::text as at')
  await q.query(
    'update alert_run set finished_at = $4::timestamptz, fired = $2, cleared = $3 where id = $1',
    [runId, fired, cleared, at],
  )
  return { fired, cleared, as_of: asOf, fires }
}

async function unitNames(q: Queryable, level: string, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map()
  const rows = await q.query<{ code: string; name: string }>(
    `select code, name from ${level === 'village' ? 'village' : 'commune'} where code = any ($1::text[])`,
    [codes],
  )
  return new Map(rows.map((r) => [r.code, r.name]))
}

/**
 * E-mails each fire, rendered in Vietnamese, to the rule's `notify.emails` (no incident count: a mailbox has
 * no scope, and leaves the network), and audits every send, or its failure. Nothing happens without a mail
 * config.
 */
export async function mailFires(owner: Db, cfg: MailConfig | null, fires: readonly FiredEpisode[]) {
  if (!cfg) return
  for (const f of fires) {
    const to = f.rule.notify.emails ?? []
    if (to.length === 0) continue
    const message = alertMessage(
      f.rule.condition,
      f.unit_name,
      discloseFigures(f.figures, true, { month: true, baseline: true }),
      'vi',
    )
    const mail = {
      to,
      subject: `[ANTT Atlas] ${f.rule.name}: ${f.unit_name}`,
      text: `${message}\n\nQuy tắc cảnh báo: ${f.rule.name}\nĐơn vị: ${f.unit_name} (${f.unit_code})\n`,
    }
    let error: string | null = null
    try {
      await sendMail(cfg, mail)
    } catch (err) {
      error = (err as Error).message
    }
    await audit(owner, null, 'mail', {
      action: error ? 'alert_mail_failed' : 'alert_mail',
      target: `${f.rule.id}:${f.unit_code}`,
      details: { episode_id: f.id, to, ...(error ? { error } : {}) },
    })
  }
}

const chains = new WeakMap<Db, Promise<unknown>>()

/**
 * Runs an evaluation in its own transaction with the application's rights, after any run this process has
 * started before (and behind the advisory lock for other processes), then mails its fires.
 */
export function runEvaluation(
  owner: Db,
  opts: { kind: RunKind; communes?: string[] | null; mail?: MailConfig | null },
): Promise<EvaluationResult> {
  const previous = chains.get(owner) ?? Promise.resolve()
  const run = previous
    .catch(() => {})
    .then(async () => {
      let result: EvaluationResult | undefined
      await owner.transaction(async (tx) => {
        result = await evaluateAlerts(tx, { kind: opts.kind, communes: opts.communes })
      })
      await mailFires(owner, opts.mail ?? null, (result as EvaluationResult).fires)
      return result as EvaluationResult
    })
  chains.set(owner, run)
  return run
}
