/** One small interface over both backends; all SQL is the same on each. */
export type Row = Record<string, unknown>

export interface Queryable {
  /** Runs one statement with `$1…$n` parameters and returns its rows. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>
  /** Bulk load: the rows into `table`'s `columns` with COPY (values as COPY's text form reads them; null is NULL). */
  copyIn(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>
}

/** Rows in COPY's text format: tab-separated, one line each, `\N` for null, with backslash escapes. */
export function copyText(rows: readonly (readonly unknown[])[]): string {
  const field = (v: unknown) =>
    v === null || v === undefined
      ? '\\N'
      : typeof v === 'boolean'
        ? v
          ? 't'
          : 'f'
        : String(v).replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c])
  return rows.map((r) => r.map(field).join('\t')).join('\n') + (rows.length ? '\n' : '')
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/** The COPY statement for a table and its columns (names are the code's own, never input). */
export const copyStatement = (table: string, columns: readonly string[], source: string) =>
  `copy ${table} (${columns.join(', ')}) from ${source}`

export interface Db extends Queryable {
  readonly kind: 'embedded' | 'postgres'
  /** All-or-nothing: the callback's statements commit together or not at all. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * Both backends plan every statement for its own parameter values. With PostgreSQL's default, a PL/pgSQL
 * function such as unit_metrics() switches to a generic plan after five calls on a connection, and under
 * row-level security that plan took 170 ms where the custom one takes 58 ms (server, commune metrics).
 * Planning anew costs about a millisecond.
 */
export const PLAN_CACHE_MODE = 'force_custom_plan'
