import { type SearchHit, type SearchResult, searchQuery, searchResult } from '@antt/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { describeRoute, jsonAnswer } from '../http/describe.ts'
import { query } from '../http/validate.ts'

/**
 * Diacritic- and case-insensitive search over provinces, communes and villages (vn_fold, migration 001), within
 * the caller's scope. Ranked: exact name, then name prefix, then word prefix, then substring; provinces first,
 * then communes, then villages.
 */
export const search = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tag: 'Units and metrics',
    summary: 'Provinces, communes and villages by name, diacritic- and case-insensitive, ranked',
    responses: { 200: jsonAnswer(searchResult) },
  }),
  query(searchQuery),
  async (c) => {
    const q = c.req.valid('query')
    const results = await c.get('deps').db.query<SearchHit>(
      `with needle as (select vn_fold($1) as n),
     hits as (
       select 'province' as level, p.code, p.name, null::text as commune_code, null::text as commune_name,
              null::text as province_name,
              vn_fold(regexp_replace(p.name, '^(Tỉnh|Thành phố) ', '')) as folded, p.name_folded as full_folded,
              (ST_XMin(p.geom) + ST_XMax(p.geom)) / 2 as lon, (ST_YMin(p.geom) + ST_YMax(p.geom)) / 2 as lat,
              array[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)] as bounds
       from province p
       -- a province the caller may see a commune of (row-level security on commune)
       where p.valid_to is null and exists (select 1 from commune c where c.province_code = p.code)
       union all
       select 'commune', c.code, c.full_name, null, null, p.name, vn_fold(c.name), c.name_folded,
              ST_X(c.label_point), ST_Y(c.label_point), null
       from commune c join province p on p.code = c.province_code
       union all
       select 'village', v.code, v.name, v.commune_code, c.full_name, p.name, v.name_folded, v.name_folded,
              ST_X(v.point), ST_Y(v.point), null
       from village v join commune c on c.code = v.commune_code join province p on p.code = c.province_code
     )
     select level, code, name, commune_code, commune_name, province_name, lon, lat, bounds,
            case when folded = n or full_folded = n then 0
                 when folded like n || '%' or full_folded like n || '%' then 1
                 when full_folded like '% ' || n || '%' then 2
                 else 3 end as rank
     from hits, needle
     where full_folded like '%' || n || '%' and ($3::text is null or level = $3)
     order by rank, case level when 'province' then 0 when 'commune' then 1 else 2 end, name
     limit $2`,
      [q.q.replace(/[%_\\]/g, ''), q.limit, q.level ?? null],
    )
    return c.json({ query: q.q, results } satisfies SearchResult)
  },
)
