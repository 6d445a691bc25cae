import { type Meta, metaInfo, type Taxonomies, taxonomies } from '@antt/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { describeTag, jsonAnswer } from '../http/describe.ts'
import { query } from '../http/validate.ts'
import { TABLE_CHANGES_SQL } from '../services/catalog.ts'
import { requestPeriod } from '../services/period.ts'

const doc = describeTag('Service')

/** Neither endpoint takes parameters; any is an error, as everywhere else. */
const noParameters = z.object({}).strict()

export const meta = new Hono<AppEnv>()
  .get(
    '/taxonomies',
    doc('Model types, incident categories, lead organisations, ratings, area classes, statuses (vi, en)', {
      200: jsonAnswer(taxonomies),
    }),
    query(noParameters),
    async (c) => c.json((await c.get('deps').catalog.taxonomies()) satisfies Taxonomies),
  )
  .get(
    '/',
    doc('Data range, default period, demo flag, freshness per table, sources', { 200: jsonAnswer(metaInfo) }),
    query(noParameters),
    async (c) => {
      const { db, catalog } = c.get('deps')
      const range = await catalog.range()
      const freshness = await db.query<{ table: string; changed_at: string }>(
        `select table_name as "table", to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as changed_at
       from ${TABLE_CHANGES_SQL} t order by table_name`,
      )
      const [seed] = await db.query<{
        seed: number | null
        seeded_at: string | null
        missing_layers: Meta['missing_layers'] | null
      }>(
        `select (select value::text::int from dataset_meta where key = 'seed') as seed,
              (select value #>> '{}' from dataset_meta where key = 'seeded_at') as seeded_at,
              (select value from dataset_meta where key = 'missing_layers') as missing_layers`,
      )
      return c.json({
        demo: await catalog.isDemo(),
        demo_notice: { vi: 'Dữ liệu minh họa', en: 'Demo data' },
        data_range: range,
        default_period: await requestPeriod(c.get('deps'), {}),
        seed: seed?.seed ?? null,
        seeded_at: seed?.seeded_at ?? null,
        /** optional boundary layers the seed could not have (e.g. the 2008 communes), with how to supply them */
        missing_layers: seed?.missing_layers ?? [],
        freshness,
        sources: [
          'Ranh giới xã 2025: lamngockhuong/vietnam-3d-map (gis.vn)',
          'Ranh giới xã 2008: choisy/vietnam63; dân số 2009: LucieContamin/censusVN2009 (MIT)',
          'Mã xã trước và sau sáp nhập 2025: dvhcvn/20250701 (MIT)',
          'Biên giới, ranh giới tỉnh: daohoangson/dvhcvn (gis.chinhphu.vn, GPL-3.0)',
        ],
      } satisfies Meta)
    },
  )
