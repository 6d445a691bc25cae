// The commit: writes every staged row of a clean dry run to its records table in a few set-based
// statements, inside the request's transaction: all rows or none.
import type { Queryable } from '@antt/data/db'
import { ApiError } from '../http/errors.ts'
import { TABLE_CHANGES_SQL } from '../services/catalog.ts'
import { KINDS } from './kinds/index.ts'
import type { ImportKind, KindDef } from './kinds/types.ts'
import { endProgress, startProgress } from './progress.ts'

/** Rows written per statement. */
export const COMMIT_SLICE = 20_000

export interface CommitResult {
  create: number
  update: number
  skip: number
}

/** The records tables that carry a province code (migration 026), and where it comes from. */
const PROVINCE_OF: Record<string, string> = {
  security_model: 'commune_province(x.commune_code)',
  evaluation: 'model_province(x.model_id)',
  incident: 'commune_province(x.commune_code)',
  outreach_session: 'commune_province(x.commune_code)',
  safety_certification: 'commune_province(x.commune_code)',
  funding_allocation: 'commune_province(x.commune_code)',
}

/**
 * The records tables that are reference tables on a Citus cluster (sql/citus/distribute.sql: a copy on every
 * node). Citus 13.2 runs an UPDATE of a reference table that reads the coordinator's own tables (import_row) on
 * the coordinator's copy alone, and the workers' copies keep the old rows: the staged values are read first,
 * and the update reads them as a parameter. The same two steps on one server and the embedded database.
 */
const REFERENCE_TABLES = new Set(['village'])

/** A statement of the commit, run per slice of rows with (import id, first row, last row). */
type WriteStep = string | { read: string; write: string }

function writeSql(kind: KindDef): WriteStep[] {
  if (kind.table === 'commune' || kind.columns.length === 0) return []
  const names = kind.columns.map((c) => c.name)
  const geo = [
    ...(['point', 'point-required', 'point-or-shape'].includes(kind.place) ? [['point', 'r.point']] : []),
    ...(['shape', 'point-or-shape'].includes(kind.place) ? [['geom', 'r.shape']] : []),
  ]
  // named with each new row: on a Citus cluster the coordinator routes it by the province (an update keeps
  // it, or moves it with the commune through the trigger of sql/functions/11_province_code.sql)
  const province = PROVINCE_OF[kind.table] ? [['province_code', PROVINCE_OF[kind.table]]] : []
  const from = `from import_row r cross join lateral jsonb_populate_record(null::${kind.table}, r.vals) x
     where r.import_id = $1::uuid and not r.has_error and r.row_no > $2 and r.row_no <= $3`
  const set = [
    ...[...names, ...geo.map(([c]) => c)].map((n) => `${n} = s.${n}`),
    ...(kind.table === 'security_model' ? ['updated_at = now()'] : []),
  ].join(', ')
  // On a Citus cluster the records table is distributed and import_row is the coordinator's. The insert
  // returns its rows (counted here) so that Citus writes each shard's share with an INSERT, under row-level
  // security, rather than with COPY, which row-level security refuses; the update reads its staged values
  // through a materialized CTE, which Citus joins to the shards as an intermediate result.
  const insert = `with written as (
       insert into ${kind.table} (${[kind.idColumn, ...names, ...[...geo, ...province].map(([c]) => c)].join(', ')})
       select r.rec_id, ${[...names.map((n) => `x.${n}`), ...[...geo, ...province].map(([, v]) => v)].join(', ')}
       ${from} and r.action = 'create' order by r.row_no
       returning 1)
     select count(*)::int as n from written`
  if (REFERENCE_TABLES.has(kind.table)) {
    // the staged values as records of the table (geometries as hexadecimal EWKB, which their type reads back)
    const fields = [
      `'${kind.idColumn}', r.target_id`,
      ...names.map((n) => `'${n}', x.${n}`),
      ...geo.map(([c, v]) => `'${c}', encode(ST_AsEWKB(${v}), 'hex')`),
    ].join(', ')
    return [
      insert,
      {
        read: `select coalesce(jsonb_agg(jsonb_build_object(${fields}) order by r.row_no), '[]'::jsonb)::text as rows
               ${from} and r.action = 'update'`,
        write: `update ${kind.table} t set ${set}
                from jsonb_populate_recordset(null::${kind.table}, $1::jsonb) s
                where t.${kind.idColumn} = s.${kind.idColumn}`,
      },
    ]
  }
  return [
    insert,
    `with staged as materialized (
       select r.target_id, ${[...names.map((n) => `x.${n}`), ...geo.map(([c, v]) => `${v} as ${c}`)].join(', ')}
       ${from} and r.action = 'update')
     update ${kind.table} t set ${set}
     from staged s where t.${kind.idColumn} = s.target_id`,
  ]
}

/**
 * Commits import `id`. 409 when it was committed already, has errors, or the data it was checked against
 * changed since; the caller's transaction rolls back on any failure, so nothing is half-written.
 */
