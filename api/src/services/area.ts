import type { Queryable } from '@antt/data/db'
import type { CatalogView } from './catalog.ts'

/** The area the atlas serves (AREA at the first start): what titles, exports and the first map view show. */
export interface AreaInfo {
  /** the province codes it covers */
  provinces: string[]
  /** "Tỉnh Cao Bằng", "Thành phố Hà Nội" */
  name: string
  /** "Cao Bằng province", "Hà Nội city" */
  name_en: string
  /** [west, south, east, north] in degrees, or null before the seed */
  bounds: [number, number, number, number] | null
  /** the provinces around it, drawn as context: name and a point inside for the label */
  neighbours: { code: string; name: string; label: [number, number] }[]
}

/** From the provinces in force, memoised until the data changes. */
export function areaInfo(db: Queryable, catalog: CatalogView): Promise<AreaInfo> {
  return catalog.memo('area', async () => {
    const [row] = await db.query<{
      provinces: string[] | null
      names: string[] | null
      w: number | null
      s: number | null
      e: number | null
      n: number | null
    }>(
      `select array_agg(code order by code) as provinces, array_agg(name order by code) as names,
              ST_XMin(ST_Extent(geom)) as w, ST_YMin(ST_Extent(geom)) as s,
              ST_XMax(ST_Extent(geom)) as e, ST_YMax(ST_Extent(geom)) as n
       from province where valid_to is null`,
    )
    const neighbours = await db.query<{ code: string; name: string; lon: number; lat: number }>(
      `select code, name, ST_X(label_point) as lon, ST_Y(label_point) as lat from context_province order by code`,
    )
    const names = row?.names ?? []
    return {
      provinces: row?.provinces ?? [],
      name: names.join(', '),
      name_en: names
        .map((n) =>
          n.startsWith('Thành phố ') ? `${n.slice(10)} city` : `${n.replace(/^Tỉnh /, '')} province`,
        )
        .join(', '),
      bounds: row && row.w !== null ? [row.w, row.s ?? 0, row.e ?? 0, row.n ?? 0] : null,
      neighbours: neighbours.map((n) => ({ code: n.code, name: n.name, label: [n.lon, n.lat] })),
    }
  })
}
