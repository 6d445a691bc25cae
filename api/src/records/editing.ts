// Record editing: create and edit security models, change their status, record evaluations, incidents and
// outreach sessions. Every change is validated, within the caller's scope, and audited with its previous values.
import { randomUUID } from 'node:crypto'
import type {
  EvaluationAnswer,
  IncidentAnswer,
  ModelAnswer,
  ModelDetail,
  modelPatch,
  newEvaluation,
  newIncident,
  newModel,
  newOutreach,
  OutreachAnswer,
  SecurityModelRecord,
  statusChange,
} from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import type { z } from 'zod'
import { evaluateAfterChange } from '../alerts/after-change.ts'
import { auditRequest } from '../auth/audit.ts'
import type { AppDeps } from '../context.ts'
import { badRequest } from '../http/errors.ts'
import {
  checkCode,
  checkCommune,
  checkNotFuture,
  checkPoint,
  checkVillage,
  findModel,
  scopedWrite,
} from './checks.ts'

const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`

/** A new record's key: the one given, or a fresh one with the kind's prefix; refused when a record has it. */
async function freeKey(
  db: Queryable,
  table: string,
  given: string | undefined,
  prefix: string,
): Promise<string> {
  const id = given ?? newId(prefix)
  if ((await db.query('select 1 from import_taken_ids($1, array[$2])', [table, id])).length)
    throw badRequest('id', `a record with key ${id} exists`)
  return id
}

/** Audits a created record and re-evaluates the alerts of its commune. */
async function recordCreated(deps: AppDeps, table: string, id: string, after: unknown, commune: string) {
  await auditRequest(deps, {
    action: 'record_create',
    target: `${table}/${id}`,
    details: { after },
  })
  evaluateAfterChange(deps, [commune])
}

const MODEL_COLUMNS = `m.id, m.name, m.type_code, m.commune_code, m.village_code, m.lead_org_code,
  to_char(m.founded_on, 'YYYY-MM-DD') as founded_on, m.members, m.equipment, m.exemplary, m.replicated_from, m.status,
  to_char(m.dissolved_on, 'YYYY-MM-DD') as dissolved_on, m.dissolved_reason, ST_X(m.point) as lon, ST_Y(m.point) as lat`

/** A model as read for editing; indexed by field name for the audit log's before and after. */
type Model = SecurityModelRecord & Record<string, unknown>

/**
 * Reads a changed model back, audits the change (`details`: the changed fields' previous values and what was
 * asked) and re-evaluates the alerts of the communes the model was and is in.
 */
async function modelChanged(
  deps: AppDeps,
  action: 'record_update' | 'model_status',
  was: Model,
  details: { before: Record<string, unknown>; after: unknown },
): Promise<ModelAnswer> {
  const model = await findModel<Model>(deps.db, was.id, MODEL_COLUMNS)
  await auditRequest(deps, { action, target: `security_model/${was.id}`, details })
  evaluateAfterChange(deps, [was.commune_code, model.commune_code])
  return { model }
}

/** Checks a model's fields against the reference data, its commune, village and place. */
async function checkModel(db: Queryable, m: Partial<z.infer<typeof newModel>>, commune: string) {
  if (m.type_code) await checkCode(db, 'model_type', m.type_code, 'type_code')
  if (m.lead_org_code) await checkCode(db, 'lead_org', m.lead_org_code, 'lead_org_code')
  if (m.village_code) await checkVillage(db, m.village_code, commune)
  if (m.founded_on) checkNotFuture(m.founded_on, 'founded_on')
  if (m.lon != null && m.lat != null) await checkPoint(db, m.lon, m.lat, commune)
  if (m.replicated_from) await findModel(db, m.replicated_from, 'm.id', 'replicated_from')
}

/** A model with its status history and its 20 latest evaluations. */
export async function getModel(deps: AppDeps, id: string): Promise<ModelDetail> {
  const { db } = deps
  const model = await findModel<Model>(db, id, MODEL_COLUMNS)
  const statuses = await db.query<ModelDetail['statuses'][number]>(
    `select status, to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to, reason
       from security_model_status where model_id = $1 order by valid_from`,
    [model.id],
  )
  const evaluations = await db.query<ModelDetail['evaluations'][number]>(
    `select id, to_char(evaluated_on, 'YYYY-MM-DD') as evaluated_on, rating_code, evaluator, note
       from evaluation where model_id = $1 order by evaluated_on desc limit 20`,
    [model.id],
  )
  return { model, statuses, evaluations }
}

/** Creates a model, active from its founding date. */
export async function createModel(deps: AppDeps, body: z.infer<typeof newModel>): Promise<ModelAnswer> {
  const { db } = deps
  await checkCommune(db, body.commune_code)
  await checkModel(db, body, body.commune_code)
  const id = await freeKey(db, 'security_model', body.id, 'M')
  await scopedWrite('commune_code', () =>
    db.query(
      `insert into security_model (id, name, type_code, commune_code, village_code, lead_org_code, founded_on, members,
           equipment, exemplary, replicated_from, status, point, province_code)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active',
           case when $12::float8 is null then null else ST_SetSRID(ST_MakePoint($12, $13), 4326) end,
           commune_province($4))`,
      [
        id,
        body.name,
        body.type_code,
        body.commune_code,
        body.village_code ?? null,
        body.lead_org_code,
        body.founded_on,
        body.members ?? 0,
        body.equipment ?? null,
        body.exemplary ?? false,
        body.replicated_from ?? null,
        body.lon ?? null,
        body.lat ?? null,
      ],
    ),
  )
  await db.query(`select set_model_status($1, 'active', $2::date, null)`, [id, body.founded_on])
  const model = await findModel<Model>(db, id, MODEL_COLUMNS)
  await recordCreated(deps, 'security_model', id, model, model.commune_code)
  return { model }
}

/** Changes fields of a model, checked as a whole against its (possibly new) commune. */
export async function updateModel(
  deps: AppDeps,
  id: string,
  body: z.infer<typeof modelPatch>,
): Promise<ModelAnswer> {
  const { db } = deps
  const before = await findModel<Model>(db, id, MODEL_COLUMNS)
  const commune = body.commune_code ?? before.commune_code
  if (body.commune_code) await checkCommune(db, body.commune_code)
  // a model moved to another commune must not keep a village or a point of the old one
  const village = body.village_code !== undefined ? body.village_code : before.village_code
  if (body.commune_code && village && body.village_code === undefined)
    await checkVillage(db, village as string, commune)
  await checkModel(db, body, commune)
  const point = body.lon !== undefined ? [body.lon, body.lat] : [before.lon, before.lat]
  if (body.commune_code && body.lon === undefined && point[0] != null)
    await checkPoint(db, point[0] as number, point[1] as number, commune)
  if (body.founded_on && before.dissolved_on && body.founded_on > (before.dissolved_on as string))
    throw badRequest('founded_on', `after the model was dissolved on ${before.dissolved_on}`)
  if (body.founded_on) {
    const [first] = await db.query<{ d: string | null }>(
      `select to_char(min(evaluated_on), 'YYYY-MM-DD') as d from evaluation where model_id = $1`,
      [id],
    )
    if (first.d && first.d < body.founded_on)
      throw badRequest('founded_on', `the model has an evaluation on ${first.d}, before ${body.founded_on}`)
  }
  if (body.replicated_from === id)
    throw badRequest('replicated_from', 'a model cannot be replicated from itself')
  const sets: string[] = []
  const values: unknown[] = [id]
  for (const [k, v] of Object.entries(body)) {
    if (k === 'lon' || k === 'lat') continue
    values.push(v ?? null)
    sets.push(`${k} = $${values.length}`)
  }
  if (body.lon !== undefined) {
    values.push(body.lon, body.lat)
    sets.push(
      `point = case when $${values.length - 1}::float8 is null then null else ST_SetSRID(ST_MakePoint($${values.length - 1}, $${values.length}), 4326) end`,
    )
  }
  await scopedWrite('commune_code', () =>
    db.query(`update security_model m set ${sets.join(', ')}, updated_at = now() where m.id = $1`, values),
  )
  if (body.founded_on)
    await db.query(
      `update security_model_status set valid_from = $2 where model_id = $1
         and valid_from = (select min(valid_from) from security_model_status where model_id = $1)
         and (valid_to is null or valid_to > $2)`,
      [id, body.founded_on],
    )
  const changed = Object.fromEntries(Object.keys(body).map((k) => [k, before[k]]))
  return modelChanged(deps, 'record_update', before, { before: changed, after: body })
}

/** Opens a new status period (active, weak, dissolved) from a date. */
export async function changeModelStatus(
  deps: AppDeps,
  id: string,
  body: z.infer<typeof statusChange>,
): Promise<ModelAnswer> {
  const { db } = deps
  const before = await findModel<Model>(db, id, MODEL_COLUMNS)
  checkNotFuture(body.on, 'on')
  if (body.on < before.founded_on)
    throw badRequest('on', `before the model was founded on ${before.founded_on}`)
  const [open] = await db.query<{ status: string; valid_from: string }>(
    `select status, to_char(valid_from, 'YYYY-MM-DD') as valid_from from security_model_status
       where model_id = $1 and valid_to is null order by valid_from desc limit 1`,
    [id],
  )
  if (open && body.on < open.valid_from)
    throw badRequest('on', `before the current status (${open.status}) began on ${open.valid_from}`)
  if (body.status === before.status && (!open || open.status === body.status))
    throw badRequest('status', `the model is already ${body.status}`)
  await scopedWrite('id', () =>
    db.query('select set_model_status($1, $2, $3::date, $4)', [
      id,
      body.status,
      body.on,
      body.reason ?? null,
    ]),
  )
  const { status, dissolved_on, dissolved_reason } = before
  return modelChanged(deps, 'model_status', before, {
    before: { status, dissolved_on, dissolved_reason },
    after: body,
  })
}

/** Records an evaluation of a model. */
export async function addEvaluation(
  deps: AppDeps,
  body: z.infer<typeof newEvaluation>,
): Promise<EvaluationAnswer> {
  const { db } = deps
  const model = await findModel<Model>(db, body.model_id, MODEL_COLUMNS, 'model_id')
  await checkCode(db, 'rating', body.rating_code, 'rating_code')
  checkNotFuture(body.evaluated_on, 'evaluated_on')
  if (body.evaluated_on < model.founded_on)
    throw badRequest('evaluated_on', `before the model was founded on ${model.founded_on}`)
  if (
    (
      await db.query('select 1 from evaluation where model_id = $1 and evaluated_on = $2', [
        model.id,
        body.evaluated_on,
      ])
    ).length
  )
    throw badRequest('evaluated_on', `the model already has an evaluation on ${body.evaluated_on}`)
  const id = await freeKey(db, 'evaluation', body.id, 'E')
  await scopedWrite('model_id', () =>
    db.query(
      `insert into evaluation (id, model_id, evaluated_on, rating_code, evaluator, note, commune_code, province_code)
       values ($1, $2, $3, $4, $5, $6, $7, commune_province($7))`,
      [
        id,
        model.id,
        body.evaluated_on,
        body.rating_code,
        body.evaluator ?? null,
        body.note ?? null,
        model.commune_code,
      ],
    ),
  )
  const evaluation = { ...body, id }
  await recordCreated(deps, 'evaluation', id, evaluation, model.commune_code)
  return { evaluation }
}

/** Records an incident. */
export async function addIncident(deps: AppDeps, body: z.infer<typeof newIncident>): Promise<IncidentAnswer> {
  const { db } = deps
  await checkCommune(db, body.commune_code)
  await checkCode(db, 'incident_category', body.category_code, 'category_code')
  checkNotFuture(body.occurred_on, 'occurred_on')
  if (body.village_code) await checkVillage(db, body.village_code, body.commune_code)
  await checkPoint(db, body.lon, body.lat, body.commune_code)
  const id = await freeKey(db, 'incident', body.id, 'I')
  await scopedWrite('commune_code', () =>
    db.query(
      `insert into incident (id, category_code, occurred_on, commune_code, village_code, severity, precision, point, summary,
           province_code)
         values ($1, $2, $3, $4, $5, $6, $7, ST_SetSRID(ST_MakePoint($8, $9), 4326), $10, commune_province($4))`,
      [
        id,
        body.category_code,
        body.occurred_on,
        body.commune_code,
        body.village_code ?? null,
        body.severity ?? 1,
        body.precision ?? 'exact',
        body.lon,
        body.lat,
        body.summary ?? null,
      ],
    ),
  )
  const incident = { ...body, id, severity: body.severity ?? 1, precision: body.precision ?? 'exact' }
  await recordCreated(deps, 'incident', id, incident, body.commune_code)
  return { incident }
}

/** Records an outreach session. */
export async function addOutreach(deps: AppDeps, body: z.infer<typeof newOutreach>): Promise<OutreachAnswer> {
  const { db } = deps
  await checkCommune(db, body.commune_code)
  if (body.village_code) await checkVillage(db, body.village_code, body.commune_code)
  if (body.lead_org_code) await checkCode(db, 'lead_org', body.lead_org_code, 'lead_org_code')
  checkNotFuture(body.held_on, 'held_on')
  const id = await freeKey(db, 'outreach_session', body.id, 'O')
  await scopedWrite('commune_code', () =>
    db.query(
      `insert into outreach_session (id, commune_code, village_code, held_on, topic, lead_org_code, attendees, province_code)
         values ($1, $2, $3, $4, $5, $6, $7, commune_province($2))`,
      [
        id,
        body.commune_code,
        body.village_code ?? null,
        body.held_on,
        body.topic,
        body.lead_org_code ?? null,
        body.attendees,
      ],
    ),
  )
  const session = { ...body, id }
  await recordCreated(deps, 'outreach_session', id, session, body.commune_code)
  return { outreach: session }
}
