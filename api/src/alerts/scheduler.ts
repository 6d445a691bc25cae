import type { Db } from '@antt/data/db'
import { type EvaluationResult, runEvaluation } from './evaluate.ts'
import type { MailConfig } from './mail.ts'

const DAY_MS = 86_400_000

/** The latest daily slot (hourUtc:00 UTC) at or before `now`. */
export function lastSlot(now: Date, hourUtc: number): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc))
  return slot.getTime() > now.getTime() ? new Date(slot.getTime() - DAY_MS) : slot
}

export interface SchedulerOptions {
  /** hour of the daily run, UTC (default 20 = 03:00 in Viet Nam) */
  hourUtc?: number
  mail?: MailConfig | null
  now?: () => Date
  /** called after each run (logging) */
  onRun?: (r: EvaluationResult, kind: 'daily') => void
}

/**
 * The daily evaluation inside the server: no external scheduler. On start it looks up the last finished
 * daily run; when it predates the latest slot (the server was down then), it runs at once, so a missed run is
 * caught up once (not once per missed day: every run evaluates the data as it is now). Then it sleeps until
 * the next slot. Runs are serialised with those after record changes (evaluate.ts).
 */
export class AlertScheduler {
  private timer: NodeJS.Timeout | null = null
  private stopped = false
  private readonly hourUtc: number
  private readonly now: () => Date

  constructor(
    private readonly db: Db,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.hourUtc = opts.hourUtc ?? 20
    this.now = opts.now ?? (() => new Date())
  }

  /** Catches up a missed run (awaited), then schedules the next. */
  async start(): Promise<EvaluationResult | null> {
    const caughtUp = (await this.isDue()) ? await this.run() : null
    this.schedule()
    return caughtUp
  }

  stop() {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  async isDue(): Promise<boolean> {
    const [row] = await this.db.query<{ last: string | null }>(
      `select to_char(max(finished_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last
       from alert_run where kind = 'daily' and finished_at is not null`,
    )
    if (!row?.last) return true
    return new Date(row.last).getTime() < lastSlot(this.now(), this.hourUtc).getTime()
  }

  private async run(): Promise<EvaluationResult> {
    const r = await runEvaluation(this.db, { kind: 'daily', mail: this.opts.mail })
    this.opts.onRun?.(r, 'daily')
    return r
  }

  private schedule() {
    if (this.stopped) return
    const next = lastSlot(this.now(), this.hourUtc).getTime() + DAY_MS
    const wait = Math.max(1_000, Math.min(next - this.now().getTime(), 2 ** 31 - 1))
    this.timer = setTimeout(() => {
      this.run()
        .catch((err) => console.warn(`daily alert evaluation failed: ${(err as Error).message}`))
        .finally(() => this.schedule())
    }, wait)
    this.timer.unref()
  }
}
