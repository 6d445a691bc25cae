// The dry run: reads the file row by row, stages it in chunks (one JSON parameter and one set-based
// statement per chunk), then runs the checks that need the whole file. Nothing is written to the records
// tables; the staged rows wait in import_row for the commit.
import type { Queryable } from '@antt/data/db'
import { TABLE_CHANGES_SQL } from '../services/catalog.ts'
import { type Crs, LAO_CAI_MERIDIAN, vn2000Tm3, WGS84 } from './crs.ts'
import type { KindDef } from './kinds/types.ts'
import { startProgress } from './progress.ts'
import { openTable } from './read/source.ts'
import { type Issue, type StagedRow, stageRow, todayInVietnam } from './row.ts'
import { stageSql } from './stage-sql.ts'

/** Rows per staging statement: large enough to amortise the statement, small enough to bound memory. */
export const CHUNK_ROWS = 5_000
/** Tolerance for "outside its commune / the province": the boundaries are simplified (about 50 m). */
export const PLACE_TOLERANCE_M = 100

export interface DryRunInput {
  id: string
  kind: KindDef
  fileName: string
  bytes: Uint8Array
  /** CRS named in the request, if any */
  crs: Crs | null
  user: { userId: number; username: string }
}

export interface FileIssue extends Issue {
  row: number
}

/** Leaves empty issue lists and key maps out of the JSON (fewer bytes for the database to parse). */
const omitEmpty = (key: string, v: unknown) =>
  (key === 'issues' || key === 'folded') &&
  (Array.isArray(v) ? v.length === 0 : Object.keys(v as object).length === 0)
    ? undefined
    : v

function outsideHint(crs: Crs, known: boolean): string {
  const lc = vn2000Tm3(LAO_CAI_MERIDIAN)
  if (crs.projected && crs.srid !== lc.srid) return `: it was read in ${crs.name}; Lào Cai uses ${lc.name}`
  if (!known) return ': check the coordinates, or name the CRS'
  return ''
}

export async function dryRun(db: Queryable, input: DryRunInput): Promise<void> {
  const { kind, id } = input
  // The staging statement is long and its cost estimate high: PostgreSQL would spend seconds compiling it
  // with JIT for a few milliseconds of work.
  await db.query('set local jit = off')
  // dry runs nobody committed are kept for a week
  await db.query(
    `delete from import_batch where status <> 'committed' and created_at < now() - interval '7 days'`,
  )
  const progress = startProgress(id, input.user.userId, 'reading')
  const table = await openTable(input.fileName, input.bytes, kind)
  const fileIssues: FileIssue[] = table.headerIssues.map((i) => ({ ...i, row: table.headerRow }))

  // The CRS: as requested, else as the file declares (.prj, GeoJSON crs), else WGS84.
  const declared = table.crs
  let crs = input.crs ?? declared?.crs ?? WGS84
  const crsKnown = Boolean(input.crs ?? declared?.crs)
  if (declared && !declared.crs && !input.crs)
    fileIssues.push({
      row: 0,
      field: 'crs',
      severity: 'error',
      message: `${declared.reason}: name the CRS with the crs field`,
    })
  if (declared?.crs && input.crs && declared.crs.srid !== input.crs.srid)
    fileIssues.push({
      row: 0,
      field: 'crs',
      severity: 'warning',
      message: `read as ${input.crs.name} as asked, but ${declared.reason} (${declared.crs.name})`,
    })
  if (table.format === 'shapefile' && !declared && !input.crs)
    fileIssues.push({
      row: 0,
      field: 'crs',
      severity: 'warning',
      message: 'the zip has no .prj: WGS 84 assumed',
    })
  if (declared && !declared.crs && input.crs) crs = input.crs

  const fields = new Set(table.columns.flatMap((c) => (c.field ? [c.field] : [])))
  if (table.format === 'geojson' || table.format === 'shapefile') fields.add('geometry')

  await db.query(
    `insert into import_batch (id, user_id, username, kind, status, file_name, format, crs, srid, columns)
     values ($1, $2, $3, $4, 'staging', $5, $6, $7, $8, $9::jsonb)`,
    [
      id,
      input.user.userId,
      input.user.username,
      kind.kind,
      input.fileName,
      table.format,
      crs.name,
      crs.srid,
      JSON.stringify(
        table.columns.map((c) => {
          const f = c.field ? kind.fields.find((x) => x.key === c.field) : undefined
          return {
            column: c.header,
            field: c.field,
            ...(f && { label: f.vi }),
            ...(c.truncated && { truncated: true }),
          }
        }),
      ),
    ],
  )

  const sql = stageSql(kind, fields, { projected: crs.projected })
  const hint = outsideHint(crs, crsKnown)
  const ctx = { kind, columns: table.columns, crs, crsKnown, today: todayInVietnam() }
  let chunk: StagedRow[] = []
  let rows = 0
  const flush = async () => {
    if (!chunk.length) return
    progress.phase = 'validating'
    const written = await db.query<{ n: number }>(
      `with staged as (${sql} returning 1) select count(*)::int as n from staged`,
      [JSON.stringify(chunk, omitEmpty), id, PLACE_TOLERANCE_M, hint],
    )
    const n = written[0]?.n ?? 0
    // The embedded database's PostGIS can lose rows without an error when GEOS fails inside a query:
    // never go on with fewer rows than were read.
    if (n !== chunk.length) throw new Error(`staging import ${id}: ${n} of ${chunk.length} rows were written`)
    progress.processed += chunk.length
    progress.phase = 'reading'
    chunk = []
  }
  for await (const r of table.rows) {
    const staged = stageRow(ctx, r.row, r.cells, r.geometry)
    if (!staged) continue
    rows++
    chunk.push(staged)
    if (chunk.length >= CHUNK_ROWS) await flush()
  }
  await flush()
  if (rows === 0)
    fileIssues.push({ row: 0, field: 'file', severity: 'error', message: 'the file has no data rows' })

  progress.phase = 'validating'
  await checkWholeFile(db, kind, id)
  const [counts] = await db.query<Record<string, number>>(
    `select count(*)::int as rows,
            count(*) filter (where not has_error)::int as valid,
            count(*) filter (where not has_error and action = 'create')::int as "create",
            count(*) filter (where not has_error and action = 'update')::int as "update",
            count(*) filter (where not has_error and action = 'skip')::int as skip
     from import_row where import_id = $1`,
    [id],
  )
  await db.query(
    `update import_batch set status = 'validated', rows = $2, issues = $3::jsonb, summary = $4::jsonb,
            validated_at = now(),
            data_version = (select coalesce(string_agg(table_name || ':' || version, ',' order by table_name), '')
                            from ${TABLE_CHANGES_SQL} t where table_name = any ($5::text[]))
     where id = $1`,
    [id, counts.rows, JSON.stringify(fileIssues), JSON.stringify(counts), kind.reads],
  )
}

