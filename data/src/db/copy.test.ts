import { afterAll, describe, expect, it } from 'vitest'
import { backends, closeTestDbs, openTestDb } from '../testing/index.ts'
import { copyText, type Queryable } from './index.ts'

describe("COPY's text form", () => {
  it('escapes what would end a field or a line, and writes null as \\N', () => {
    expect(copyText([['a\tb', 'c\\d', 'e\nf\rg', null, true, 1.5]])).toBe(
      'a\\tb\tc\\\\d\te\\nf\\rg\t\\N\tt\t1.5\n',
    )
    expect(copyText([])).toBe('')
  })
})

describe.each(backends().filter((b) => b !== 'citus'))(
  'bulk load with COPY on the %s database',
  (backend) => {
    afterAll(closeTestDbs)
    const table = `copy_probe_${process.pid}`
    const columns = ['id', 'a', 'b', 'd', 'p']
    const rows = [
      ['1', 'tab\there', 'back\\slash', '2026-01-31', 'SRID=4326;POINT(104.1 22.3)'],
      ['2', 'line\nbreak', null, null, null],
    ]
    const wanted = [
      { id: '1', a: 'tab\there', b: 'back\\slash', d: '2026-01-31', p: 'POINT(104.1 22.3)' },
      { id: '2', a: 'line\nbreak', b: null, d: null, p: null },
    ]
    const load = async (tx: Queryable) => {
      await tx.exec(`create table ${table} (id text, a text, b text, d date, p geometry(Point, 4326))`)
      await tx.copyIn(table, columns, rows)
      return tx.query(`select id, a, b, d::text as d, ST_AsText(p) as p from ${table} order by id`)
    }

    it('reads back every value as written, and loses all of it on a rollback', async () => {
      const db = await openTestDb(backend)
      const rollBack = new Error('roll back')
      await expect(
        db.transaction(async (tx) => {
          expect(await load(tx)).toEqual(wanted)
          throw rollBack
        }),
      ).rejects.toBe(rollBack)
      expect(await db.query(`select to_regclass($1) as t`, [table])).toEqual([{ t: null }])
    })
  },
)
