import type { AreaInfo } from '@antt/contract'
import { NATIONAL } from '@antt/data'
import type { Queryable } from '@antt/data/db'
import type { CatalogView } from './catalog.ts'

/** From the provinces in force, memoised until the data changes. */
export function areaInfo(db: Queryable, catalog: CatalogView): Promise<AreaInfo> {
  return catalog.memo('area', async () => {
    const [row] = await db.query<{
      code: string | null
      provinces: string[] | null
      names: string[] | null
      w: number | null
      s: number | null
      e: number | null
      n: number | null
    }>(
      `select (select value->>'code' from dataset_meta where key = 'area') as code,
              array_agg(code order by code) as provinces, array_agg(name order by code) as names,
              ST_XMin(ST_Extent(geom)) as w, ST_YMin(ST_Extent(geom)) as s,
              ST_XMax(ST_Extent(geom)) as e, ST_YMax(ST_Extent(geom)) as n
       from province where valid_to is null`,
    )
    const neighbours = await db.query<{ code: string; name: string; lon: number; lat: number }>(
      `select code, name, ST_X(label_point) as lon, ST_Y(label_point) as lat from context_province order by code`,
    )
    const names = row?.names ?? []
    const national = row?.code === NATIONAL
    return {
      code: row?.code ?? names.join(','),
      provinces: row?.provinces ?? [],
      name: national ? 'Toàn quốc' : names.join(', '),
      name_en: national
        ? 'Viet Nam'
        : names
            .map((n) =>
              n.startsWith('Thành phố ') ? `${n.slice(10)} city` : `${n.replace(/^Tỉnh /, '')} province`,
            )
            .join(', '),
      bounds: row && row.w !== null ? [row.w, row.s ?? 0, row.e ?? 0, row.n ?? 0] : null,
      neighbours: neighbours.map((n) => ({ code: n.code, name: n.name, label: [n.lon, n.lat] })),
    }
  })
}

/**
 * The provinces of the caller's scope (antt_scope_provinces(), sql/functions/07_access.sql); null for the whole
 * area. A query over the fact tables that names them (`province_code = any (…)`) runs on a Citus cluster on
 * those provinces' shards only (docs/scaling.md); row-level security, which tests commune codes, still decides
 * which rows are seen. Memoised per scope until the data changes.
 */
export function scopeProvinces(db: Queryable, catalog: CatalogView): Promise<string[] | null> {
  return catalog.memo('scope provinces', async () => {
    const [row] = await db.query<{ p: string[] | null }>('select antt_scope_provinces() as p')
    return row?.p ?? null
  })
}
