import type { Db } from '@antt/data/db'
import { type Backend, closeTestDbs, openTestDb } from '@antt/data/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backends } from '../testing.ts'
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
})
