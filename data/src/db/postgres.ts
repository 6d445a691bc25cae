import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import postgres from 'postgres'
import { copyStatement, copyText, type Db, PLAN_CACHE_MODE, type Queryable } from './types.ts'

type Sql = postgres.Sql | postgres.TransactionSql

function wrap(sql: Sql): Queryable {
  return {
    async query(text, params) {
      return (await sql.unsafe(text, (params ?? []) as postgres.ParameterOrJSON<never>[])) as never[]
    },
    async exec(text) {
      await sql.unsafe(text).simple()
    },
    async copyIn(table, columns, rows) {
      const into = await sql.unsafe(copyStatement(table, columns, 'stdin')).writable()
      await pipeline(Readable.from([copyText(rows)]), into)
    },
  }
}

/**
 * PostgreSQL server with PostGIS through the `postgres` client. `readOnly`: every transaction of the pool is
 * read-only (a read replica's connection: a write sent there by mistake fails at once, on a standby or not).
 * `onNotice`: the server's notices (dropped without it).
 */
export async function openPostgres(
  url: string,
  opts: { max?: number; readOnly?: boolean; onNotice?: (message: string) => void } = {},
): Promise<Db> {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: (notice) => opts.onNotice?.(notice.message),
    // Same value types as the embedded adapter: int8 and numeric as numbers.
    types: {
      bigint: { to: 20, from: [20], serialize: (v: number) => String(v), parse: Number },
      numeric: { to: 1700, from: [1700], serialize: (v: number) => String(v), parse: Number },
      // A string bound to a json/jsonb parameter is already JSON text (as PGlite takes it).
      json: {
        to: 114,
        from: [114, 3802],
        serialize: (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v)),
        parse: JSON.parse,
      },
    },
    // No JIT: the row-level security policies (migration 012) inflate the planner's cost estimates of the
    // metrics query into the millions, so PostgreSQL would compile it on every call, which took 1.4 s of a
    // 50 ms query on the reference machine. The dashboard's queries are short; JIT never pays here.
    connection: {
      // PGAPPNAME names a deployment's connections (as for libpq); the reader's carry "-reader" after it
      application_name: `${process.env.PGAPPNAME || 'antt-atlas'}${opts.readOnly ? '-reader' : ''}`,
      jit: 'off',
      plan_cache_mode: PLAN_CACHE_MODE,
      ...(opts.readOnly && { default_transaction_read_only: true }),
    },
  })
  const base = wrap(sql)
  return {
    kind: 'postgres',
    ...base,
    transaction: (fn) => sql.begin((tx) => fn(wrap(tx))) as never,
    close: () => sql.end({ timeout: 5 }),
  }
}
