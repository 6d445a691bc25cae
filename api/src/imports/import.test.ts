import { randomUUID } from 'node:crypto'
import { IMPORT_KINDS } from '@antt/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backends, getJson, type SignedInApp, signIn, useApp } from '../testing.ts'
import { csvOf, type Row, xlsxOf } from './fixtures/files.ts'
import { upload } from './fixtures/upload.ts'

/** Unique per run: the server database is shared between test files and runs. */
const RUN = randomUUID().slice(0, 6).toUpperCase()
const key = (n: string | number) => `T${RUN}-${n}`

const MODEL_HEADER: Row = [
  'Mã hồ sơ',
  'Tên mô hình',
  'Loại mô hình',
  'Mã xã',
  'Tên xã',
  'Mã thôn',
  'Đơn vị chủ trì',
  'Ngày thành lập',
  'Số thành viên',
  'Điển hình tiên tiến',
  'Trạng thái',
  'Ngày thanh loại',
  'Lý do thanh loại',
  'Kinh độ',
  'Vĩ độ',
]

/** A model row with only the required columns: no village, status, dissolution or coordinates. */
const bareModel = (id: string, name: string): Row => [
  key(id),
  name,
  'Tổ an ninh tự quản',
  '02647',
  null,
  null,
  'Công an',
  '15/03/2021',
  5,
  'Không',
  null,
  null,
  null,
  null,
  null,
]

/**
 * Models committed by the expiry tests go to commune 02671, not the ward: the alert tests count the ward's
 * overdue models on the shared server database while this file runs beside them.
 */
const elsewhere = (row: Row): Row => row.map((v, i) => (i === 3 ? '02671' : v))

interface Place {
  code: string
  lon: number
  lat: number
}