export async function commitImport(db: Queryable, id: string, userId: number): Promise<CommitResult> {
  // On a Citus cluster: the writes reach each node over one connection, so that the same transaction may then
  // write the coordinator's own tables (the batch, the audit log), which Citus refuses after a write to the
  // shards in parallel. Set before the first statement that reads the shards; elsewhere a setting of no effect.
  await db.query(`set local citus.multi_shard_modify_mode = 'sequential'`)
  // for update: two commits of one import on the server wait for each other, and the second sees 'committed'
  const [batch] = await db.query<{
    kind: ImportKind
    status: string
    issues: { severity: string }[]
    data_version: string
  }>(
    `select kind, import_status(id, status, rows) as status, issues, data_version
     from import_batch where id = $1::uuid for update`,
    [id],
  )
  if (!batch)
    throw new ApiError(404, 'not_found', `import ${id} not found`, [{ field: 'id', problem: 'not found' }])
  if (batch.status === 'committed')
    throw new ApiError(409, 'already_committed', `import ${id} was committed already`, [
      { field: 'id', problem: 'already committed' },
    ])
  if (batch.status === 'expired')
    throw new ApiError(
      409,
      'expired',
      `import ${id} has expired: its checked rows were lost when the database restarted; run the dry run again`,
      [{ field: 'id', problem: 'expired: run the dry run again' }],
    )
  if (batch.status !== 'validated')
    throw new ApiError(409, 'not_ready', `import ${id} is still running its dry run`, [
      { field: 'id', problem: 'not ready' },
    ])
  const kind = KINDS[batch.kind]
  const [{ errors }] = await db.query<{ errors: number }>(
    'select count(*)::int as errors from import_row where import_id = $1::uuid and has_error',
    [id],
  )
  const fileErrors = batch.issues.filter((i) => i.severity === 'error').length
  if (errors + fileErrors > 0)
    throw new ApiError(
      409,
      'import_has_errors',
      `import ${id} has ${errors} row(s) with errors${fileErrors ? ` and ${fileErrors} file error(s)` : ''}: fix the file and run the dry run again`,
      [{ field: 'id', problem: 'has errors' }],
    )
  const [{ version }] = await db.query<{ version: string }>(
    `select coalesce(string_agg(table_name || ':' || version, ',' order by table_name), '') as version
     from ${TABLE_CHANGES_SQL} t where table_name = any ($1::text[])`,
    [kind.reads],
  )
  // When the tables the dry run read have changed since, check that its plan still holds: no new record's
  // key taken meanwhile, no record it updates gone (or moved out of the caller's scope). Other changes
  // are caught by the tables' own constraints, which fail the whole commit.
  if (version !== batch.data_version && kind.table !== 'commune') {
    const [{ taken, gone }] = await db.query<{ taken: number; gone: number }>(
      `with staged as materialized (
         select action, rec_id, target_id from import_row where import_id = $1::uuid),
       taken as materialized (
         select id from import_taken_ids($2, array(select rec_id from staged where action = 'create'))),
       found as materialized (
         select t.${kind.idColumn} as id from ${kind.table} t
         where t.${kind.idColumn} in (select target_id from staged where action <> 'create'))
       select count(*) filter (where s.action = 'create' and s.rec_id in (select id from taken))::int as taken,
              count(*) filter (where s.action <> 'create' and s.target_id not in (select id from found))::int as gone
       from staged s`,
      [id, kind.table],
    )
    if (taken + gone > 0)
      throw new ApiError(
        409,
        'stale',
        `the data changed since the dry run of import ${id} (${taken} key(s) taken, ${gone} record(s) gone): run the dry run again`,
        [{ field: 'id', problem: 'stale' }],
      )
  }

  await db.query('set local jit = off')
  const progress = startProgress(id, userId, 'committing')
  try {
    // in slices of rows, so that no statement of a large import runs into the server's statement timeout
    const [{ last }] = await db.query<{ last: number }>(
      'select coalesce(max(row_no), 0) as last from import_row where import_id = $1::uuid',
      [id],
    )
    for (const step of writeSql(kind))
      for (let from = 0; from < last; from += COMMIT_SLICE) {
        const slice = [id, from, from + COMMIT_SLICE]
        if (typeof step === 'string') await db.query(step, slice)
        else {
          const [{ rows }] = await db.query<{ rows: string }>(step.read, slice)
          if (rows !== '[]') await db.query(step.write, [rows])
        }
        progress.processed = Math.min(last, from + COMMIT_SLICE)
      }
    for (const sql of kind.afterCommit ?? []) await db.query(sql, [id])
    const [counts] = await db.query<CommitResult>(
      `select count(*) filter (where action = 'create')::int as "create",
              count(*) filter (where action = 'update')::int as "update",
              count(*) filter (where action = 'skip')::int as skip
       from import_row where import_id = $1::uuid`,
      [id],
    )
    progress.processed = counts.create + counts.update + counts.skip
    await db.query(
      `update import_batch set status = 'committed', committed_at = now(),
              summary = coalesce(summary, '{}'::jsonb) || $2::jsonb
       where id = $1::uuid`,
      [id, JSON.stringify(counts)],
    )
    await db.query('delete from import_row where import_id = $1::uuid', [id])
    return counts
  } finally {
    endProgress(id)
  }
}

/** The communes a dry run's rows fall in: the units whose alerts are evaluated again after the commit. */
export async function stagedCommunes(db: Queryable, id: string): Promise<string[]> {
  const rows = await db.query<{ commune_code: string }>(
    'select distinct commune_code from import_row where import_id = $1::uuid and commune_code is not null',
    [id],
  )
  return rows.map((r) => r.commune_code)
}
