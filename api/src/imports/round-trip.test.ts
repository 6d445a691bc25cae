import { randomUUID } from 'node:crypto'
import { IMPORT_KINDS } from '@antt/contract'
import { afterAll, describe, expect, it } from 'vitest'
import { backends, getJson, signIn, useApp } from '../testing.ts'
import { csvOf } from './fixtures/files.ts'
import { upload } from './fixtures/upload.ts'
import { csvRecords } from './read/csv.ts'

/** Every kind exported as a table (XLSX and CSV); boundaries are GeoJSON only, checked on their own below. */
const KINDS = IMPORT_KINDS.filter((k) => k !== 'boundaries')
/** Unique per run: the server database is shared between test files and runs. */
const RUN = randomUUID().slice(0, 6).toUpperCase()

async function* once(bytes: Uint8Array) {
  yield bytes
}

describe.each(backends())('export and import round trip on the %s database', (backend) => {
  const ctx = useApp(backend)
  const imports: string[] = []
  afterAll(async () => {
    for (const table of ['outreach_session', 'safety_certification', 'funding_allocation'])
      await ctx.db.query(`delete from ${table} where id like $1`, [`RC${RUN}-%`])
    await ctx.db.query('delete from import_batch where id = any ($1::uuid[])', [imports])
  })

  it.each(
    KINDS.flatMap(
      (k) =>
        [
          [k, 'csv'],
          [k, 'xlsx'],
        ] as const,
    ),
  )('exports %s as %s and imports it back with nothing to create or update', async (kind, format) => {
    const res = await ctx.app.request(`/api/export/${kind}.${format}?commune=02647`)
    expect(res.status).toBe(200)
    const bytes = new Uint8Array(await res.arrayBuffer())
    const back = await upload(ctx.app, kind, bytes, `${kind}.${format}`)
    imports.push(back.body.id)
    expect(back.status, JSON.stringify(back.body)).toBe(200)
    expect(back.body.errors).toEqual([])
    expect(back.body.rows).toBeGreaterThan(0)
    expect(back.body).toMatchObject({ create: 0, update: 0, skip: back.body.rows, valid: back.body.rows })
  })

  // The commits of these kinds take the path of incidents and evaluations (import.test.ts): each row named
  // with its province, the records' triggers on their shard on a Citus cluster. A record is read back under a
  // new key and with a name of its own (else a duplicate by natural key), then changed in a field.
  it.each([
    ['outreach', 'outreach_session', 'topic', 'attendees'],
    ['certifications', 'safety_certification', 'subject_name', 'year'],
    ['funding', 'funding_allocation', 'purpose', 'amount_vnd'],
  ] as const)(
    'commits %s exported and read back under a new key, then an update of it',
    async (kind, table, name, field) => {
      const res = await ctx.app.request(`/api/export/${kind}.csv?commune=02647&lang=en`)
      const rows: string[][] = []
      for await (const r of csvRecords(once(new Uint8Array(await res.arrayBuffer())))) rows.push(r.cells)
      const [header, first] = rows
      expect(first).toBeDefined()
      const id = `RC${RUN}-${kind}`
      const row = [...first]
      row[header.indexOf('id')] = id
      row[header.indexOf(name)] = `${row[header.indexOf(name)]} (thử ${RUN})`
      const commit = async (cells: string[]) => {
        const dry = await upload(ctx.app, kind, csvOf([header, cells]), `${kind}.csv`)
        imports.push(dry.body.id)
        expect(dry.body.errors, JSON.stringify(dry.body)).toEqual([])
        const done = await getJson(ctx.app, `/api/imports/${dry.body.id}/commit`, { method: 'POST' })
        expect(done.status, JSON.stringify(done.body)).toBe(200)
        return done.body
      }
      expect(await commit(row)).toMatchObject({ create: 1, update: 0 })
      const changed = [...row]
      const at = header.indexOf(field)
      changed[at] = String(Number(row[at]) - 1)
      expect(await commit(changed)).toMatchObject({ create: 0, update: 1 })
      const [stored] = await ctx.db.query<{ value: string; routed: boolean }>(
        `select ${field}::text as value, province_code = commune_province(commune_code) as routed
       from ${table} where id = $1`,
        [id],
      )
      expect(stored).toEqual({ value: changed[at], routed: true })
    },
  )

  it('writes the headers the import reads, lon/lat in WGS84 and the record key, in Vietnamese or English', async () => {
    const vi = new Uint8Array(
      await (await ctx.app.request('/api/export/incidents.csv?commune=02647')).arrayBuffer(),
    )
    expect([...vi.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = []
    for await (const r of csvRecords(once(vi))) rows.push(r.cells)
    expect(rows[0]).toEqual([
      'Mã hồ sơ',
      'Loại vụ việc',
      'Ngày xảy ra',
      'Mã xã',
      'Tên xã',
      'Mã thôn',
      'Tên thôn',
      'Mức độ',
      'Độ chính xác vị trí',
      'Tóm tắt',
      'lon',
      'lat',
    ])
    expect(rows[1][3]).toBe('02647')
    expect(rows[1][2]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/)
    const lon = Number(rows[1][10])
    const lat = Number(rows[1][11])
    expect(lon).toBeGreaterThan(103)
    expect(lat).toBeGreaterThan(21)
    const en = new Uint8Array(
      await (await ctx.app.request('/api/export/models.csv?commune=02647&lang=en')).arrayBuffer(),
    )
    const enRows = []
    for await (const r of csvRecords(once(en))) enRows.push(r.cells)
    expect(enRows[0].slice(0, 4)).toEqual(['id', 'name', 'type_code', 'commune_code'])
    expect(enRows[0].slice(-2)).toEqual(['lon', 'lat'])
    const [audit] = await ctx.db.query<{ details: Record<string, unknown> }>(
      `select details from audit_log where action = 'export' and target = 'models.csv' order by id desc limit 1`,
    )
    expect(audit.details).toMatchObject({ kind: 'models', format: 'csv', lang: 'en' })
  })

  it('exports what row-level security lets the caller see, and needs the permission for individual records', async () => {
    const steward = await signIn(ctx.raw, 'steward')
    const csv = new Uint8Array(
      await (await steward.request('/api/export/incidents.csv?lang=en')).arrayBuffer(),
    )
    const communes = new Set<string>()
    let header: string[] = []
    for await (const r of csvRecords(once(csv))) {
      if (r.row === 1) header = r.cells
      else communes.add(r.cells[header.indexOf('commune_code')])
    }
    expect([...communes]).toEqual(['02647'])
    const roundTrip = await upload(steward, 'incidents', csv, 'mine.csv')
    imports.push(roundTrip.body.id)
    expect(roundTrip.body).toMatchObject({ create: 0, update: 0, errors: [] })

    const briefer = await signIn(ctx.raw, 'briefer')
    const denied = await getJson(briefer, '/api/export/incidents.xlsx')
    expect(denied.status).toBe(403)
    expect(denied.body.error.details[0].field).toBe('kind')
    expect((await briefer.request('/api/export/villages.csv?commune=02647')).status).toBe(200)
    const viewer = await signIn(ctx.raw, 'viewer')
    expect((await viewer.request('/api/export/villages.csv')).status).toBe(403)
    expect((await getJson(ctx.app, '/api/export/boundaries.xlsx')).body.error.details[0].field).toBe('file')
    expect((await getJson(ctx.app, '/api/export/weather.csv')).status).toBe(400)
  })

  it('marks text a spreadsheet would run as a formula, and reads it back as the same text', async () => {
    const id = `RT${randomUUID().slice(0, 6)}`
    // the province named, as a Citus cluster needs to route the row
    await ctx.db.query(
      `insert into security_model (id, name, type_code, commune_code, lead_org_code, founded_on, status, province_code)
       values ($1, '=HYPERLINK("http://x")', 'to_hoa_giai', '02647', 'police', '2020-01-01', 'active',
               commune_province('02647'))`,
      [id],
    )
    try {
      const bytes = new Uint8Array(
        await (await ctx.app.request('/api/export/models.csv?commune=02647')).arrayBuffer(),
      )
      expect(new TextDecoder().decode(bytes)).toContain(`${id},"'=HYPERLINK(""http://x"")"`)
      const back = await upload(ctx.app, 'models', bytes, 'models.csv')
      imports.push(back.body.id)
      expect(back.body).toMatchObject({ create: 0, update: 0, errors: [] })
    } finally {
      await ctx.db.query('delete from security_model where id = $1', [id])
    }
  })

  it('exports boundaries and villages as GeoJSON that import back unchanged', async () => {
    for (const kind of ['boundaries', 'villages']) {
      const res = await ctx.app.request(`/api/export/${kind}.geojson?commune=02647`)
      expect(res.headers.get('content-type')).toContain('geo+json')
      const bytes = new Uint8Array(await res.arrayBuffer())
      const doc = JSON.parse(new TextDecoder().decode(bytes))
      expect(doc.features.length).toBeGreaterThan(0)
      const back = await upload(ctx.app, kind, bytes, `${kind}.geojson`)
      imports.push(back.body.id)
      expect(back.body.errors, kind).toEqual([])
      expect(back.body, kind).toMatchObject({ create: 0, update: 0, skip: doc.features.length })
    }
  })
})
