import type { Db } from '@antt/data/db'
import { type Backend, closeTestDbs, openTestDb } from '@antt/data/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backends } from '../testing.ts'
import { evaluateAlerts, RUN_LOCK, runEvaluation } from './evaluate.ts'
import { AlertScheduler, lastSlot } from './scheduler.ts'

describe('lastSlot', () => {
  it('is today at the hour once it has passed, else yesterday', () => {
    expect(lastSlot(new Date('2026-12-03T21:00:00Z'), 20).toISOString()).toBe('2026-12-03T20:00:00.000Z')
    expect(lastSlot(new Date('2026-12-03T19:59:59Z'), 20).toISOString()).toBe('2026-12-02T20:00:00.000Z')
  })
})

describe.each(backends())('the daily alert run on the %s database', (backend: Backend) => {
  let db: Db
  beforeAll(async () => {
    db = await openTestDb(backend)
  })
  afterAll(async () => {
    await db.query(`delete from alert_run where kind = 'daily' and started_at > now() - interval '1 hour'`)
    await closeTestDbs()
  })

  const at = (iso: string) => () => new Date(iso)
  const dailyRuns = async () =>
    (await db.query<{ n: number }>(`select count(*)::int as n from alert_run where kind = 'daily'`))[0].n

  it('catches up a missed run once after a restart, then waits for the next slot', async () => {
    await db.query(`delete from alert_run where kind = 'daily'`)
    // a server that was never running at a slot: the first start runs at once
    const first = new AlertScheduler(db, { hourUtc: 20, now: at('2099-01-10T08:00:00Z') })
    expect(await first.isDue()).toBe(true)
    expect(await first.start()).not.toBeNull()
    first.stop()
    expect(await dailyRuns()).toBe(1)

    // restarted the same day before the next slot: nothing missed, nothing run
    await db.query(`update alert_run set finished_at = '2099-01-10T08:00:00Z' where kind = 'daily'`)
    const again = new AlertScheduler(db, { hourUtc: 20, now: at('2099-01-10T12:00:00Z') })
    expect(await again.start()).toBeNull()
    again.stop()
    expect(await dailyRuns()).toBe(1)

    // down for three days: one catch-up run, not three
    const later = new AlertScheduler(db, { hourUtc: 20, now: at('2099-01-13T09:00:00Z') })
    expect(await later.start()).not.toBeNull()
    later.stop()
    expect(await dailyRuns()).toBe(2)
  })

  it('catches up a daily run that started but never finished (the server stopped during it)', async () => {
    await db.query(`delete from alert_run where kind = 'daily'`)
    await db.query(
      `insert into alert_run (kind, started_at, finished_at) values
         ('daily', '2099-03-01T20:00:00Z', '2099-03-01T20:01:00Z'),
         ('daily', '2099-03-02T20:00:00Z', null)`,
    )
    const restarted = new AlertScheduler(db, { hourUtc: 20, now: at('2099-03-03T07:00:00Z') })
    expect(await restarted.isDue()).toBe(true)
    const run = await restarted.start()
    restarted.stop()
    expect(run?.as_of).toBe('2026-06-30')
    expect(await dailyRuns()).toBe(3)
  })

  it('runs at the daily hour by itself, with no outside scheduler', async () => {
    await db.query(`delete from alert_run where kind = 'daily'`)
    // the slot before: done; the next one half a second away
    await db.query(
      `insert into alert_run (kind, started_at, finished_at) values ('daily', '2099-04-01T20:00:00Z', '2099-04-01T20:02:00Z')`,
    )
    let ran!: (kind: string) => void
    const done = new Promise<string>((resolve) => {
      ran = resolve
    })
    const scheduler = new AlertScheduler(db, {
      hourUtc: 20,
      now: at('2099-04-02T19:59:59.500Z'),
      onRun: (_, kind) => {
        scheduler.stop()
        ran(kind)
      },
    })
    expect(await scheduler.start()).toBeNull()
    expect(await dailyRuns()).toBe(1)
    expect(await done).toBe('daily')
    expect(await dailyRuns()).toBe(2)
  })

  /** Runs since `after`, in the order they started, with whether each began after the one before finished. */
  const runsSince = (after: number) =>
    db.query<{ kind: string; communes: string[] | null; after_previous: boolean | null }>(
      `select kind, communes, started_at >= lag(finished_at) over (order by id) as after_previous
       from alert_run where id > $1 order by id`,
      [after],
    )
  const lastRun = async () =>
    (await db.query<{ id: number }>('select coalesce(max(id), 0)::int as id from alert_run'))[0].id

  it('runs one evaluation at a time: a daily catch-up asked for during a run after a record change waits for it', async () => {
    await db.query(`delete from alert_run where kind = 'daily'`)
    // a rule that takes a while to evaluate (emerging hot spots over two years), so that runs would overlap
    const [{ id }] = await db.query<{ id: number }>(
      `insert into alert_rule (name, condition, threshold, area, level, notify)
       values ('Điểm nóng mới (24 tháng)', 'hot_spot_emerging', 24, '{"all": true}', 'commune', '{"roles": []}')
       returning id`,
    )
    try {
      const since = await lastRun()
      const afterEdit = runEvaluation(db, { kind: 'records', communes: ['02647'] })
      const daily = new AlertScheduler(db, { hourUtc: 20, now: at('2099-05-01T08:00:00Z') })
      const caughtUp = daily.start()
      const [first, second] = await Promise.all([afterEdit, caughtUp])
      daily.stop()
      expect(first.as_of).toBe('2026-06-30')
      expect(second?.as_of).toBe('2026-06-30')
      expect(await runsSince(since)).toEqual([
        { kind: 'records', communes: ['02647'], after_previous: null },
        { kind: 'daily', communes: null, after_previous: true },
      ])
    } finally {
      await db.query('delete from alert_rule where id = $1', [id])
    }
  })

  if (backend === 'postgres')
    it('holds an evaluation on another connection at the lock until the running one commits', async () => {
      const since = await lastRun()
      const lockQueue = async () =>
        (
          await db.query<{ held: number; waiting: number }>(
            `select count(*) filter (where granted)::int as held, count(*) filter (where not granted)::int as waiting
             from pg_locks where locktype = 'advisory' and classid = 0 and objid = $1`,
            [RUN_LOCK],
          )
        )[0]
      let release!: () => void
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      const first = db.transaction(async (tx) => {
        await evaluateAlerts(tx, { kind: 'manual', communes: ['02647'] })
        await gate // still open, still holding the lock
      })
      await expect.poll(lockQueue).toEqual({ held: 1, waiting: 0 })
      let secondDone = false
      const second = db
        .transaction((tx) => evaluateAlerts(tx, { kind: 'manual', communes: ['02701'] }))
        .then((r) => {
          secondDone = true
          return r
        })
      await expect.poll(lockQueue).toEqual({ held: 1, waiting: 1 })
      expect(secondDone).toBe(false)
      release()
      await first
      expect((await second).as_of).toBe('2026-06-30')
      expect(await lockQueue()).toEqual({ held: 0, waiting: 0 })
      // both transactions began before either finished; the second evaluated only once the first had committed
      const [a, b] = await db.query<{ finished: string }>(
        `select to_char(finished_at, 'YYYY-MM-DD HH24:MI:SS.US') as finished from alert_run
         where id > $1 and kind = 'manual' and communes is not null order by id`,
        [since],
      )
      expect(b.finished > a.finished).toBe(true)
    })
})
