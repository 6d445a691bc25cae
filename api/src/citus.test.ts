// The national deployment on a Citus cluster (docs/scaling.md): the tables are distributed as documented, a
// request for one province is a single-shard (router) query, row-level security holds on the workers, and a
// write across provinces is all-or-nothing. Against the cluster of TEST_CITUS_URL (the whole country at the
// national test size); skipped, saying why, where none is configured.

import type { DemoSize } from '@antt/data'
import {
  type Db,
  listMigrations,
  migrate,
  openPostgres,
  PROPAGATE_SET_LOCAL,
  type Queryable,
} from '@antt/data/db'
import { areaTestDbUrl, CITUS_SKIPPED, closeTestDbs, openAreaTestDb } from '@antt/data/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TILE_LAYERS } from './tiles/layers.ts'
import { tileQuery } from './tiles/tile-sql.ts'

/** The size of the national test databases (national.test.ts): the same template serves both files. */
const SIZE: DemoSize = { villages: 1, incidents: 20_000 }
const LAO_CAI = '15'
const CAO_BANG = '04'

/** Stands for the caller's provinces in a request's parameters (shardsRead, below). */
const PROVINCES = Symbol('provinces')

const explain = async (db: Queryable, sql: string, params: unknown[] = []) =>
  (await db.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, params)).map((r) => r['QUERY PLAN']).join('\n')

