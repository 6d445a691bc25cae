// The pre-aggregates behind unit_metrics() (migration 024: model_state_history,
// model_radius_village, incident_month; migration 029: commune_state_day) stay equal
// to what the raw tables give, through imports, edits and deletions of every source table.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csvOf, type Row, xlsxOf } from '../imports/fixtures/files.ts'
import { upload } from '../imports/fixtures/upload.ts'
import { backends, getJson, type SignedInApp, useApp } from '../testing.ts'
import {
  communeStateDiff,
  historyShapeProblems,
  incidentMonthDiff,
  modelStateDiff,
} from './aggregate-checks.ts'

/** Unique per run: the server database is shared between test files and runs. */
const RUN = randomUUID().slice(0, 6).toUpperCase()
const key = (n: string | number) => `A${RUN}-${n}`
/** the communes the test writes in */
const COMMUNES = ['02647', '02671']

describe.each(backends())('pre-aggregates on the %s database', (backend) => {
  const ctx = useApp(backend)
  const imports: string[] = []
  let village: { code: string; lon: number; lat: number; point: string }

  beforeAll(async () => {
    ;[village] = await ctx.db.query(
      `select code, ST_X(point) as lon, ST_Y(point) as lat, encode(ST_AsEWKB(point), 'hex') as point
       from village where commune_code = '02647' order by code limit 1`,
    )
  })

  afterAll(async () => {
    await ctx.db.query(
      'update village set point = $1::geometry where code = $2 and ST_AsEWKB(point) <> ST_AsEWKB($1::geometry)',
      [village.point, village.code],
    )
    await ctx.db.query('delete from incident where id like $1', [`A${RUN}-%`])
    await ctx.db.query('delete from security_model where id like $1', [`A${RUN}-%`])
    await ctx.db.query('delete from import_batch where id = any ($1::uuid[])', [imports])
  })

  const commit = async (app: SignedInApp, kind: string, bytes: Uint8Array, name: string) => {
    const dry = await upload(app, kind, bytes, name)
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    imports.push(dry.body.id)
    const res = await getJson(app, `/api/imports/${dry.body.id}/commit`, { method: 'POST' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
  }

  const ours = async () =>
    (
      await ctx.db.query<{ id: string }>(`select id from security_model where id like $1 order by id`, [
        `A${RUN}-%`,
      ])
    ).map((r) => r.id)

  it('hold what the raw tables give as seeded', async () => {
    expect(await incidentMonthDiff(ctx.db)).toEqual([])
    expect(await historyShapeProblems(ctx.db)).toEqual([])
    expect(await communeStateDiff(ctx.db, null)).toEqual([])
    const sample = await ctx.db.query<{ id: string }>(
      `select id from security_model order by md5(id) limit 40`,
    )
    expect(
      await modelStateDiff(
        ctx.db,
        sample.map((r) => r.id),
      ),
    ).toEqual([])
  }, 240_000)

  it('follow imports, edits and deletions of incidents, models, status history and evaluations', async () => {
    // imports: incidents, then models with their status, then evaluations of them
    const incidentRows: Row[] = [
      ['Mã hồ sơ', 'Loại vụ việc', 'Ngày xảy ra', 'Mã xã', 'Kinh độ', 'Vĩ độ'],
      [key('i1'), 'theft', '31/01/2025', '02647', village.lon, village.lat],
      [key('i2'), 'theft', '01/02/2025', '02647', village.lon, village.lat],
      [key('i3'), 'drugs', '15/02/2025', '02647', village.lon, village.lat],
    ]
    await commit(ctx.app, 'incidents', csvOf(incidentRows), 'vu-viec.csv')
    const modelRows: Row[] = [
      [
        'Mã hồ sơ',
        'Tên mô hình',
        'Loại mô hình',
        'Mã xã',
        'Mã thôn',
        'Đơn vị chủ trì',
        'Ngày thành lập',
        'Trạng thái',
        'Ngày thanh loại',
      ],
      [
        key('m1'),
        'Tổ thử 1',
        'Tổ an ninh tự quản',
        '02647',
        village.code,
        'Công an',
        '15/03/2021',
        'Đang hoạt động',
        null,
      ],
      [
        key('m2'),
        'Tổ thử 2',
        'to_hoa_giai',
        '02647',
        village.code,
        'MTTQ',
        '01/06/2019',
        'Hoạt động yếu',
        null,
      ],
      [
        key('m3'),
        'Tổ thử 3',
        'to_hoa_giai',
        '02647',
        null,
        'MTTQ',
        '20/01/2018',
        'Đã thanh loại',
        '01/06/2024',
      ],
    ]
    await commit(ctx.app, 'models', await xlsxOf(modelRows), 'mo-hinh.xlsx')
    const evaluationRows: Row[] = [
      ['Mã mô hình', 'Ngày đánh giá', 'Xếp loại'],
      [key('m1'), '01/07/2021', 'Tốt'],
      [key('m1'), '01/03/2023', 'Yếu'],
      [key('m2'), '10/10/2022', 'Khá'],
    ]
    await commit(ctx.app, 'evaluations', csvOf(evaluationRows), 'danh-gia.csv')
    const ids = await ours()
    expect(ids).toHaveLength(3)
    expect(await incidentMonthDiff(ctx.db)).toEqual([])
    expect(await modelStateDiff(ctx.db, ids)).toEqual([])
    expect(await communeStateDiff(ctx.db, COMMUNES, ids)).toEqual([])

    // edits in SQL, each its own statement; a new row names its province, as a Citus cluster needs
    const edits = [
      `update incident set occurred_on = '2025-03-02' where id = '${key('i1')}'`,
      `update incident set category_code = 'drugs', commune_code = '02671' where id = '${key('i2')}'`,
      `update incident set summary = 'checked' where id like 'A${RUN}-%'`,
      `delete from incident where id = '${key('i3')}'`,
      `insert into evaluation (id, model_id, evaluated_on, rating_code, province_code)
       values ('${key('e9')}', '${key('m1')}', '2024-02-29', 'kha', model_province('${key('m1')}')),
              ('${key('e10')}', '${key('m3')}', '2019-01-01', 'tot', model_province('${key('m3')}'))`,
      `update evaluation set evaluated_on = evaluated_on + 40, rating_code = 'tot' where model_id = '${key('m1')}'`,
      `delete from evaluation where model_id = '${key('m2')}'`,
      `insert into security_model_status (model_id, status, valid_from, valid_to, province_code)
       values ('${key('m1')}', 'weak', '2022-01-01', '2022-09-01', model_province('${key('m1')}')),
              ('${key('m1')}', 'active', '2022-09-01', null, model_province('${key('m1')}'))`,
      `update security_model_status set valid_to = '2023-01-01' where model_id = '${key('m1')}' and valid_from = '2022-09-01'`,
      `update security_model set commune_code = '02671', village_code = null, exemplary = true where id = '${key('m2')}'`,
      `update security_model set status = 'dissolved', dissolved_on = '2025-05-05' where id = '${key('m1')}'`,
      `delete from security_model_status where model_id = '${key('m1')}' and valid_from = '2022-01-01'`,
      `delete from security_model where id = '${key('m3')}'`,
      // a camera, moved; a village moved under it and back; the cameras' radius changed and back
      `insert into security_model (id, name, type_code, commune_code, lead_org_code, founded_on, status, point,
                                   province_code)
       values ('${key('c1')}', 'Camera thử', 'camera_an_ninh', '02647', 'police', '2022-01-01', 'active',
               ST_SetSRID(ST_MakePoint(${village.lon}, ${village.lat}), 4326), commune_province('02647'))`,
      `update security_model set point = ST_Translate(point, 0.003, 0) where id = '${key('c1')}'`,
      `update village set point = ST_Translate(point, 0.01, 0) where code = '${village.code}'`,
      `update village set point = '${village.point}'::geometry where code = '${village.code}'`,
      `update village set population = population + 7 where code = '${village.code}'`,
      `update village set population = population - 7 where code = '${village.code}'`,
      `update rating set effective = not effective where code = 'kha'`,
      `update rating set effective = not effective where code = 'kha'`,
      `update model_type set radius_m = radius_m * 4 where code = 'camera_an_ninh'`,
      `update model_type set radius_m = radius_m / 4 where code = 'camera_an_ninh'`,
    ]
    for (const sql of edits) {
      await ctx.db.query(sql)
      expect(await incidentMonthDiff(ctx.db), sql).toEqual([])
      expect(await modelStateDiff(ctx.db, ids), sql).toEqual([])
      if (/camera|village|model_type|rating/.test(sql)) {
        expect(await historyShapeProblems(ctx.db), sql).toEqual([])
        expect(await communeStateDiff(ctx.db, COMMUNES, ids), sql).toEqual([])
      }
    }
    expect(await historyShapeProblems(ctx.db)).toEqual([])
    expect(await communeStateDiff(ctx.db, COMMUNES, ids)).toEqual([])

    // a write rolled back takes its aggregate change with it
    await ctx.db
      .transaction(async (tx) => {
        await tx.query(`delete from incident where id like 'A${RUN}-%'`)
        await tx.query(`delete from evaluation where model_id like 'A${RUN}-%'`)
        throw new Error('rolled back')
      })
      .catch(() => undefined)
    expect(await incidentMonthDiff(ctx.db)).toEqual([])
    expect(await modelStateDiff(ctx.db, ids)).toEqual([])
    expect(await communeStateDiff(ctx.db, COMMUNES, ids)).toEqual([])

    // and everything removed again
    await ctx.db.query(`delete from incident where id like 'A${RUN}-%'`)
    await ctx.db.query(`delete from security_model where id like 'A${RUN}-%'`)
    expect(await incidentMonthDiff(ctx.db)).toEqual([])
    expect(
      await ctx.db.query('select model_id from model_state_history where model_id = any ($1::text[])', [ids]),
    ).toEqual([])
    expect(await historyShapeProblems(ctx.db)).toEqual([])
    expect(await communeStateDiff(ctx.db, COMMUNES)).toEqual([])
    // Each of the 27 steps compares the aggregates with the raw tables, and a third of them every commune step
    // at every date that matters: measured 165–190 s on the server and 283 s on the embedded database
    // (2 cores, load about 3), so the limit leaves room for a shared CI machine.
  }, 600_000)

  it('are read by aggregate-only roles in their scope only', async () => {
    const scoped = async (scope: string) =>
      ctx.db.transaction(async (tx) => {
        await tx.query('set local role antt_reader')
        // SET LOCAL, which a Citus cluster passes on to the workers (set_config() it does not)
        await tx.query(`set local antt.scope = '${scope}'`)
        const [r] = await tx.query<{ months: number; spans: number; steps: number; communes: string[] }>(
          `select (select count(*)::int from incident_month) as months,
                  (select count(*)::int from model_state_history) as spans,
                  (select count(*)::int from commune_state_day) as steps,
                  (select array_agg(distinct commune_code) from (
                     select commune_code from incident_month union select commune_code from model_state_history
                     union select commune_code from commune_state_day) u)
                    as communes`,
        )
        return r
      })
    const one = await scoped('02647')
    expect(one.communes).toEqual(['02647'])
    expect(one.months).toBeGreaterThan(0)
    expect(one.spans).toBeGreaterThan(0)
    expect(one.steps).toBeGreaterThan(0)
    const none = await scoped('')
    expect(none).toEqual({ months: 0, spans: 0, steps: 0, communes: null })
    // and cannot write them
    await expect(
      ctx.db.transaction(async (tx) => {
        await tx.query('set local role antt_editor')
        await tx.query(`select set_config('antt.scope', '*', true)`)
        await tx.query('delete from incident_month')
      }),
    ).rejects.toThrow(/permission denied/)
    // nor switch their upkeep off, rebuild them or probe them: those are the owner's (the seed, the migrations)
    for (const call of [
      "set_aggregate_upkeep(array['incident'], false)",
      'rebuild_aggregates()',
      'aggregates_missing()',
    ])
      await expect(
        ctx.db.transaction(async (tx) => {
          await tx.query('set local role antt_admin')
          await tx.query(`select set_config('antt.scope', '*', true)`)
          await tx.query(`select ${call}`)
        }),
        call,
      ).rejects.toThrow(/permission denied/)
  })
})
