// The communes of the old province as of 2008, from the national commune Shapefile of choisy/vietnam63
// (data-raw/communes.*), with the 2009 census population of LucieContamin/censusVN2009 joined on COMMUNE_ID.
// The 2008 table has no official (GSO) code: a commune gets the code of the old unit in the 2025 merge list
// with the same name whose new commune overlaps it; its new commune(s) are those of that code, or, for a
// commune merged away before 2025, the 2025 communes covering at least a tenth of it.
import * as shapefile from 'shapefile'
import {
  featureCollection,
  parseJson,
  provinceCommunes,
  type Recipe,
  toFeatures,
  VALID_POLYGON,
} from './context.ts'

interface MergeFile {
  data: {
    level1_id: string
    level2s: { level2_id: string; name: string; merges: { old_id: string; name: string }[] }[]
  }[]
}

/** A commune name without its type, case or tone-mark placement ('Xã Vạn Hoà' = 'Vạn Hòa'). */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '') // tone marks only: their placement differs between sources
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(xa|phương|thi trân) /, '')
}

async function readAll<T>(source: { read(): Promise<{ done: boolean; value: T }> }): Promise<T[]> {
  const out: T[] = []
  for (let r = await source.read(); !r.done; r = await source.read()) out.push(r.value)
  return out
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim().normalize('NFC'))
/** Lower case without any diacritic: 'Lào Cai' = 'Lao Cai'. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .trim()

export const communes2008: Recipe = async ({ merged, db, raw, layer }) => {
  const merger = merged()
  if (!/WGS_1984|WGS 84/.test(raw('communes_2008_prj').toString('utf8')))
    throw new Error('the 2008 communes are not in WGS 84 (see communes.prj); the recipe reads them as such')
  const want = fold(merger.province_2008_en)
  const features = (
    await readAll(
      await shapefile.open(raw('communes_2008_shp'), raw('communes_2008_dbf'), { encoding: 'utf-8' }),
    )
  ).filter(
    (f) => fold(str(f.properties?.PRO_NAME_E)) === want || fold(str(f.properties?.PRO_NAME_V)) === want,
  )
  if (features.length === 0) throw new Error(`no commune of ${merger.province_2008_en} in the 2008 table`)
  const census = new Map(
    (await readAll(await shapefile.openDbf(raw('census_2009_dbf'), { encoding: 'utf-8' }))).map((r) => [
      str(r?.COMMUNE_ID),
      r as Record<string, unknown>,
    ]),
  )
  const merges = parseJson<MergeFile>(raw('merges_2025'))
    .data.filter((p) => p.level1_id === merger.code)
    .flatMap((p) =>
      p.level2s.flatMap((n) =>
        n.merges.map((m) => ({ old: m.old_id, key: nameKey(m.name), new: n.level2_id })),
      ),
    )
  const input = features.map((f, i) => {
    const p = f.properties ?? {}
    const id = str(p.COMMUNE_ID)
    const c = census.get(id)
    return {
      ord: i,
      id,
      key: nameKey(str(p.NAME_VIE)),
      properties: {
        ten: str(p.NAME_VIE),
        huyen: str(p.DIS_NAME_V),
        tinh: str(p.PRO_NAME_V),
        id_vietnam63: id,
        dan_so_2009: c && c.Population != null ? Math.round(Number(c.Population)) : null,
        dien_tich_2009_ha: c && c.Area_Commu != null ? Number(c.Area_Commu) : null,
      },
      geometry: f.geometry,
    }
  })
  const rows = await db.query<{ ord: number; code: string | null; new_codes: string[]; geom: string }>(
    `with f as (
       select (x->>'ord')::int as ord, x->>'key' as key, ${VALID_POLYGON(`ST_GeomFromGeoJSON(x->>'geometry')`)} as geom
       from json_array_elements($1::json) x
     ), n as (
       select f->'properties'->>'ma_xa' as code, ${VALID_POLYGON(`ST_GeomFromGeoJSON(f->>'geometry')`)} as geom
       from json_array_elements($2::json->'features') f
     ), m as (
       select r->>'old' as old, r->>'key' as key, r->>'new' as new from json_array_elements($3::json) r
     ), coded as (
       select f.ord, (select m.old from m join n on n.code = m.new
                      where m.key = f.key and ST_Intersects(n.geom, f.geom)
                      order by ST_Area(ST_Intersection(n.geom, f.geom)) desc, m.old limit 1) as code
       from f
     )
     select f.ord, c.code,
            coalesce(case when c.code is not null
                          then (select array_agg(distinct m.new order by m.new) from m where m.old = c.code)
                          else (select array_agg(n.code order by n.code) from n
                                where ST_Intersects(n.geom, f.geom)
                                  and ST_Area(ST_Intersection(n.geom, f.geom)) >= 0.1 * ST_Area(f.geom)) end,
                     '{}') as new_codes,
            ST_AsGeoJSON(f.geom, 6) as geom
     from f join coded c using (ord) order by f.ord`,
    [JSON.stringify(input), provinceCommunes(layer('communes_2025'), merger.code), JSON.stringify(merges)],
  )
  const names = new Map(
    parseJson<{ features: { properties: { ma_xa: string; loai: string; ten: string } }[] }>(
      layer('communes_2025'),
    ).features.map((f) => [f.properties.ma_xa, `${f.properties.loai} ${f.properties.ten}`]),
  )
  return featureCollection(
    toFeatures(
      rows.map((r) => ({
        geom: r.geom,
        properties: {
          ...input[r.ord].properties,
          ma_xa_gso: r.code,
          ma_xa_moi_2025: r.new_codes,
          ten_xa_moi_2025: r.new_codes.map((c) => names.get(c) ?? c),
        },
      })),
    ),
    'choisy/vietnam63 data-raw/communes.shp; LucieContamin/censusVN2009 data-raw/Vietnam_pop_commune.dbf',
  )
}
