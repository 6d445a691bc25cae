import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backends, getJson, type SignedInApp, signIn, useApp } from '../testing.ts'

const RUN = randomUUID().slice(0, 6).toUpperCase()
const key = (n: string) => `R${RUN}-${n}`

const send = (app: SignedInApp, method: string, path: string, body: unknown) =>
  getJson(app, path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe.each(backends())('editing records on the %s database', (backend) => {
  const ctx = useApp(backend)
  let steward: SignedInApp
  let village: { code: string; lon: number; lat: number }
  let neighbour: { lon: number; lat: number }
  let foreignModel: string

  beforeAll(async () => {
    steward = await signIn(ctx.raw, 'steward')
    ;[village] = await ctx.db.query(
      `select code, ST_X(point) as lon, ST_Y(point) as lat from village where commune_code = '02647' order by code limit 1`,
    )
    ;[neighbour] = await ctx.db.query(
      `select ST_X(label_point) as lon, ST_Y(label_point) as lat from commune where code = '02671'`,
    )
    ;[{ id: foreignModel }] = await ctx.db.query<{ id: string }>(
      `select id from security_model where commune_code = '02671' order by id limit 1`,
    )
  })

  afterAll(async () => {
    for (const t of ['evaluation', 'incident', 'outreach_session', 'security_model'])
      await ctx.db.query(`delete from ${t} where id like $1`, [`R${RUN}-%`])
  })

  const model = (id: string, extra: Record<string, unknown> = {}) => ({
    id: key(id),
    name: `Tổ an ninh tự quản ${id}`,
    type_code: 'to_an_ninh_tu_quan',
    commune_code: '02647',
    village_code: village.code,
    lead_org_code: 'police',
    founded_on: '2021-03-15',
    members: 7,
    lon: village.lon,
    lat: village.lat,
    ...extra,
  })

  it('creates a security model inside its commune, with its first status and an audit entry', async () => {
    const res = await send(steward, 'POST', '/api/records/models', model('m1'))
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.model).toMatchObject({
      id: key('m1'),
      status: 'active',
      commune_code: '02647',
      members: 7,
    })
    const detail = await getJson(steward, `/api/records/models/${key('m1')}`)
    expect(detail.body.statuses).toEqual([
      { status: 'active', valid_from: '2021-03-15', valid_to: null, reason: null },
    ])
    const [entry] = await ctx.db.query<{ username: string; details: { after: Record<string, unknown> } }>(
      `select username, details from audit_log where action = 'record_create' and target = $1`,
      [`security_model/${key('m1')}`],
    )
    expect(entry.username).toBe('steward')
    expect(entry.details.after).toMatchObject({ name: 'Tổ an ninh tự quản m1' })
  })

  it('refuses a point outside the commune, an unknown type and unknown fields, naming the field', async () => {
    const outside = await send(
      steward,
      'POST',
      '/api/records/models',
      model('m2', { lon: neighbour.lon, lat: neighbour.lat }),
    )
    expect(outside.status).toBe(400)
    expect(outside.body.error.details[0].field).toBe('lon')
    const type = await send(steward, 'POST', '/api/records/models', model('m2', { type_code: 'to_bay' }))
    expect(type.body.error.details[0]).toMatchObject({ field: 'type_code' })
    const extra = await send(steward, 'POST', '/api/records/models', model('m2', { colour: 'red' }))
    expect(extra.status).toBe(400)
    expect(extra.body.error.details[0].field).toBe('colour')
    const half = await send(steward, 'POST', '/api/records/models', model('m2', { lat: undefined }))
    expect(half.body.error.details[0].field).toBe('lat')
    const future = await send(
      steward,
      'POST',
      '/api/records/models',
      model('m2', { founded_on: '2099-01-01' }),
    )
    expect(future.body.error.details[0].field).toBe('founded_on')
  })

  it('keeps a steward to their commune: 403 for a commune outside it, 404 for its records, never a 500', async () => {
    const elsewhere = await send(
      steward,
      'POST',
      '/api/records/models',
      model('m3', { commune_code: '02671', village_code: null, lon: neighbour.lon, lat: neighbour.lat }),
    )
    expect(elsewhere.status).toBe(403)
    expect(elsewhere.body.error.details[0].field).toBe('commune_code')
    // a record outside the ward is answered as a missing one: its existence is not disclosed
    const patch = await send(steward, 'PATCH', `/api/records/models/${foreignModel}`, { members: 3 })
    const missing = await send(steward, 'PATCH', '/api/records/models/KHONG-CO', { members: 3 })
    expect(patch.status).toBe(404)
    expect(patch.body.error.details[0].field).toBe('id')
    expect(missing.status).toBe(404)
    expect(patch.body.error.message.replace(foreignModel, 'X')).toBe(
      missing.body.error.message.replace('KHONG-CO', 'X'),
    )
    const moved = await send(steward, 'PATCH', `/api/records/models/${key('m1')}`, {
      commune_code: '02671',
      village_code: null,
      lon: null,
      lat: null,
    })
    expect(moved.status).toBe(403)
    expect(moved.body.error.details[0].field).toBe('commune_code')
    const evaluation = await send(steward, 'POST', '/api/records/evaluations', {
      model_id: foreignModel,
      evaluated_on: '2025-01-10',
      rating_code: 'kha',
    })
    expect(evaluation.status).toBe(404)
    expect(evaluation.body.error.details[0].field).toBe('model_id')
  })

  it('edits a model and writes the previous values to the audit log', async () => {
    const res = await send(steward, 'PATCH', `/api/records/models/${key('m1')}`, {
      members: 11,
      equipment: 'Đèn pin',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.model).toMatchObject({ members: 11, equipment: 'Đèn pin' })
    const [entry] = await ctx.db.query<{
      details: { before: Record<string, unknown>; after: Record<string, unknown> }
    }>(
      `select details from audit_log where action = 'record_update' and target = $1 order by id desc limit 1`,
      [`security_model/${key('m1')}`],
    )
    expect(entry.details).toEqual({
      before: { members: 7, equipment: null },
      after: { members: 11, equipment: 'Đèn pin' },
    })
    const empty = await send(steward, 'PATCH', `/api/records/models/${key('m1')}`, {})
    expect(empty.status).toBe(400)
  })

  it('dissolves a model only with a date and a reason, and keeps the history', async () => {
    const noReason = await send(steward, 'POST', `/api/records/models/${key('m1')}/status`, {
      status: 'dissolved',
      on: '2025-05-01',
    })
    expect(noReason.status).toBe(400)
    expect(noReason.body.error.details[0].field).toBe('reason')
    // in both languages, for a form shown in Vietnamese
    expect(noReason.body.error.details[0].problem_vi).toBe('thanh loại mô hình cần ghi rõ lý do')
    const noDate = await send(steward, 'POST', `/api/records/models/${key('m1')}/status`, {
      status: 'dissolved',
      reason: 'Hoạt động hình thức',
    })
    expect(noDate.body.error.details[0].field).toBe('on')
    const early = await send(steward, 'POST', `/api/records/models/${key('m1')}/status`, {
      status: 'dissolved',
      on: '2020-01-01',
      reason: 'Sai',
    })
    expect(early.body.error.details[0].field).toBe('on')
    const ok = await send(steward, 'POST', `/api/records/models/${key('m1')}/status`, {
      status: 'dissolved',
      on: '2025-05-01',
      reason: 'Hoạt động hình thức, không hiệu quả',
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.model).toMatchObject({ status: 'dissolved', dissolved_on: '2025-05-01' })
    const detail = await getJson(steward, `/api/records/models/${key('m1')}`)
    expect(detail.body.statuses).toEqual([
      { status: 'active', valid_from: '2021-03-15', valid_to: '2025-05-01', reason: null },
      {
        status: 'dissolved',
        valid_from: '2025-05-01',
        valid_to: null,
        reason: 'Hoạt động hình thức, không hiệu quả',
      },
    ])
    const [entry] = await ctx.db.query<{ details: { before: Record<string, unknown> } }>(
      `select details from audit_log where action = 'model_status' and target = $1`,
      [`security_model/${key('m1')}`],
    )
    expect(entry.details.before).toEqual({ status: 'active', dissolved_on: null, dissolved_reason: null })
  })

  it('records an evaluation, refusing one before the model was founded', async () => {
    const early = await send(steward, 'POST', '/api/records/evaluations', {
      model_id: key('m1'),
      evaluated_on: '2020-01-01',
      rating_code: 'tot',
    })
    expect(early.status).toBe(400)
    expect(early.body.error.details[0].field).toBe('evaluated_on')
    const rating = await send(steward, 'POST', '/api/records/evaluations', {
      model_id: key('m1'),
      evaluated_on: '2024-01-01',
      rating_code: 'xuat_sac',
    })
    expect(rating.body.error.details[0].field).toBe('rating_code')
    const ok = await send(steward, 'POST', '/api/records/evaluations', {
      id: key('e1'),
      model_id: key('m1'),
      evaluated_on: '2024-01-01',
      rating_code: 'kha',
      evaluator: 'Công an phường',
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    const again = await send(steward, 'POST', '/api/records/evaluations', {
      model_id: key('m1'),
      evaluated_on: '2024-01-01',
      rating_code: 'tot',
    })
    expect(again.body.error.details[0].field).toBe('evaluated_on')
  })

  it('records an incident and an outreach session within the commune', async () => {
    const incident = await send(steward, 'POST', '/api/records/incidents', {
      id: key('i1'),
      category_code: 'theft',
      occurred_on: '2025-06-01',
      commune_code: '02647',
      village_code: village.code,
      severity: 2,
      lon: village.lon,
      lat: village.lat,
      summary: 'Mất trộm xe máy',
    })
    expect(incident.status, JSON.stringify(incident.body)).toBe(201)
    const [row] = await ctx.db.query(
      `select category_code, severity, precision from incident where id = $1`,
      [key('i1')],
    )
    expect(row).toEqual({ category_code: 'theft', severity: 2, precision: 'exact' })
    const badPoint = await send(steward, 'POST', '/api/records/incidents', {
      category_code: 'theft',
      occurred_on: '2025-06-01',
      commune_code: '02647',
      lon: 106.6,
      lat: 20.9,
    })
    expect(badPoint.body.error.details[0]).toMatchObject({
      field: 'lon',
      problem: expect.stringMatching(/outside the province/),
    })
    const outreach = await send(steward, 'POST', '/api/records/outreach', {
      id: key('o1'),
      commune_code: '02647',
      held_on: '2025-06-02',
      topic: 'Phòng, chống lừa đảo qua mạng',
      lead_org_code: 'youth_union',
      attendees: 120,
    })
    expect(outreach.status, JSON.stringify(outreach.body)).toBe(201)
    const missing = await send(steward, 'POST', '/api/records/outreach', {
      commune_code: '02647',
      held_on: '2025-06-02',
    })
    expect(missing.status).toBe(400)
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['topic', 'attendees']),
    )
  })

  it('lets only roles with edit_records write', async () => {
    const planner = await signIn(ctx.raw, 'planner')
    const res = await send(planner, 'POST', '/api/records/outreach', {
      commune_code: '02647',
      held_on: '2025-06-02',
      topic: 'x',
      attendees: 1,
    })
    expect(res.status).toBe(403)
    expect((await getJson(ctx.app, '/api/records/models/KHONG-CO')).status).toBe(404)
  })
})
