// What a dry run found, as the API returns it.
import type { ImportColumn, ImportIssue, ImportReport, ImportSummary } from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import { messageVi } from '../http/messages-vi.ts'
import { progressOf } from './progress.ts'

export type { ImportColumn, ImportReport }
export type ReportIssue = ImportIssue

interface BatchRow {
  id: string
  kind: string
  status: string
  file_name: string
  format: string
  crs: string | null
  rows: number
  columns: ImportColumn[]
  issues: (ReportIssue & { severity: string })[]
  summary: Record<string, number> | null
  user_id: number
  username: string
  created_at: string
  validated_at: string | null
  committed_at: string | null
}

const ts = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as ${col}`

export async function loadBatch(db: Queryable, id: string): Promise<BatchRow | null> {
  const [row] = await db.query<BatchRow>(
    `select id::text, kind, import_status(id, status, rows) as status, file_name, format, crs, rows, columns,
            issues, summary, user_id, username,
            ${ts('created_at')}, ${ts('validated_at')}, ${ts('committed_at')}
     from import_batch where id = $1::uuid`,
    [id],
  )
  return row ?? null
}

/** The report of an import; issues listed up to `limit` of each severity, file-level ones first. */
export async function importReport(db: Queryable, batch: BatchRow, limit = 1000): Promise<ImportReport> {
  const list = async (severity: 'error' | 'warning') => {
    const file = batch.issues
      .filter((i) => i.severity === severity)
      .map(({ row, field, message }) => ({ row, field, message }))
    const [{ n }] = await db.query<{ n: number }>(
      `select count(*)::int as n from import_row r cross join lateral jsonb_array_elements(r.issues) i
       where r.import_id = $1::uuid and i->>'severity' = $2`,
      [batch.id, severity],
    )
    const listed = await db.query<ReportIssue>(
      `select r.row_no as row, i.v->>'field' as field, i.v->>'message' as message
       from import_row r cross join lateral jsonb_array_elements(r.issues) with ordinality as i(v, ord)
       where r.import_id = $1::uuid and i.v->>'severity' = $2
       order by r.row_no, i.ord limit $3`,
      [batch.id, severity, Math.max(0, limit - file.length)],
    )
    const items = [...file, ...listed].map((i) => ({ ...i, message_vi: messageVi(i.message) ?? i.message }))
    return { items, total: file.length + n }
  }
  const errors = await list('error')
  const warnings = await list('warning')
  const s = batch.summary ?? {}
  const running = batch.status === 'staging' ? progressOf(batch.id) : undefined
  return {
    id: batch.id,
    kind: batch.kind,
    status: batch.status === 'staging' ? 'running' : (batch.status as ImportReport['status']),
    file_name: batch.file_name,
    format: batch.format,
    crs: batch.crs,
    rows: batch.rows,
    processed: running?.processed ?? batch.rows,
    valid: s.valid ?? 0,
    create: s.create ?? 0,
    update: s.update ?? 0,
    skip: s.skip ?? 0,
    errors: errors.items,
    warnings: warnings.items,
    errors_total: errors.total,
    warnings_total: warnings.total,
    columns: batch.columns,
    username: batch.username,
    created_at: batch.created_at,
    validated_at: batch.validated_at,
    committed_at: batch.committed_at,
  }
}

/** The latest imports, newest first: every user's when `all` (an administrator), else the user's own. */
export const listImports = (db: Queryable, all: boolean, userId: number, limit: number) =>
  db.query<ImportSummary>(
    `select id::text, kind, import_status(id, status, rows) as status, file_name, format, crs, rows, summary,
            username,
            to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
            to_char(committed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as committed_at
     from import_batch where ($1 or user_id = $2) order by created_at desc limit $3`,
    [all, userId, limit],
  )

/** Forgets a dry run and its staged rows. */
export async function discardImport(db: Queryable, id: string): Promise<void> {
  await db.query('delete from import_batch where id = $1::uuid', [id])
}