/** Checks that need every staged row: keys for new records, duplicates within the file, the kind's own. */
async function checkWholeFile(db: Queryable, kind: KindDef, id: string) {
  for (const sql of kind.postChecks ?? []) await db.query(sql, [id])
  if (kind.idPrefix)
    await db.query(
      `update import_row set rec_id = $2 || lpad(row_no::text, 6, '0')
       where import_id = $1 and rec_id is null and action = 'create'`,
      [id, `${kind.idPrefix}-${id.slice(0, 8).toUpperCase()}-`],
    )
  // The same record twice: by key, or (rows without a key) by natural key. Each issue is written in a CTE and
  // appended by the update: Citus refuses an update of import_row (the coordinator's table, in its metadata)
  // whose new value calls a stable function (format()) on the row's columns.
  await db.query(
    `with d as materialized (
       select row_no, jsonb_build_array(import_issue(case when f ? 'id' then 'id' else $2 end, 'error',
                format('the same record as row %s (%s)', first, rec_id))) as issue
       from (select row_no, f, rec_id, first_value(row_no) over (partition by rec_id order by row_no) as first
             from import_row where import_id = $1 and rec_id is not null) w
       where first <> row_no)
     update import_row r set issues = r.issues || d.issue from d where r.import_id = $1 and r.row_no = d.row_no`,
    [id, kind.kind === 'boundaries' ? 'commune_code' : (kind.naturalKey?.fields[0] ?? 'id')],
  )
  if (kind.naturalKey)
    await db.query(
      `with d as materialized (
         select row_no, jsonb_build_array(import_issue($2, 'error',
                  format('the same %s as row %s: give each record its own key (Mã hồ sơ) if both are meant', $3::text, first))) as issue
         from (select row_no, first_value(row_no) over (partition by nkey order by row_no) as first
               from import_row where import_id = $1 and nkey is not null and target_id is null and not (f ? 'id')) w
         where first <> row_no)
       update import_row r set issues = r.issues || d.issue from d where r.import_id = $1 and r.row_no = d.row_no`,
      [id, kind.naturalKey.fields[0], kind.naturalKey.label],
    )
}
