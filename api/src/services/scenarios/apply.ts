// Making a scenario's changes inside the request's transaction, where the caller's scope allows them. The
// caller (api/src/services/scenarios/middleware.ts) opens a savepoint first and always rolls it back.
import { randomUUID } from 'node:crypto'
import type { ScenarioChange } from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import type { Principal } from '../../auth/principal.ts'
import type { AppDeps } from '../../context.ts'
import { badRequest } from '../../http/errors.ts'
import { checkCode, checkCommune, findModel, scopedWrite } from '../../records/checks.ts'

/**
 * The role of a scenario's transaction for each request role (migration 030): the same reads, and writes to
 * the records a scenario changes within the caller's scope. Roles that write records already keep their own.
 */
const scenarioRole: Record<Principal['dbRole'], string> = {
  antt_reader: 'antt_scenario_reader',
  antt_reader_points: 'antt_scenario_reader_points',
  antt_editor: 'antt_editor',
  antt_admin: 'antt_admin',
}

/** Reason given for a model a scenario dissolves (security_model_status.reason). */
const SCENARIO_REASON = 'kịch bản (giả định)'

/**
 * Makes the changes as the caller's scope allows: a change outside it is refused with a 4xx that names it
 * (`changes[i].field`): 403 for a village of another commune, 404 for a model the caller cannot see, as
 * everywhere. Each change takes effect on `effectiveOn`, the last date of the data (the dashboard's today),
 * so it shows in every period that ends on or after it, the default period included; a model founded later
 * takes it from its founding.
 *
 * The writes and the figures computed after them run as one role (scenarioRole): on a Citus cluster a
 * transaction may not read shards that another role's connection wrote in it. Read-only roles may imagine
 * changes they may not make, still under their commune scope (row-level security). Rolling back the
 * savepoint gives the request its own role back. The setting antt.scenario keeps the change counters (020)
 * still.
 */
export async function applyChanges(
  deps: AppDeps,
  changes: readonly ScenarioChange[],
  effectiveOn: string,
): Promise<void> {
  const { db, principal } = deps
  if (!principal) throw new Error('a scenario needs a signed-in caller')
  // SET LOCAL, not set_config(): on a Citus cluster only a SET reaches the workers, whose triggers read it.
  // The role apart, with set_config(), as the request's (auth/middleware.ts)
  await db.exec(`set local antt.scenario = 'on'`)
  await db.exec(`select set_config('role', '${scenarioRole[principal.dbRole]}', true)`)
  // ids no record has and no other request uses at the same time (the rows never outlive the savepoint)
  const tag = randomUUID().slice(0, 8)
  for (const [i, change] of changes.entries()) {
    const field = (name: string) => `changes[${i}].${name}`
    if (change.kind === 'add_model') await addModel(db, change, `SCN-${tag}-${i}`, effectiveOn, field)
    else if (change.kind === 'set_cost') await setCost(db, change, field)
    else {
      const model = await findModel<{
        id: string
        commune_code: string
        founded_on: string
        status: string
        open_from: string | null
      }>(
        db,
        change.model_id,
        `m.id, m.commune_code, to_char(m.founded_on, 'YYYY-MM-DD') as founded_on, m.status,
         (select to_char(max(h.valid_from), 'YYYY-MM-DD') from security_model_status h
          where h.province_code = m.province_code and h.model_id = m.id) as open_from`,
        field('model_id'),
      )
      const on = [effectiveOn, model.founded_on, model.open_from ?? ''].sort().at(-1) as string
      if (change.kind === 'dissolve_model') {
        // already dissolved in the records: nothing to imagine
        if (model.status !== 'dissolved')
          await scopedWrite(field('model_id'), () =>
            db.query(`select set_model_status($1, 'dissolved', $2::date, $3)`, [
              model.id,
              on,
              SCENARIO_REASON,
            ]),
          )
      } else {
        await checkCode(db, 'rating', change.rating_code, field('rating_code'))
        await scopedWrite(field('model_id'), () =>
          db.query(
            `insert into evaluation (id, model_id, evaluated_on, rating_code, note, commune_code, province_code)
             values ($1, $2, $3, $4, $5, $6, commune_province($6))
             on conflict (model_id, evaluated_on, province_code) do update set rating_code = excluded.rating_code`,
            [`SCN-${tag}-${i}`, model.id, on, change.rating_code, SCENARIO_REASON, model.commune_code],
          ),
        )
      }
    }
  }
}

async function addModel(
  db: Queryable,
  change: Extract<ScenarioChange, { kind: 'add_model' }>,
  id: string,
  effectiveOn: string,
  field: (name: string) => string,
) {
  await checkCode(db, 'model_type', change.model_type, field('model_type'))
  await checkCode(db, 'lead_org', change.lead_org_code, field('lead_org_code'))
  // the village's commune whatever the caller's scope, so that one outside it is a 403, not "unknown"
  const [village] = await db.query<{ commune_code: string }>(
    `select commune_code from import_taken_ids('village', array[$1])`,
    [change.village_code],
  )
  if (!village) throw badRequest(field('village_code'), `no village with code ${change.village_code}`)
  await checkCommune(db, village.commune_code, field('village_code'))
  // the village read first, then one row of values: a Citus cluster writes the rows of an INSERT … SELECT from
  // another table with COPY, which it refuses under row-level security
  const [at] = await db.query<{ point: string | null }>(
    'select point::text as point from village where code = $1',
    [change.village_code],
  )
  await scopedWrite(field('village_code'), () =>
    db.query(
      `insert into security_model (id, name, type_code, commune_code, village_code, lead_org_code, founded_on,
         status, point, province_code)
       values ($1, $2, $3, $4, $5, $6, $7::date, 'active', $8::geometry, commune_province($4))`,
      [
        id,
        SCENARIO_REASON,
        change.model_type,
        village.commune_code,
        change.village_code,
        change.lead_org_code,
        effectiveOn,
        at?.point ?? null,
      ],
    ),
  )
  await db.query(`select set_model_status($1, 'active', $2::date, null)`, [id, effectiveOn])
}

async function setCost(
  db: Queryable,
  change: Extract<ScenarioChange, { kind: 'set_cost' }>,
  field: (name: string) => string,
) {
  await checkCode(db, 'model_type', change.model_type, field('model_type'))
  await db.query(
    `insert into model_type_cost (type_code, unit_cost_vnd, updated_by) values ($1, $2, $3)
     on conflict (type_code) do update set unit_cost_vnd = excluded.unit_cost_vnd, updated_by = excluded.updated_by`,
    [change.model_type, change.unit_cost_vnd, SCENARIO_REASON],
  )
}
