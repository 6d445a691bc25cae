import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { copyStatement, copyText, type Db, PLAN_CACHE_MODE, type Queryable } from './types.ts'

// int8 and numeric arrive as numbers, as on the server adapter (see postgres.ts).
const parsers = { 20: Number, 1700: Number }

function wrap(pg: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query(sql, params) {
      const res = await pg.query(sql, params as unknown[] | undefined)
      return res.rows as never[]
    },
    async exec(sql) {
      await pg.exec(sql)
    },
    async copyIn(table, columns, rows) {
      await pg.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob: new Blob([copyText(rows)]) })
    },
  }
}

/** Embedded PostgreSQL (PGlite, WebAssembly) with PostGIS; `dir` undefined keeps it in memory. */
export async function openPglite(dir?: string): Promise<Db> {
  if (dir) mkdirSync(dir, { recursive: true })
  const pg = await PGlite.create(dir, { extensions: { postgis }, parsers })
  await pg.exec(`set plan_cache_mode = ${PLAN_CACHE_MODE}`) // see types.ts
  const base = wrap(pg)
  return {
    kind: 'embedded',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  }
}
