import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backends, closeTestDbs, openTestDb } from '../testing/index.ts'
import type { Db } from './index.ts'

/** Each bad row is tried in its own transaction, which the failure rolls back. */
const BAD_ROWS: [string, string][] = [
  [
    'an invalid (self-intersecting) commune polygon',
    `insert into commune (code, name, full_name, type, province_code, population, area_km2, geom)
     values ('99991', 'X', 'Xã X', 'xa', '15', 10, 1, ST_GeomFromText('MULTIPOLYGON(((104 22, 104.1 22.1, 104.1 22, 104 22.1, 104 22)))', 4326))`,
  ],
  [
    'a commune polygon in the wrong SRID',
    `insert into commune (code, name, full_name, type, province_code, population, area_km2, geom)
     values ('99992', 'X', 'Xã X', 'xa', '15', 10, 1, ST_GeomFromText('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))', 3857))`,
  ],
  [
    'a village in an unknown commune',
    `insert into village (code, commune_code, name, kind, population, point)
     values ('99999-001', '99999', 'Thôn X', 'thon', 10, ST_SetSRID(ST_MakePoint(104, 22), 4326))`,
  ],
  ['a negative population', `update commune set population = -1 where code = '02647'`],
  [
    'an evaluation before the model was founded',
    `insert into evaluation (id, model_id, evaluated_on, rating_code)
     select 'bad-eval', id, founded_on - 1, 'tot' from security_model limit 1`,
  ],
  [
    'a dissolved model without a dissolution date',
    `update security_model set status = 'dissolved', dissolved_on = null
     where id = (select id from security_model where status = 'active' limit 1)`,
  ],
  [
    'an incident with an unknown category',
    `insert into incident (id, category_code, occurred_on, commune_code, severity, point)
     values ('bad-inc', 'no_such_category', '2025-01-01', '02647', 1, ST_SetSRID(ST_MakePoint(104, 22.5), 4326))`,
  ],
  [
    'a status period that ends before it starts',
    `insert into security_model_status (model_id, status, valid_from, valid_to)
     select id, 'weak', '2025-01-02', '2025-01-01' from security_model limit 1`,
  ],
]

describe.each(backends())('constraints on the %s database', (backend) => {
  let db: Db
  beforeAll(async () => {
    db = await openTestDb(backend)
  })
  afterAll(closeTestDbs)

  it.each(BAD_ROWS)('reject %s', async (_what, sql) => {
    await expect(db.transaction((tx) => tx.query(sql))).rejects.toThrow()
  })

  it('still hold the seeded rows after the rejected writes', async () => {
    const [row] = await db.query<{ communes: number; negative: number }>(
      `select (select count(*)::int from commune) as communes, (select count(*)::int from commune where population < 0) as negative`,
    )
    expect(row).toEqual({ communes: 99, negative: 0 })
  })
})
