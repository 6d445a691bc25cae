import { type SearchHit, type SearchResult, searchQuery, searchResult } from '@antt/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { describeRoute, jsonAnswer } from '../http/describe.ts'
import { query } from '../http/validate.ts'

/**
 * Diacritic- and case-insensitive search over communes and villages (vn_fold, migration 001).
 * Ranked: exact name, then name prefix, then word prefix, then substring; communes before villages.
 */
export const search = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tag: 'Units and metrics',
    summary: 'Communes and villages by name, diacritic- and case-insensitive, ranked',
    responses: { 200: jsonAnswer(searchResult) },
  }),
  query(searchQuery),
  async (c) => {
    const q = c.req.valid('query')
    const results = await c.get('deps').db.query<SearchHit>(
      `with needle as (select vn_fold($1) as n),
     hits as (
       select 'commune' as level, code, full_name as name, null::text as commune_code, null::text as commune_name,
              vn_fold(name) as folded, name_folded as full_folded,
              ST_X(label_point) as lon, ST_Y(label_point) as lat
       from commune
       union all
       select 'village', v.code, v.name, v.commune_code, c.full_name, v.name_folded, v.name_folded,
              ST_X(v.point), ST_Y(v.point)
       from village v join commune c on c.code = v.commune_code
     )
     select level, code, name, commune_code, commune_name, lon, lat,
            case when folded = n or full_folded = n then 0
                 when folded like n || '%' or full_folded like n || '%' then 1
                 when full_folded like '% ' || n || '%' then 2
                 else 3 end as rank
     from hits, needle
     where full_folded like '%' || n || '%' and ($3::text is null or level = $3)
     order by rank, level, name
     limit $2`,
      [q.q.replace(/[%_\\]/g, ''), q.limit, q.level ?? null],
    )
    return c.json({ query: q.q, results } satisfies SearchResult)
  },
)