describe.each(backends())('bulk import on the %s database', (backend) => {
  const ctx = useApp(backend)
  const imports: string[] = []
  let villages: Place[] = []
  let neighbour: Place
  let otherVillage: string
  let existing: { id: string; name: string; type_code: string; commune_code: string; founded_on: string }

  beforeAll(async () => {
    villages = await ctx.db.query<Place>(
      `select code, ST_X(point) as lon, ST_Y(point) as lat from village where commune_code = '02647' order by code limit 3`,
    )
    ;[neighbour] = await ctx.db.query<Place>(
      `select code, ST_X(label_point) as lon, ST_Y(label_point) as lat from commune where code = '02671'`,
    )
    ;[{ code: otherVillage }] = await ctx.db.query<{ code: string }>(
      `select code from village where commune_code = '02671' order by code limit 1`,
    )
    ;[existing] = await ctx.db.query(
      `select id, name, type_code, commune_code, to_char(founded_on, 'YYYY-MM-DD') as founded_on
       from security_model where commune_code = '02647' order by id limit 1`,
    )
    // an old commune split between two new ones (the real crosswalk of Lào Cai has none)
    await ctx.db.query(
      `insert into commune_crosswalk (old_code, old_name, new_code, kind) values
         ('99998', 'Xã Thử Nghiệm', '02647', 'partial'), ('99998', 'Xã Thử Nghiệm', '02671', 'partial')
       on conflict do nothing`,
    )
  })

  afterAll(async () => {
    await ctx.db.query(`delete from commune_crosswalk where old_code = '99998'`)
    for (const table of ['evaluation', 'incident', 'security_model'])
      await ctx.db.query(`delete from ${table} where id like $1 or id like any ($2::text[])`, [
        `T${RUN}-%`,
        imports.map((id) => `%-${id.slice(0, 8).toUpperCase()}-%`),
      ])
    await ctx.db.query('delete from import_batch where id = any ($1::uuid[])', [imports])
  })

  const dry = async (
    app: SignedInApp,
    kind: string,
    bytes: Uint8Array,
    name: string,
    extra?: Record<string, string>,
  ) => {
    const res = await upload(app, kind, bytes, name, extra)
    if (res.body?.id) imports.push(res.body.id)
    return res
  }

  const cleanModels = (): Row[] => [
    MODEL_HEADER,
    [
      key(1),
      'Tổ an ninh tự quản thử 1',
      'Tổ an ninh tự quản',
      '02647',
      'Phường Lào Cai',
      villages[0].code,
      'Công an',
      '15/03/2021',
      9,
      'Không',
      'Đang hoạt động',
      null,
      null,
      villages[0].lon,
      villages[0].lat,
    ],
    [
      key(2),
      'Tổ hòa giải thử 2',
      'to_hoa_giai',
      '2647',
      'Lao Cai',
      villages[1].code,
      'MTTQ',
      new Date(Date.UTC(2019, 5, 1)),
      5,
      'Có',
      'Hoạt động yếu',
      null,
      null,
      villages[1].lon,
      villages[1].lat,
    ],
    [
      key(3),
      'Camera an ninh thử 3',
      'Security cameras',
      '02647',
      null,
      null,
      'police',
      '2018-01-20',
      0,
      'no',
      'Đã thanh loại',
      '01/06/2024',
      'Hỏng thiết bị',
      villages[2].lon,
      villages[2].lat,
    ],
  ]

  it('dry-runs a clean workbook with Vietnamese headers: every row valid, nothing written yet', async () => {
    const before = await ctx.db.query('select count(*)::int as n from security_model')
    const res = await dry(ctx.app, 'models', await xlsxOf(cleanModels()), 'mo-hinh.xlsx')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      kind: 'models',
      status: 'validated',
      format: 'xlsx',
      rows: 3,
      valid: 3,
      create: 3,
      update: 0,
      skip: 0,
    })
    expect(res.body.errors).toEqual([])
    expect(typeof res.body.id).toBe('string')
    expect(await ctx.db.query('select count(*)::int as n from security_model')).toEqual(before)
    // progress and counts can be polled
    const polled = await getJson(ctx.app, `/api/imports/${res.body.id}`)
    expect(polled.body).toMatchObject({ status: 'validated', rows: 3, processed: 3, valid: 3 })
  })

  it('commits all rows with their status history, and a re-import creates nothing', async () => {
    const bytes = await xlsxOf(cleanModels())
    const first = await dry(ctx.app, 'models', bytes, 'mo-hinh.xlsx')
    const commit = await getJson(ctx.app, `/api/imports/${first.body.id}/commit`, { method: 'POST' })
    expect(commit.status, JSON.stringify(commit.body)).toBe(200)
    expect(commit.body).toMatchObject({ status: 'committed', create: 3, update: 0, skip: 0 })
    // then the table's planner statistics are refreshed (ANALYZE after the commit): reltuples is exact again
    // (checked on the embedded database, which has no autovacuum and is this file's alone)
    const stats = () =>
      ctx.db.query<{ reltuples: number; n: number }>(
        `select c.reltuples::int as reltuples, (select count(*)::int from security_model) as n
         from pg_class c where c.relname = 'security_model'`,
      )
    if (backend === 'embedded')
      await expect
        .poll(async () => ((r) => r.reltuples === r.n)((await stats())[0]), { timeout: 20_000 })
        .toBe(true)
    const rows = await ctx.db.query<Record<string, unknown>>(
      `select id, type_code, lead_org_code, to_char(founded_on, 'YYYY-MM-DD') as founded_on, status, exemplary,
              to_char(dissolved_on, 'YYYY-MM-DD') as dissolved_on, commune_code
       from security_model where id like $1 order by id`,
      [`T${RUN}-%`],
    )
    expect(rows).toEqual([
      {
        id: key(1),
        type_code: 'to_an_ninh_tu_quan',
        lead_org_code: 'police',
        founded_on: '2021-03-15',
        status: 'active',
        exemplary: false,
        dissolved_on: null,
        commune_code: '02647',
      },
      {
        id: key(2),
        type_code: 'to_hoa_giai',
        lead_org_code: 'fatherland_front',
        founded_on: '2019-06-01',
        status: 'weak',
        exemplary: true,
        dissolved_on: null,
        commune_code: '02647',
      },
      {
        id: key(3),
        type_code: 'camera_an_ninh',
        lead_org_code: 'police',
        founded_on: '2018-01-20',
        status: 'dissolved',
        exemplary: false,
        dissolved_on: '2024-06-01',
        commune_code: '02647',
      },
    ])
    const history = await ctx.db.query<{ status: string; valid_to: string | null }>(
      `select status, to_char(valid_to, 'YYYY-MM-DD') as valid_to from security_model_status where model_id = $1 order by valid_from`,
      [key(3)],
    )
    expect(history).toEqual([
      { status: 'active', valid_to: '2024-06-01' },
      { status: 'dissolved', valid_to: null },
    ])
    const [entry] = await ctx.db.query<{ details: Record<string, unknown> }>(
      `select details from audit_log where action = 'import_commit' and target = $1`,
      [first.body.id],
    )
    expect(entry.details).toMatchObject({ kind: 'models', create: 3 })

    const again = await dry(ctx.app, 'models', bytes, 'mo-hinh.xlsx')
    expect(again.body).toMatchObject({ rows: 3, valid: 3, create: 0, update: 0, skip: 3 })
    expect((await getJson(ctx.app, `/api/imports/${again.body.id}/commit`, { method: 'POST' })).status).toBe(
      200,
    )
    expect(
      await ctx.db.query('select count(*)::int as n from security_model where id like $1', [`T${RUN}-%`]),
    ).toEqual([{ n: 3 }])
    // a second commit of the same import is refused
    const twice = await getJson(ctx.app, `/api/imports/${first.body.id}/commit`, { method: 'POST' })
    expect(twice.status).toBe(409)
    expect(twice.body.error.details[0].field).toBe('id')
  })

  it('updates a changed row and matches rows without a key by their natural key', async () => {
    const changed = cleanModels()
    changed[1] = [...changed[1]]
    ;(changed[1] as unknown[])[8] = 12 // members
    // the same record without its key: found by name, type and commune
    changed[2] = [null, ...changed[2].slice(1)]
    const res = await dry(ctx.app, 'models', csvOf(changed), 'mo-hinh.csv')
    expect(res.body).toMatchObject({ rows: 3, valid: 3, create: 0, update: 1, skip: 2 })
  })

  it('lists every planted error with its row and field, and refuses to commit', async () => {
    const v = villages[0]
    /** A bare model that is active, at the point of village v (status: column 10, lon and lat: 13 and 14). */
    const good = (id: string, name: string): unknown[] =>
      bareModel(id, name).map((x, j) => ({ 10: 'Đang hoạt động', 13: v.lon, 14: v.lat })[j] ?? x)
    const rows: unknown[][] = [MODEL_HEADER as unknown[]]
    const planted: [number, string][] = []
    const plant = (field: string, row: unknown[]) => {
      rows.push(row)
      planted.push([rows.length, field])
    }
    const withCol = (base: unknown[], i: number, value: unknown) => base.map((x, j) => (j === i ? value : x))
    plant('commune_code', withCol(good('e1', 'Lỗi xã'), 3, '99999'))
    plant('type_code', withCol(good('e2', 'Lỗi loại'), 2, 'Tổ bay'))
    plant('founded_on', withCol(good('e3', 'Lỗi ngày tương lai'), 7, '01/01/2099'))
    plant('founded_on', withCol(good('e4', 'Lỗi ngày'), 7, '31/02/2024'))
    plant('lon', [...good('e5', 'Ngoài xã').slice(0, 13), neighbour.lon, neighbour.lat])
    plant('lon', [...good('e6', 'Ngoài tỉnh').slice(0, 13), 106.5, 21.0])
    plant('lon', [...good('e7', 'Đảo tọa độ').slice(0, 13), v.lat, v.lon])
    plant('lon', [...good('e8', 'Tọa độ mét').slice(0, 13), 423000, 2490000])
    plant('id', [
      key('e9'),
      existing.name,
      existing.type_code,
      existing.commune_code,
      ...good('', '').slice(4, 7),
      existing.founded_on,
      5,
      'Không',
      'Đang hoạt động',
      null,
      null,
      null,
      null,
    ])
    rows.push(good('e10', 'Trùng khóa A'))
    plant('id', good('e10', 'Trùng khóa B'))
    plant('commune_code', withCol(good('e11', 'Xã cũ bị chia'), 3, '99998'))
    plant('lead_org_code', withCol(good('e12', 'Lỗi đơn vị'), 6, 'Hội Chưa Có'))
    plant('dissolved_on', withCol(good('e13', 'Thanh loại thiếu ngày'), 10, 'Đã thanh loại'))
    plant('village_code', withCol(good('e14', 'Thôn xã khác'), 5, otherVillage))
    plant('members', withCol(good('e15', 'Âm thành viên'), 8, -3))
    plant('exemplary', withCol(good('e16', 'Điển hình mơ hồ'), 9, 'có lẽ'))
    plant('commune_name', withCol(withCol(good('e17', 'Tên xã lạ'), 3, null), 4, 'Xã Không Tồn Tại'))

    const res = await dry(ctx.app, 'models', await xlsxOf(rows as Row[]), 'loi.xlsx')
    expect(res.status).toBe(200)
    const found = res.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])
    expect([...found].sort()).toEqual([...planted].sort())
    expect(res.body).toMatchObject({ rows: rows.length - 1, valid: 1, errors_total: planted.length })
    for (const e of res.body.errors) expect(e.message).toMatch(/\w/)
    const byRow = Object.fromEntries(
      res.body.errors.map((e: { row: number; message: string }) => [e.row, e.message]),
    )
    expect(byRow[planted[4][0]]).toMatch(/outside commune 02647/)
    expect(byRow[planted[5][0]]).toMatch(/outside the province/)
    expect(byRow[planted[6][0]]).toMatch(/swapped/)
    expect(byRow[planted[7][0]]).toMatch(/projected/)
    expect(byRow[planted[8][0]]).toMatch(new RegExp(`duplicate of record ${existing.id}`))
    expect(byRow[planted[10][0]]).toMatch(/split among 02647 .*02671/)

    const before = await ctx.db.query('select count(*)::int as n from security_model')
    const commit = await getJson(ctx.app, `/api/imports/${res.body.id}/commit`, { method: 'POST' })
    expect(commit.status).toBe(409)
    expect(commit.body.error.code).toBe('import_has_errors')
    expect(await ctx.db.query('select count(*)::int as n from security_model')).toEqual(before)
  })

  it('translates an old commune code through the 2025 crosswalk with a warning', async () => {
    const [old] = await ctx.db.query<{ old_code: string }>(
      `select old_code from commune_crosswalk where new_code = '02647' and old_code <> '02647' and kind = 'full' order by old_code limit 1`,
    )
    const rows: Row[] = [
      ['Loại vụ việc', 'Ngày xảy ra', 'Mã xã', 'Kinh độ', 'Vĩ độ'],
      ['Trộm cắp tài sản', '05/03/2025', old.old_code, villages[0].lon, villages[0].lat],
    ]
    const res = await dry(ctx.app, 'incidents', csvOf(rows), 'vu-viec.csv')
    expect(res.body).toMatchObject({ valid: 1, create: 1 })
    expect(res.body.warnings).toContainEqual(
      expect.objectContaining({
        row: 2,
        field: 'commune_code',
        message: expect.stringMatching(/read as 02647/),
      }),
    )
  })

  it('reads a CSV with a byte-order mark, semicolons, a decimal comma and a title row above the header', async () => {
    const text = [
      '\ufeffDANH SÁCH VỤ VIỆC QUÝ I/2025;;;;;;',
      'Mã hồ sơ;Lĩnh vực;Ngày xảy ra;Tên xã;Tên thôn;Kinh độ;Vĩ độ',
      `${key('c1')};Trộm cắp;5/3/2025;phuong lao cai;${villages[0].code};${String(villages[0].lon).replace('.', ',')};${String(villages[0].lat).replace('.', ',')}`,
      `${key('c2')};Ma túy;2025-03-07;Lào Cai;;;`,
    ].join('\r\n')
    const res = await dry(ctx.app, 'incidents', new TextEncoder().encode(text), 'vu-viec.csv')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.errors).toEqual([])
    expect(res.body).toMatchObject({ rows: 2, valid: 2, create: 2, format: 'csv' })
    // a row without coordinates is placed at its commune, approximately, with a warning
    expect(res.body.warnings).toContainEqual(expect.objectContaining({ row: 4, field: 'lon' }))
  })

  it('reads VN-2000 TM-3 X/Y as Vietnamese sheets write them (X northing) and in GIS order (with a warning)', async () => {
    const rows: Row[] = [
      ['Mã hồ sơ', 'Loại vụ việc', 'Ngày xảy ra', 'Mã xã', 'X', 'Y'],
      [key('x1'), 'theft', '01/02/2025', '02647', 2490000, 423000],
      [key('x2'), 'theft', '02/02/2025', '02647', 423000, 2490000],
    ]
    const res = await dry(ctx.app, 'incidents', csvOf(rows), 'xy.csv', { crs: 'VN2000-TM3-104.75' })
    expect(res.body.errors).toEqual([])
    expect(res.body).toMatchObject({ crs: 'VN2000-TM3-104.75', valid: 2 })
    expect(res.body.warnings).toEqual([
      expect.objectContaining({ row: 3, field: 'x', message: expect.stringMatching(/easting/) }),
    ])
    const wrongZone = await dry(ctx.app, 'incidents', csvOf(rows), 'xy.csv', { crs: 'VN2000-TM3-106' })
    expect(wrongZone.body.errors[0]).toMatchObject({
      row: 2,
      field: 'x',
      message: expect.stringMatching(/outside the province.*104\.75/),
    })
    const noCrs = await dry(ctx.app, 'incidents', csvOf(rows), 'xy.csv')
    expect(noCrs.body.errors[0]).toMatchObject({
      row: 2,
      field: 'x',
      message: expect.stringMatching(/projected/),
    })
  })

  it('checks evaluations: before founding, in the future, unknown rating, unknown model', async () => {
    const day = (iso: string, d: number) =>
      new Date(Date.parse(`${iso}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10)
    const rows: Row[] = [
      ['Mã mô hình', 'Ngày đánh giá', 'Xếp loại', 'Đơn vị đánh giá'],
      [existing.id, day(existing.founded_on, -1), 'Tốt', 'Công an xã'],
      [existing.id, '2099-01-01', 'Khá', null],
      [existing.id, day(existing.founded_on, 1), 'Xuất sắc', null],
      ['KHONG-CO', '2024-01-01', 'tb', null],
      [existing.id, day(existing.founded_on, 2), 'trung binh', null],
    ]
    const res = await dry(ctx.app, 'evaluations', csvOf(rows), 'danh-gia.csv')
    expect(res.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'evaluated_on'],
      [3, 'evaluated_on'],
      [4, 'rating_code'],
      [5, 'model_id'],
    ])
    expect(res.body).toMatchObject({ valid: 1, create: 1 })
  })

  it('keeps a failed commit from writing anything: all rows or none', async () => {
    const rows: Row[] = [MODEL_HEADER, bareModel('a1', 'Nguyên tử 1'), bareModel('a2', 'Nguyên tử 2')]
    const res = await dry(ctx.app, 'models', csvOf(rows), 'a.csv')
    expect(res.body).toMatchObject({ valid: 2, create: 2 })
    // the second staged row is damaged after the dry run: its insert breaks a table check mid-commit
    await ctx.db.query(
      `update import_row set vals = jsonb_set(vals, '{members}', '-1') where import_id = $1 and row_no = 3`,
      [res.body.id],
    )
    const commit = await getJson(ctx.app, `/api/imports/${res.body.id}/commit`, { method: 'POST' })
    expect(commit.status).toBe(409)
    expect(
      await ctx.db.query('select id from security_model where id in ($1, $2)', [key('a1'), key('a2')]),
    ).toEqual([])
    const after = await getJson(ctx.app, `/api/imports/${res.body.id}`)
    expect(after.body.status).toBe('validated')
    expect(
      await ctx.db.query(
        `select count(*)::int as n from audit_log where action = 'import_commit' and target = $1`,
        [res.body.id],
      ),
    ).toEqual([{ n: 0 }])
  })

  it('refuses a commit when a key it would use was taken since the dry run', async () => {
    const rows: Row[] = [MODEL_HEADER, bareModel('s1', 'Cũ')]
    const res = await dry(ctx.app, 'models', csvOf(rows), 's.csv')
    // someone else creates a record with the key the import was going to use (naming its province, which a
    // Citus cluster needs to route the row)
    await ctx.db.query(
      `insert into security_model (id, name, type_code, commune_code, lead_org_code, founded_on, status, province_code)
       values ($1, 'Khác', 'to_hoa_giai', '02647', 'police', '2020-01-01', 'active', commune_province('02647'))`,
      [key('s1')],
    )
    const commit = await getJson(ctx.app, `/api/imports/${res.body.id}/commit`, { method: 'POST' })
    expect(commit.status).toBe(409)
    expect(commit.body.error.code).toBe('stale')
  })

  // A dry run expires when its staged rows are lost (import_status(), sql/functions/08_imports.sql): the staging
  // table is unlogged, so crash recovery empties it while the batch still says 'validated'. Emptied here as
  // recovery would, so the expired path runs every time rather than only when a kill lands before a commit.
  it('refuses to commit a dry run whose staged rows were lost, as expired, and writes nothing', async () => {
    const bytes = csvOf([
      MODEL_HEADER,
      elsewhere(bareModel('e1', 'Hết hạn 1')),
      elsewhere(bareModel('e2', 'Hết hạn 2')),
    ])
    const res = await dry(ctx.app, 'models', bytes, 'e.csv')
    expect(res.body).toMatchObject({ status: 'validated', valid: 2, create: 2 })
    const id = res.body.id
    await ctx.db.query('delete from import_row where import_id = $1', [id])
    expect((await getJson(ctx.app, `/api/imports/${id}`)).body).toMatchObject({ id, status: 'expired' })

    const models = await ctx.db.query('select count(*)::int as n from security_model')
    for (const attempt of [1, 2]) {
      const commit = await getJson(ctx.app, `/api/imports/${id}/commit`, { method: 'POST' })
      expect(commit.status, `attempt ${attempt}`).toBe(409)
      expect(commit.headers.get('content-type')).toMatch(/^application\/json/)
      expect(commit.body.error).toMatchObject({
        code: 'expired',
        message: expect.stringMatching(/expired.*run the dry run again/),
        details: [{ field: 'id', problem: expect.stringMatching(/expired/) }],
      })
    }
    expect(
      await ctx.db.query('select id from security_model where id in ($1, $2)', [key('e1'), key('e2')]),
    ).toEqual([])
    expect(await ctx.db.query('select count(*)::int as n from security_model')).toEqual(models)
    expect(
      await ctx.db.query(
        `select status, committed_at, summary->'create' as created from import_batch where id = $1`,
        [id],
      ),
    ).toEqual([{ status: 'validated', committed_at: null, created: 2 }])
    expect(
      await ctx.db.query(
        `select count(*)::int as n from audit_log where action = 'import_commit' and target = $1`,
        [id],
      ),
    ).toEqual([{ n: 0 }])
    // nothing is lost either: the same file, checked again, commits both rows
    const again = await dry(ctx.app, 'models', bytes, 'e.csv')
    const commit = await getJson(ctx.app, `/api/imports/${again.body.id}/commit`, { method: 'POST' })
    expect(commit.body).toMatchObject({ status: 'committed', create: 2 })
  })

  // Dry runs nobody committed are kept for a week (dry-run.ts); their age is set on the batch's own
  // timestamp rather than waited for.
  it('forgets a dry run left uncommitted for over a week: its commit then answers 404 and writes nothing', async () => {
    const old = await dry(
      ctx.app,
      'models',
      csvOf([MODEL_HEADER, elsewhere(bareModel('w1', 'Tuần 1'))]),
      'w1.csv',
    )
    const recent = await dry(
      ctx.app,
      'models',
      csvOf([MODEL_HEADER, elsewhere(bareModel('w2', 'Tuần 2'))]),
      'w2.csv',
    )
    const age = (id: string, days: number) =>
      ctx.db.query(`update import_batch set created_at = now() - make_interval(days => $2) where id = $1`, [
        id,
        days,
      ])
    await age(old.body.id, 8)
    await age(recent.body.id, 6)
    // the next dry run, anyone's, forgets the ones older than a week
    await dry(ctx.app, 'models', csvOf([MODEL_HEADER, elsewhere(bareModel('w3', 'Tuần 3'))]), 'w3.csv')

    expect((await ctx.app.request(`/api/imports/${old.body.id}`)).status).toBe(404)
    const commit = await getJson(ctx.app, `/api/imports/${old.body.id}/commit`, { method: 'POST' })
    expect(commit.status).toBe(404)
    expect(commit.body.error).toMatchObject({ code: 'not_found', details: [{ field: 'id' }] })
    expect(await ctx.db.query('select id from security_model where id = $1', [key('w1')])).toEqual([])
    // six days old: kept, and it commits
    const kept = await getJson(ctx.app, `/api/imports/${recent.body.id}/commit`, { method: 'POST' })
    expect(kept.body).toMatchObject({ status: 'committed', create: 1 })
  })

  it('discards a dry run', async () => {
    const res = await dry(ctx.app, 'models', await xlsxOf(cleanModels()), 'x.xlsx')
    const del = await getJson(ctx.app, `/api/imports/${res.body.id}`, { method: 'DELETE' })
    expect(del).toMatchObject({ status: 200, body: { status: 'discarded' } })
    expect((await ctx.app.request(`/api/imports/${res.body.id}`)).status).toBe(404)
    expect((await ctx.app.request(`/api/imports/${res.body.id}/commit`, { method: 'POST' })).status).toBe(404)
  })

  it('answers malformed uploads with 4xx JSON errors that name the field', async () => {
    const cases: [RequestInit, number, string][] = []
    const form = (fields: Record<string, string | File>) => {
      const fd = new FormData()
      for (const [k, v] of Object.entries(fields)) fd.set(k, v)
      return { method: 'POST', body: fd }
    }
    const file = new File([csvOf(cleanModels())], 'x.csv')
    cases.push([{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, 400, 'file'])
    cases.push([form({ file }), 400, 'kind'])
    cases.push([form({ kind: 'weather', file }), 400, 'kind'])
    cases.push([form({ kind: 'models' }), 400, 'file'])
    cases.push([form({ kind: 'models', file: new File([], 'empty.csv') }), 400, 'file'])
    cases.push([form({ kind: 'models', file, crs: 'HN-72' }), 400, 'crs'])
    cases.push([form({ kind: 'models', file, colour: 'red' }), 400, 'colour'])
    cases.push([form({ kind: 'models', file, id: 'not-a-uuid' }), 400, 'id'])
    cases.push([
      form({ kind: 'models', file: new File([new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9])], 'broken.xlsx') }),
      400,
      'file',
    ])
    cases.push([form({ kind: 'models', file: new File(['a,b\r\n1,2\r\n'], 'nothing.csv') }), 400, 'file'])
    cases.push([
      form({ kind: 'models', file: new File([new Uint8Array([0xc3, 0x28, 0x2c, 0x0a])], 'latin.csv') }),
      400,
      'file',
    ])
    for (const [init, status, field] of cases) {
      const res = await getJson(ctx.app, '/api/imports', init)
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(status)
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field)
    }
    expect((await getJson(ctx.app, '/api/imports/not-a-uuid')).body.error.details[0].field).toBe('id')
    expect((await ctx.app.request(`/api/imports/${randomUUID()}/commit`, { method: 'POST' })).status).toBe(
      404,
    )
  })

  it('keeps a commune steward to their commune: rows elsewhere are errors, boundaries are refused', async () => {
    const steward = await signIn(ctx.raw, 'steward')
    const rows: Row[] = [
      ['Mã hồ sơ', 'Loại vụ việc', 'Ngày xảy ra', 'Mã xã', 'Kinh độ', 'Vĩ độ'],
      [key('s1'), 'theft', '01/02/2025', '02647', villages[0].lon, villages[0].lat],
      [key('s2'), 'theft', '01/02/2025', '02671', neighbour.lon, neighbour.lat],
      [key('s3'), 'theft', '01/02/2025', 'Phường Cam Đường', neighbour.lon, neighbour.lat],
    ]
    const res = await dry(steward, 'incidents', csvOf(rows), 'scope.csv')
    expect(res.body.errors).toEqual([
      { row: 3, field: 'commune_code', message: expect.stringMatching(/02671 .*outside your scope/) },
      { row: 4, field: 'commune_code', message: expect.stringMatching(/outside your scope/) },
    ])
    expect((await getJson(steward, `/api/imports/${res.body.id}/commit`, { method: 'POST' })).status).toBe(
      409,
    )
    // an administrator's import is not the steward's to see
    const admins = await dry(ctx.app, 'incidents', csvOf(rows.slice(0, 2)), 'a.csv')
    expect((await steward.request(`/api/imports/${admins.body.id}`)).status).toBe(404)
    const boundaries = await upload(
      steward,
      'boundaries',
      new TextEncoder().encode('{"type":"FeatureCollection","features":[]}'),
      'b.geojson',
    )
    expect(boundaries.status).toBe(403)
    expect(boundaries.body.error.details[0].field).toBe('kind')
    // the steward may commit what is in scope
    const mine = await dry(steward, 'incidents', csvOf(rows.slice(0, 2)), 'mine.csv')
    expect((await getJson(steward, `/api/imports/${mine.body.id}/commit`, { method: 'POST' })).status).toBe(
      200,
    )
  })

  it.runIf(backend === 'postgres')(
    'reports rows processed while a dry run runs, to a client that chose its id',
    async () => {
      const all = await ctx.db.query<Place & { commune_code: string }>(
        'select code, commune_code, ST_X(point) as lon, ST_Y(point) as lat from village order by code',
      )
      const rows: Row[] = [
        ['Mã hồ sơ', 'Loại vụ việc', 'Ngày xảy ra', 'Mã xã', 'Mã thôn', 'Kinh độ', 'Vĩ độ'],
      ]
      for (let i = 0; i < 9000; i++) {
        const v = all[i % all.length]
        rows.push([key(`p${i}`), 'theft', '2025-01-15', v.commune_code, v.code, v.lon, v.lat])
      }
      const id = randomUUID()
      imports.push(id)
      const seen: { status: string; processed: number }[] = []
      let done = false
      const polling = (async () => {
        while (!done) {
          const r = await getJson(ctx.app, `/api/imports/${id}?limit=0`)
          if (r.status === 200) seen.push({ status: r.body.status, processed: r.body.processed })
          await new Promise((ok) => setTimeout(ok, 50))
        }
      })()
      const res = await upload(ctx.app, 'incidents', csvOf(rows), 'progress.csv', { id })
      done = true
      await polling
      // (a few rows may match an existing incident at a village centre: duplicates by natural key)
      expect(res.body).toMatchObject({ id, rows: 9000 })
      const running = seen.filter((s) => s.status === 'running')
      expect(running.length).toBeGreaterThan(0)
      expect(running.every((s) => s.processed >= 0 && s.processed <= 9000)).toBe(true)
      expect((await getJson(ctx.app, `/api/imports/${id}`)).body).toMatchObject({
        status: 'validated',
        processed: 9000,
      })
    },
  )

  it('serves a template per kind with Vietnamese headers and a sample row that imports cleanly', async () => {
    const res = await ctx.app.request('/api/imports/templates/models.xlsx')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const bytes = new Uint8Array(await res.arrayBuffer())
    const { xlsxRows } = await import('./read/xlsx.ts')
    const rows = []
    for await (const r of xlsxRows(bytes)) if (r.sheet === 1) rows.push(r.cells)
    expect(rows[0]).toEqual(
      expect.arrayContaining([
        'Mã hồ sơ',
        'Tên mô hình',
        'Loại mô hình',
        'Mã xã',
        'Ngày thành lập',
        'lon',
        'lat',
        'X',
        'Y',
      ]),
    )
    expect(rows).toHaveLength(2)
    const dryRun = await dry(ctx.app, 'models', bytes, 'mau.xlsx')
    expect(dryRun.body.errors).toEqual([])
    expect(dryRun.body).toMatchObject({ rows: 1, valid: 1 })
    // every other kind has its template too
    for (const kind of IMPORT_KINDS.filter((k) => k !== 'models'))
      expect((await ctx.app.request(`/api/imports/templates/${kind}.xlsx?lang=en`)).status, kind).toBe(200)
    expect((await getJson(ctx.app, '/api/imports/templates/weather.xlsx')).body.error.details[0].field).toBe(
      'file',
    )
  })
})
