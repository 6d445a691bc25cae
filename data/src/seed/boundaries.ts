import type { Queryable } from '../db/index.ts'
import { type Area, covers, provinceFullName } from '../sources/area.ts'
import type { AreaConfig } from '../sources/manifest.ts'
import { loadBorderLine } from './border-line.ts'
import { type GeoFeature, nearby, parseFeatures } from './features.ts'

/** GeoJSON geometry → valid MultiPolygon in SRID 4326. */
const POLYGON = (expr: string) =>
  `ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${expr}), 4326)), 3))`

/**
 * A province as the outer rings of its parts: the national layer unions each province's communes, and where the
 * upstream ward polygons do not meet exactly that leaves sliver holes inside it, drawn as stray dashes by the
 * outline. No province of Viet Nam encloses another, so no real hole is lost (the parts are unioned: an island
 * that lay in a dropped hole is not drawn twice).
 */
const OUTER_RINGS = (g: string) =>
  `(select ST_Multi(ST_Union(ST_MakePolygon(ST_ExteriorRing(d.geom)))) from ST_Dump(${g}) d)`

/** How far around the area the provinces drawn as context reach (degrees: 0.5° ≈ 50 km). */
const CONTEXT_REACH_DEG = 0.5

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
  const cols = head.split(',')
  return lines.map((line) => {
    const cells = line.split(',')
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']))
  })
}

/**
 * Loads the boundary layers (already checked, see sources/layers.ts) of the area into the administrative
 * tables: its provinces and communes from the national layers, the border line computed from them, and the
 * history layers of its provinces where the manifest has them (without them their tables stay empty).
 */
export async function loadBoundaries(
  tx: Queryable,
  files: Map<string, Buffer>,
  area: Area,
  config: AreaConfig,
): Promise<void> {
  const text = (id: string) => {
    const buf = files.get(id)
    if (!buf) throw new Error(`source ${id} missing`)
    return buf.toString('utf8')
  }
  const provinces = parseFeatures(text('provinces_2025'))
  const mine = provinces.filter((f) => covers(area, String(f.properties.ma_tinh)))
  if (mine.length !== (area.provinces ?? provinces).length)
    throw new Error(
      `AREA=${area.code}: no such province; the province codes are ${provinces.map((f) => `${f.properties.ma_tinh} (${f.properties.ten_tinh})`).join(', ')}`,
    )
  const named = (f: GeoFeature) => ({
    ...f,
    properties: {
      ...f.properties,
      name: provinceFullName(String(f.properties.ma_tinh), String(f.properties.ten_tinh), config),
    },
  })

  // The provinces of the area in force since 2025, and those merged into them, kept for history.
  await tx.query(
    `insert into province (code, official_code, name, valid_from, geom, area_km2)
     select f->'properties'->>'ma_tinh', f->'properties'->>'ma_tinh', f->'properties'->>'name', $2::date, g,
            ST_Area(g::geography) / 1e6
     from json_array_elements($1::json) f, lateral (select ${OUTER_RINGS(POLYGON("f->>'geometry'"))} g) x`,
    [JSON.stringify(mine.map(named)), config.since],
  )
  if (files.has('province_outlines'))
    await tx.query(
      `insert into province (code, official_code, name, valid_to, geom, area_km2)
       select (f->'properties'->>'ma_tinh') || '@2025', f->'properties'->>'ma_tinh',
              regexp_replace(f->'properties'->>'ten', ' \\(.*\\)$', ''), date '2025-06-30', g, ST_Area(g::geography) / 1e6
       from json_array_elements($1::json->'features') f,
            lateral (select ${POLYGON("f->>'geometry'")} g) x
       where f->'properties'->>'note' is null`,
      [text('province_outlines')],
    )
  // The other provinces within reach, drawn around the area with their names.
  await tx.query(
    `insert into context_province (code, name, geom, label_point)
     select f->'properties'->>'ma_tinh', f->'properties'->>'name', g, ST_PointOnSurface(g)
     from json_array_elements($1::json) f, lateral (select ${OUTER_RINGS(POLYGON("f->>'geometry'"))} g) x`,
    [
      JSON.stringify(
        nearby(provinces, mine, CONTEXT_REACH_DEG)
          .filter((f) => !mine.includes(f))
          .map(named),
      ),
    ],
  )

  const communes = parseFeatures(text('communes_2025'))
  const inArea = communes.filter((f) => covers(area, String(f.properties.ma_tinh)))
  await tx.query(
    `insert into commune (code, name, full_name, type, province_code, population, area_km2, geom, label_point)
     -- five digits: the upstream file writes one code of Thái Nguyên without its leading zero (5665)
     select lpad(p->>'ma_xa', 5, '0'), normalize(p->>'ten', NFC), normalize((p->>'loai') || ' ' || (p->>'ten'), NFC),
            case p->>'loai' when 'Phường' then 'phuong' when 'Đặc khu' then 'dac_khu' else 'xa' end,
            p->>'ma_tinh', (p->>'dan_so')::int, (p->>'dien_tich_km2')::float8, g,
            case when ST_Intersects(g, ST_SetSRID(ST_MakePoint((p->'trung_tam'->>0)::float8, (p->'trung_tam'->>1)::float8), 4326))
                 then ST_SetSRID(ST_MakePoint((p->'trung_tam'->>0)::float8, (p->'trung_tam'->>1)::float8), 4326)
                 else ST_PointOnSurface(g) end
     from json_array_elements($1::json) f,
          lateral (select f->'properties' p, ${POLYGON("f->>'geometry'")} g) x`,
    [JSON.stringify(inArea)],
  )
  await tx.query(
    `update province p set population = (select sum(population) from commune c where c.province_code = p.code)
     where valid_to is null`,
  )

  if (files.has('districts_pre2025'))
    await tx.query(
      `insert into legacy_district (code, name, province_code, geom)
       select f->'properties'->>'ma_huyen', f->'properties'->>'ten', f->'properties'->>'ma_tinh', ${POLYGON("f->>'geometry'")}
       from json_array_elements($1::json->'features') f`,
      [text('districts_pre2025')],
    )

  if (files.has('communes_2008'))
    await tx.query(
      `insert into legacy_commune (code, official_code, new_codes, name, district_name, population_2009, area_km2, geom)
       select p->>'id_vietnam63', p->>'ma_xa_gso',
              coalesce((select array_agg(x) from json_array_elements_text(p->'ma_xa_moi_2025') x), '{}'),
              p->>'ten', p->>'huyen',
              (p->>'dan_so_2009')::numeric::int, (p->>'dien_tich_2009_ha')::float8 / 100, ${POLYGON("f->>'geometry'")}
       from json_array_elements($1::json->'features') f, lateral (select f->'properties' p) x`,
      [text('communes_2008')],
    )

  if (files.has('commune_crosswalk'))
    await tx.query(
      `insert into commune_crosswalk (old_code, old_name, new_code, kind, old_province)
       select r->>'ma_xa_cu', r->>'ten_xa_cu', lpad(r->>'ma_xa_moi', 5, '0'), r->>'kieu_sap_nhap', r->>'tinh_cu'
       from json_array_elements($1::json) r
       on conflict do nothing`,
      [JSON.stringify(parseCsv(text('commune_crosswalk')))],
    )

  await loadBorderLine(tx, {
    others: nearby(communes, inArea, 0.05).filter((f) => !covers(area, String(f.properties.ma_tinh))),
    landBorder: parseFeatures(text('land_border')),
    config: config.border,
    national: area.provinces === null,
  })
}