describe.skipIf(CITUS_SKIPPED)(
  `the whole country on a Citus cluster${CITUS_SKIPPED ? ` (skipped: ${CITUS_SKIPPED})` : ''}`,
  () => {
    let db: Db
    beforeAll(async () => {
      db = await openAreaTestDb('citus', 'VN', SIZE)
    }, 3_600_000)
    afterAll(closeTestDbs)

    it('distributes the fact tables by province, co-located, and copies units, taxonomies and accounts', async () => {
      const rows = await db.query<{ t: string; method: string; key: string | null; colocation: number }>(
        `select logicalrelid::text as t, partmethod as method, column_to_column_name(logicalrelid, partkey) as key,
              colocationid as colocation
       from pg_dist_partition`,
      )
      const kind = new Map(rows.map((r) => [r.t, r]))
      const facts = [
        'security_model',
        'security_model_status',
        'evaluation',
        'incident',
        'outreach_session',
        'safety_certification',
        'funding_allocation',
        'model_state_history',
        'model_radius_village',
        'incident_month',
        'incident_commune_month',
        'commune_state_day',
      ]
      for (const t of facts) expect(kind.get(t), t).toMatchObject({ method: 'h', key: 'province_code' })
      expect(new Set(facts.map((t) => kind.get(t)?.colocation)).size).toBe(1)
      for (const t of [
        'province',
        'commune',
        'village',
        'model_type',
        'incident_category',
        'app_user',
        'app_role',
      ])
        expect(kind.get(t)?.method, t).toBe('n')
      // every province's rows are on the cluster: the distribution copied the data, not an empty schema
      const [n] = await db.query<{ provinces: number; incidents: number }>(
        'select count(distinct province_code)::int as provinces, count(*)::int as incidents from incident',
      )
      expect(n.provinces).toBe(34)
      expect(n.incidents).toBeGreaterThan(10_000)
    })

    it('answers a question about one province from one shard, and a national one from all of them', async () => {
      const oneProvince = await explain(
        db,
        `select i.commune_code, count(*) from incident i join commune c on c.code = i.commune_code
       where i.province_code = $1 and i.occurred_on >= date '2025-01-01' group by 1`,
        [LAO_CAI],
      )
      expect(oneProvince).toMatch(/Task Count: 1\b/)
      const national = await explain(
        db,
        `select province_code, count(*) from incident where occurred_on >= date '2025-01-01' group by 1`,
      )
      expect(national).toMatch(/Task Count: 32\b/)
      // a model with its evaluations and status rows: co-located, so the join stays on the shard
      const model = await explain(
        db,
        `select m.id, count(e.*) from security_model m
       join evaluation e on e.province_code = m.province_code and e.model_id = m.id
       where m.province_code = $1 group by 1`,
        [LAO_CAI],
      )
      expect(model).toMatch(/Task Count: 1\b/)
    })

    it("sends a one-province caller's metrics, tiles and incident counts to that province's shards only", async () => {
      // the shards each statement reaches, as the cluster logs the commands it sends to the workers
      const shardsRead = async (scope: string, sql: string, params: unknown[] = []) => {
        const notices: string[] = []
        const own = await openPostgres(areaTestDbUrl('citus', 'VN'), {
          max: 1,
          onNotice: (m) => notices.push(m),
        })
        try {
          await own.transaction(async (tx) => {
            await tx.exec(`${PROPAGATE_SET_LOCAL}; set local antt.scope = '${scope}'`)
            await tx.exec("select set_config('role', 'antt_reader_points', true)")
            // the provinces as the app finds them for the caller (services/area.ts, scopeProvinces)
            const [{ p }] = await tx.query<{ p: string[] | null }>('select antt_scope_provinces() as p')
            await tx.exec('set local citus.log_remote_commands = on')
            await tx.query(
              sql,
              params.map((v) => (v === PROVINCES ? p : v)),
            )
          })
        } finally {
          await own.close()
        }
        const shards = new Map<string, Set<string>>()
        for (const m of notices)
          for (const [, table, id] of m.matchAll(
            /\b(incident|incident_commune_month|commune_state_day|outreach_session|security_model|funding_allocation)_(\d{6,})\b/g,
          ))
            shards.set(table, (shards.get(table) ?? new Set()).add(id))
        return shards
      }
      const [lc] = await db.query<{ scope: string }>(
        `select string_agg(code, ',') as scope from commune where province_code = $1`,
        [LAO_CAI],
      )
      // a tile over Lào Cai city at z10, as the app builds it (tiles/tile-sql.ts)
      const tile = (id: string) => {
        const layer = TILE_LAYERS.get(id)
        if (!layer) throw new Error(id)
        const filters = { from: '2024-01-01', to: '2024-12-31', categories: null }
        const q = tileQuery('postgres', layer, { z: 10, x: 807, y: 446 }, filters, [])
        return { sql: q.sql, params: q.args.map((a, i) => (i === 3 ? PROVINCES : a)) }
      }
      const requests: Record<string, { sql: string; params?: unknown[]; tables: string[] }> = {
        'dashboard metrics': {
          sql: `select count(*) from unit_metrics('commune', date '2024-03-01', date '2024-11-15', null,
                  array['active'], null, null, null, null, 6)`,
          tables: [
            'commune_state_day',
            'funding_allocation',
            'incident',
            'incident_commune_month',
            'outreach_session',
            'security_model',
          ],
        },
        'models tile': { ...tile('models'), tables: ['security_model'] },
        'incident hexagon tile': { ...tile('incident_hex'), tables: ['incident'] },
        'incident hexagons (density)': {
          sql: `select count(*) from incident_hex_counts(date '2024-01-01', date '2024-12-31', null, 2000, 3)`,
          tables: ['incident'],
        },
      }
      for (const [what, r] of Object.entries(requests)) {
        const provincial = await shardsRead(lc.scope, r.sql, r.params)
        expect([...provincial.keys()].sort(), what).toEqual(r.tables)
        for (const [table, ids] of provincial) expect(ids.size, `${what}: ${table}`).toBe(1)
        // the whole country: every shard of the same tables
        const national = await shardsRead('*', r.sql, r.params)
        expect([...national.keys()].sort(), what).toEqual(r.tables)
        for (const [table, ids] of national) expect(ids.size, `${what}: ${table}`).toBe(32)
      }
    })

    it('keeps row-level security on the workers: the scope set with SET LOCAL reaches them', async () => {
      const [commune] = await db.query<{ code: string; n: number }>(
        `select commune_code as code, count(*)::int as n from incident where province_code = $1
       group by 1 order by 2 desc limit 1`,
        [LAO_CAI],
      )
      const seen = (setScope: string) =>
        db.transaction(async (tx) => {
          // as every request of the app begins (api/src/auth/middleware.ts)
          await tx.exec(`${PROPAGATE_SET_LOCAL}; set local role antt_reader; ${setScope}`)
          const [row] = await tx.query<{ n: number; outside: number }>(
            `select count(*)::int as n, count(*) filter (where commune_code <> '${commune.code}')::int as outside
           from incident`,
          )
          return row
        })
      expect(await seen(`set local antt.scope = '${commune.code}'`)).toEqual({ n: commune.n, outside: 0 })
    })

    it("keeps a model's state history on its shard when an evaluation is written and taken back", async () => {
      const [model] = await db.query<{ id: string; province_code: string; commune_code: string }>(
        `select id, province_code, commune_code from security_model
         where province_code = $1 and status = 'active' and founded_on < date '2025-01-01' order by id limit 1`,
        [LAO_CAI],
      )
      const evaluated = async () =>
        (
          await db.query<{ evaluated: string[] }>(
            `select evaluated::text[] as evaluated from model_state_history where province_code = $1 and model_id = $2`,
            [model.province_code, model.id],
          )
        )[0].evaluated
      const before = await evaluated()
      await db.query(
        `insert into evaluation (id, model_id, province_code, commune_code, evaluated_on, rating_code)
         values ('citus-test-evaluation', $1, $2, $3, date '2025-02-03', 'tot')`,
        [model.id, model.province_code, model.commune_code],
      )
      expect(await evaluated()).toContain('2025-02-03')
      // by id alone: a statement on every shard
      await db.query(`delete from evaluation where id = 'citus-test-evaluation'`)
      expect(await evaluated()).toEqual(before)
    })

    // The writes go through the triggers of the shards, which keep the monthly counts and the change counters
    // on their own node (docs/scaling.md, "Triggers on the cluster").
    it('writes across provinces all or nothing, with the pre-aggregates of every shard', async () => {
      const communes = await db.query<{ code: string; province_code: string }>(
        `select distinct on (province_code) code, province_code from commune
       where province_code = any ($1) order by province_code, code`,
        [[LAO_CAI, CAO_BANG]],
      )
      expect(communes).toHaveLength(2)
      const count = () =>
        db.query<{ raw: number; months: number }>(
          `select (select count(*)::int from incident where province_code = any ($1)) as raw,
                (select coalesce(sum(n), 0)::int from incident_month where province_code = any ($1)) as months`,
          [[LAO_CAI, CAO_BANG]],
        )
      const [before] = await count()
      expect(before.months).toBe(before.raw)
      const insert = (tx: Queryable, suffix: string) =>
        tx.query(
          `insert into incident (id, province_code, category_code, occurred_on, commune_code, severity, point)
         select 'citus-test-' || c.code || $2, c.province_code, (select min(code) from incident_category),
                date '2025-06-15', c.code, 1, c.label_point
         from commune c where c.code = any ($1)`,
          [communes.map((c) => c.code), suffix],
        )
      // a failure after rows went to both provinces' shards takes them all back
      await expect(
        db.transaction(async (tx) => {
          await insert(tx, '-a')
          await insert(tx, '-a')
        }),
      ).rejects.toThrow(/duplicate key/)
      expect((await count())[0]).toEqual(before)
      // a committed write lands in both, and the monthly counts follow it on each shard
      await db.transaction((tx) => insert(tx, '-b'))
      const [after] = await count()
      expect(after).toEqual({ raw: before.raw + 2, months: before.months + 2 })
      await db.query(`delete from incident where id like 'citus-test-%'`)
      expect((await count())[0]).toEqual(before)
    })

    // An installed cluster takes later migrations on its distributed tables (docs/scaling.md, "Upgrades").
    it('applies a later migration that grants on a distributed table and then creates a function', async () => {
      const later = `grant select on incident to antt_reader;
create or replace function citus_test_later() returns integer language sql as 'select 1';`
      const extra = { version: '999', name: 'citus_test_later', sql: later, checksum: 'citus-test' }
      try {
        // without one connection per worker for the transaction, Citus refuses the function after the grant
        expect(await migrate(db, [...listMigrations(), extra])).toContain('999_citus_test_later')
        expect(await db.query('select citus_test_later() as one')).toEqual([{ one: 1 }])
      } finally {
        await db.exec(`delete from schema_migration where version = '999';
drop function if exists citus_test_later()`)
      }
    })

    it('rebuilds the pre-aggregates on the shards, to the rows the seed built', async () => {
      // The communes with a village in the radius of another province's camera: a shard builds its communes'
      // steps from its own cameras (docs/scaling.md, "Next"), the seed from all, before distribution.
      const crossing = (
        await db.query<{ code: string }>(
          `select distinct v.commune_code as code
           from model_radius_village p join village v on v.code = p.village_code
           join commune c on c.code = v.commune_code
           where c.province_code <> p.province_code`,
        )
      ).map((r) => r.code)
      const tables = [
        'model_state_history',
        'model_radius_village',
        'commune_state_day',
        'incident_month',
        'incident_commune_month',
      ]
      // every row of each, as a count and a sum of row hashes (computed on the shards)
      const fingerprint = async () =>
        Promise.all(
          tables.map(async (t) => {
            const [r] = await db.query<{ n: number; h: string }>(
              `select count(*)::int as n, sum(hashtext(x::text)::bigint)::text as h from ${t} x
               ${t === 'commune_state_day' ? 'where x.commune_code <> all ($1::text[])' : ''}`,
              t === 'commune_state_day' ? [crossing] : [],
            )
            return { t, ...r }
          }),
        )
      const before = await fingerprint()
      for (const r of before) expect(r.n, r.t).toBeGreaterThan(0)
      const [state] = await db.query<{ missing: boolean }>('select aggregates_missing() as missing')
      expect(state.missing).toBe(false)
      // what the migration runner does after a migration that adds an aggregate: each shard rebuilds its own on
      // its worker (sql/functions/10_aggregates.sql)
      await db.query('select rebuild_aggregates()')
      expect(await fingerprint()).toEqual(before)
    })
  },
)
