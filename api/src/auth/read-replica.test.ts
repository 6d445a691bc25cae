// A read replica (DATABASE_READ_URL): requests that only read run on its read-only pool, everything else and
// every read that writes (an audited export) on the primary. The replica here is the test server itself opened
// read-only, so that any write sent to it fails as it would on a standby.
import { type Db, openPostgres } from '@antt/data/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { operations, sampleUrl } from '../routes/fuzz-requests.ts'
import { getJson, type SignedInApp, signIn, useApp } from '../testing.ts'

const url = process.env.TEST_DATABASE_URL

describe.skipIf(!url)('a read replica on the postgres database', () => {
  const ctx = useApp('postgres')
  let reader: Db
  let onReplica = 0
  const apps: Record<string, SignedInApp> = {}
  beforeAll(async () => {
    reader = await openPostgres(url as string, { max: 2, readOnly: true })
    const counted: Db = {
      ...reader,
      transaction: (fn) => {
        onReplica++
        return reader.transaction(fn)
      },
    }
    const app = createApp(ctx.db, { reader: counted })
    for (const role of ['admin', 'viewer', 'steward'] as const) apps[role] = await signIn(app, role)
  })
  afterAll(() => reader.close())

  it('answers every documented read from the replica, for each role, without writing there', async () => {
    const doc = (await getJson(ctx.app, '/api/openapi.json')).body
    const reads = operations(doc).filter((o) => o.method === 'GET' && !o.path.startsWith('/api/export/'))
    expect(reads.length).toBeGreaterThan(30)
    const failed: string[] = []
    for (const [role, app] of Object.entries(apps))
      for (const { path, op } of reads) {
        const target = sampleUrl(path, op.parameters ?? [])
        const res = await app.request(target)
        const body = await res.text()
        if (res.status >= 500) failed.push(`${role} ${target}: ${res.status} ${body.slice(0, 200)}`)
      }
    expect(failed).toEqual([])
    expect(onReplica).toBeGreaterThan(reads.length)
  })

  it('makes changes on the primary and reads them back at once from the replica', async () => {
    const admin = apps.admin
    const before = onReplica
    const made = await getJson(admin, '/api/views', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Bản sao chỉ đọc', state: { q: 'm=incidents' } }),
    })
    expect(made.status).toBe(201)
    expect(onReplica).toBe(before) // the write did not go to the replica
    const list = await getJson(admin, '/api/views')
    expect(list.body.views.map((v: { id: number }) => v.id)).toContain(made.body.view.id)
    expect(onReplica).toBeGreaterThan(before)
    await admin.request(`/api/views/${made.body.view.id}`, { method: 'DELETE' })
  })

  it('runs an audited export on the primary', async () => {
    const before = onReplica
    const res = await apps.admin.request('/api/export/incidents.csv?commune=02647')
    expect(res.status).toBe(200)
    expect(onReplica).toBe(before)
    const log = await getJson(ctx.app, '/api/audit?action=export')
    expect(log.body.entries[0].target).toBe('incidents.csv')
  })
})
