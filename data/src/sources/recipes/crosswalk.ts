// Old commune code → new commune code of the 2025 merger, from dvhcvn/20250701's merge list. The list does
// not say which old province an old commune was in: it is the old province (gis.chinhphu.vn outline) holding
// the new commune it joined, tested at the commune's point on surface (no 2025 commune spans two old
// provinces). The old district is not recoverable from these files.
import { type DvhcvnGis, parseJson, provinceCommunes, type Recipe, VALID_POLYGON } from './context.ts'

interface MergeFile {
  data: {
    level1_id: string
    level2s: { level2_id: string; name: string; merges: { old_id: string; name: string; type: string }[] }[]
  }[]
}

const COLUMNS = ['ma_xa_moi', 'ten_xa_moi', 'ma_xa_cu', 'ten_xa_cu', 'kieu_sap_nhap', 'tinh_cu'] as const

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)

export const crosswalk: Recipe = async ({ merged, db, raw, layer }) => {
  const merger = merged()
  const province = parseJson<MergeFile>(raw('merges_2025')).data.find((p) => p.level1_id === merger.code)
  if (!province) throw new Error(`province ${merger.code} is not in the merge list`)
  const olds = merger.old_provinces.map((code) => {
    const p = parseJson<DvhcvnGis>(raw(`gis_${code}`))
    return { label: p.name.normalize('NFC'), geom: { type: p.type, coordinates: p.coordinates } }
  })
  const located = await db.query<{ code: string; label: string | null }>(
    `with c as (
       select f->'properties'->>'ma_xa' as code,
              ST_PointOnSurface(${VALID_POLYGON(`ST_GeomFromGeoJSON(f->>'geometry')`)}) as p
       from json_array_elements($1::json->'features') f
     ), p as (
       select p->>'label' as label, ${VALID_POLYGON(`ST_GeomFromGeoJSON(p->>'geom')`)} as geom
       from json_array_elements($2::json) p
     )
     select c.code, (select p.label from p where ST_Intersects(p.geom, c.p) order by p.label limit 1) as label
     from c`,
    [provinceCommunes(layer('communes_2025'), merger.code), JSON.stringify(olds)],
  )
  const where = new Map(located.map((r) => [r.code, r.label ?? '']))
  const lines = province.level2s.flatMap((n) =>
    n.merges.map((m) =>
      [n.level2_id, n.name, m.old_id, m.name, m.type, where.get(n.level2_id) ?? '']
        .map((v) => csvCell(v.normalize('NFC')))
        .join(','),
    ),
  )
  return `${[COLUMNS.join(','), ...lines].join('\n')}\n`
}
