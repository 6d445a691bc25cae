import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { backends, closeTestDbs, openTestDb } from '../testing/index.ts'
import { DISTRIBUTE_SQL, distributeOnCitus, isCitus, splitStatements } from './citus.ts'

describe('the statements of the distribution script', () => {
  it('keeps a dollar-quoted block whole and drops whole-line comments', () => {
    const script = `-- a comment; with a semicolon
alter role r login;
do $$
begin
  perform 1; -- inside the block
end $$;
select 2;`
    expect(splitStatements(script)).toEqual([
      'alter role r login;',
      'do $$\nbegin\n  perform 1; -- inside the block\nend $$;',
      'select 2;',
    ])
  })

  it('splits sql/citus/distribute.sql into statements that each end where a statement ends', () => {
    const statements = splitStatements(readFileSync(DISTRIBUTE_SQL, 'utf8'))
    expect(statements.length).toBeGreaterThan(20)
    for (const s of statements) {
      expect(s).toMatch(/;$/)
      expect((s.match(/\$\$/g) ?? []).length % 2).toBe(0)
    }
  })
})

describe.each(backends().filter((b) => b !== 'citus'))('without Citus, on the %s database', (backend) => {
  afterAll(closeTestDbs)

  it('distributes nothing: the schema stays as the migrations made it', async () => {
    const db = await openTestDb(backend)
    expect(await isCitus(db)).toBe(false)
    expect(await distributeOnCitus(db)).toEqual([])
    const [pk] = await db.query<{ def: string }>(
      `select pg_get_constraintdef(oid) as def from pg_constraint
       where conrelid = 'incident'::regclass and contype = 'p'`,
    )
    expect(pk.def).toBe('PRIMARY KEY (id)')
  })
})
