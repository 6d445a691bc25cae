/** One small interface over both backends; all SQL is the same on each. */
export type Row = Record<string, unknown>

export interface Queryable {
  /** Runs one statement with `$1…$n` parameters and returns its rows. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>
}

export interface Db extends Queryable {
  readonly kind: 'embedded' | 'postgres'
  /** All-or-nothing: the callback's statements commit together or not at all. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}
