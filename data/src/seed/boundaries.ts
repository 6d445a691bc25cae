import type { Queryable } from '../db/index.ts'

/** GeoJSON geometry → valid MultiPolygon in SRID 4326. */
const POLYGON = (expr: string) =>
  `ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${expr}), 4326)), 3))`

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

/** Loads the real boundary files (already hash-checked) into the administrative tables. */
export async function loadBoundaries(tx: Queryable, files: Map<string, Buffer>): Promise<void> {
  const text = (id: string) => {
    const buf = files.get(id)
    if (!buf) throw new Error(`source ${id} missing`)
    return buf.toString('utf8')
  }

  // Provinces: the new Lào Cai (code 15) and, kept for history, the two merged in 2025.
  await tx.query(
    `insert into province (code, official_code, name, valid_from, valid_to, geom, area_km2)
     select case when f->'properties'->>'note' is not null then '15'
                 else (f->'properties'->>'ma_tinh') || '@2025' end,
            f->'properties'->>'ma_tinh',
            case when f->'properties'->>'note' is not null then 'Tỉnh Lào Cai'
                 else regexp_replace(f->'properties'->>'ten', ' \\(.*\\)$', '') end,
            case when f->'properties'->>'note' is not null then date '2025-07-01' end,
            case when f->'properties'->>'note' is null then date '2025-06-30' end,
            g, ST_Area(g::geography) / 1e6
     from json_array_elements($1::json->'features') f,
          lateral (select ${POLYGON("f->>'geometry'")} g) x`,
    [text('province_outlines')],
  )

  await tx.query(
    `insert into commune (code, name, full_name, type, province_code, population, area_km2, seat, geom, label_point)
     select p->>'ma_xa', normalize(p->>'ten', NFC), normalize(p->>'ten_day_du', NFC),
            case p->>'loai' when 'Phường' then 'phuong' when 'Đặc khu' then 'dac_khu' else 'xa' end,
            '15', (p->>'dan_so')::int, (p->>'dien_tich_km2')::float8, p->>'tru_so', g,
            case when ST_Intersects(g, ST_SetSRID(ST_MakePoint((p->'trung_tam'->>0)::float8, (p->'trung_tam'->>1)::float8), 4326))
                 then ST_SetSRID(ST_MakePoint((p->'trung_tam'->>0)::float8, (p->'trung_tam'->>1)::float8), 4326)
                 else ST_PointOnSurface(g) end
     from json_array_elements($1::json->'features') f,
          lateral (select f->'properties' p, ${POLYGON("f->>'geometry'")} g) x`,
    [text('communes_2025')],
  )
  await tx.query(
    `update province set population = (select sum(population) from commune where province_code = '15') where code = '15'`,
  )

  await tx.query(
    `insert into legacy_district (code, name, province_code, geom)
     select f->'properties'->>'ma_huyen', f->'properties'->>'ten', f->'properties'->>'ma_tinh', ${POLYGON("f->>'geometry'")}
     from json_array_elements($1::json->'features') f`,
    [text('districts_pre2025')],
  )

  await tx.query(
    `insert into legacy_commune (code, official_code, new_codes, name, district_name, population_2009, area_km2, geom)
     select p->>'id_vietnam63', p->>'ma_xa_gso',
            coalesce((select array_agg(x) from json_array_elements_text(p->'ma_xa_moi_2025') x), '{}'),
            p->>'ten', p->>'huyen',
            (p->>'dan_so_2009')::numeric::int, (p->>'dien_tich_2009_ha')::float8 / 100, ${POLYGON("f->>'geometry'")}
     from json_array_elements($1::json->'features') f, lateral (select f->'properties' p) x`,
    [text('communes_2008')],
  )

  const crosswalk = parseCsv(text('commune_crosswalk'))
  await tx.query(
    `insert into commune_crosswalk (old_code, old_name, new_code, kind, old_province)
     select r->>'ma_xa_cu', r->>'ten_xa_cu', r->>'ma_xa_moi', r->>'kieu_sap_nhap', r->>'tinh_cu'
     from json_array_elements($1::json) r
     on conflict do nothing`,
    [JSON.stringify(crosswalk)],
  )

  await tx.query(
    `insert into border_line (name, source, geom)
     select f->'properties'->>'name', 'border_vn_cn',
            ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326))
     from json_array_elements($1::json->'features') f`,
    [text('border_vn_cn')],
  )
}
