// The statement that stages one chunk of rows: resolves communes (new code, old code through the 2025
// crosswalk, or name), villages, reference values and coordinates, matches existing records by key or
// natural key, computes each record's values, checks everything, and inserts the result into import_row.
// One statement per chunk: joins and spatial predicates over the whole chunk, no per-row round trips.
//
// Parameters: $1 rows as JSON [{ row_no, fields, folded, issues, x, y, srid, polygon, polygon_srid }] (StagedRow in row.ts), $2 import id, $3 tolerance in metres for
// "outside its commune/province", $4 a hint appended to "outside the province" (the CRS read).
import type { ColumnDef, KindDef } from './kinds/types.ts'

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`

function present(fields: ReadonlySet<string>, col: ColumnDef): boolean {
  return (col.fields ?? [col.name]).some((f) => fields.has(f))
}

/** The field a problem with a column is reported on. */
const fieldOfColumn = (col: ColumnDef) => (col.fields ?? [col.name])[0]

export function pointField(fields: ReadonlySet<string>, projected: boolean): string {
  if (fields.has('geometry')) return 'geometry'
  if (fields.has('x') && (projected || !fields.has('lon'))) return 'x'
  return 'lon'
}

export function stageSql(kind: KindDef, fields: ReadonlySet<string>, opts: { projected: boolean }): string {
  const lookupKind = kind.commune === 'lookup'
  const sev = lookupKind ? `'warning'` : `'error'`
  const cols = kind.columns
  const colSql = (name: string) => cols.find((c) => c.name === name)?.sql
  const communeSql = kind.communeSql ?? colSql('commune_code') ?? 'b.commune_code'
  const pointColumn =
    kind.place === 'point' || kind.place === 'point-required' || kind.place === 'point-or-shape'
  const shapeColumn = kind.place === 'shape' || kind.place === 'point-or-shape'
  const pointPresent = ['lon', 'x', 'geometry'].some((f) => fields.has(f))
  const shapePresent = fields.has('geometry')
  const communePresent = fields.has('commune_code') || fields.has('commune_name')
  const pf = pointField(fields, opts.projected)
  const nk = kind.naturalKey?.fields.every((f) => fields.has(f)) ? kind.naturalKey : null
  const idCol = kind.idColumn
  const keySql = kind.keySql ?? `b.fields->>'id'`

  const villageCtes = kind.village
    ? `vil as materialized (
        select commune_code, import_bare(name) as bare, min(code) as code, count(*)::int as n,
               (array_agg(point order by code))[1] as point
        from village where commune_code in (
          select commune0 from c2 where commune0 is not null and fields->>'village_code' is null and fields ? 'village_name')
        group by 1, 2),
      v1 as (
        select c2.*, vc.code as v_code, vc.commune_code as v_commune, coalesce(vc.point, vn.point) as v_point,
               vn.code as v_named, vn.n as v_named_n
        from c2
        left join village vc on vc.code = c2.fields->>'village_code'
        left join vil vn on vc.code is null and vn.commune_code = c2.commune0
          and vn.bare = c2.folded->>'village_name_bare'
      ),`
    : `v1 as (
        select c2.*, null::text as v_code, null::text as v_commune, null::geometry as v_point,
               null::text as v_named, null::int as v_named_n
        from c2
      ),`

  const communeIssues = `case
      when v1.fields->>'commune_code' is not null and v1.c_code is null and v1.c_old is null then
        import_issue('commune_code', ${sev}, format('unknown commune code %s%s', v1.fields->>'commune_code',
          case when (select missing from cwm) then ' (codes from before 1 July 2025 cannot be read: the crosswalk of the 2025 merger was not loaded at set-up)' end))
      when v1.c_code is null and cardinality(v1.c_old) > 1 then
        import_issue('commune_code', ${sev}, format('old commune %s (%s) was split among %s: give the new code',
          v1.fields->>'commune_code', v1.c_old_name,
          (select string_agg(d.code || ' ' || d.full_name, ', ' order by d.code) from dir d where d.code = any (v1.c_old))))
      when v1.c_code is null and cardinality(v1.c_old) = 1 then
        import_issue('commune_code', 'warning', format('old code %s (%s, before 1 July 2025) read as %s %s',
          v1.fields->>'commune_code', v1.c_old_name, v1.c_old[1], (select d.full_name from dir d where d.code = v1.c_old[1])))
      when v1.fields->>'commune_code' is null and v1.fields->>'commune_name' is not null and v1.c_named is null
           and v1.c_old_named is null then
        import_issue('commune_name', ${sev}, format('unknown commune "%s"', v1.fields->>'commune_name'))
      when v1.fields->>'commune_code' is null and cardinality(v1.c_named) > 1 then
        import_issue('commune_name', ${sev}, format('"%s" names several communes (%s): give the code', v1.fields->>'commune_name',
          (select string_agg(d.code || ' ' || d.full_name, ', ' order by d.code) from dir d where d.code = any (v1.c_named))))
      when v1.fields->>'commune_code' is null and v1.c_named is null and cardinality(v1.c_old_named) > 1 then
        import_issue('commune_name', ${sev}, format('old commune "%s" was split among %s: give the new code',
          v1.fields->>'commune_name',
          (select string_agg(d.code || ' ' || d.full_name, ', ' order by d.code) from dir d where d.code = any (v1.c_old_named))))
      when v1.fields->>'commune_code' is null and v1.c_named is null and cardinality(v1.c_old_named) = 1 then
        import_issue('commune_name', 'warning', format('old commune "%s" (before 1 July 2025) read as %s %s',
          v1.fields->>'commune_name', v1.c_old_named[1], (select d.full_name from dir d where d.code = v1.c_old_named[1])))
      when v1.commune0 is not null and v1.fields->>'commune_code' is not null and v1.fields->>'commune_name' is not null
           and not (v1.commune0 = any (coalesce(v1.c_named, '{}')) or v1.commune0 = any (coalesce(v1.c_old_named, '{}'))) then
        import_issue('commune_name', 'warning', format('"%s" is not the name of commune %s (%s): the code is used',
          v1.fields->>'commune_name', v1.commune0, (select d.full_name from dir d where d.code = v1.commune0)))
    end`

  const villageIssues = kind.village
    ? `case
      when v1.fields->>'village_code' is not null and v1.v_code is null then
        import_issue('village_code', 'error', case
          when (select not d.in_scope from dir d where d.code = left(v1.fields->>'village_code', 5))
            then format('village %s is outside your scope', v1.fields->>'village_code')
          else format('no village with code %s', v1.fields->>'village_code') end)
      when v1.v_code is not null and v1.commune0 is not null and v1.v_commune <> v1.commune0 then
        import_issue('village_code', 'error', format('village %s is in commune %s, not %s', v1.v_code, v1.v_commune, v1.commune0))
      when v1.fields->>'village_code' is null and v1.fields->>'village_name' is not null and v1.commune0 is not null
           and v1.v_named is null then
        import_issue('village_name', 'error', format('no village named "%s" in commune %s', v1.fields->>'village_name', v1.commune0))
      when v1.v_named_n > 1 then
        import_issue('village_name', 'error', format('"%s" names %s villages in commune %s: give the village code',
          v1.fields->>'village_name', v1.v_named_n, v1.commune0))
    end`
    : 'null'

  const pointSql =
    kind.place === 'point'
      ? 'b.pt'
      : kind.place === 'point-required'
        ? `coalesce(b.pt, b.v_point, (select c.label_point from commune c where c.code = ${communeSql}))`
        : kind.place === 'point-or-shape'
          ? 'coalesce(b.pt, ST_PointOnSurface(b.shp))'
          : 'null::geometry'

  const rCols = cols.map((c) => `(${c.sql})::${c.type} as r_${c.name}`)
  const checks = (kind.checks ?? []).map((c) => `(${c})`)
  const valsOf = (c: ColumnDef) =>
    present(fields, c)
      ? `t.r_${c.name}`
      : `case when t.target is null then (${c.default ?? 'null'})::${c.type} else e.${c.name} end`
  const vals = cols.length
    ? `jsonb_build_object(${cols.map((c) => `${lit(c.name)}, ${valsOf(c)}`).join(', ')})`
    : `'{}'::jsonb`
  const old = cols.length
    ? `jsonb_build_object(${cols.map((c) => `${lit(c.name)}, e.${c.name}`).join(', ')})`
    : `'{}'::jsonb`
  const finalCommune = lookupKind
    ? 't.k_commune'
    : kind.keySql === 'b.commune_code'
      ? 't.k_key'
      : colSql('commune_code')
        ? valsOf(cols.find((c) => c.name === 'commune_code')!)
        : 't.k_commune'
  const pointFin = pointColumn
    ? pointPresent
      ? 't.k_point'
      : 'case when t.target is null then t.k_point else e.point end'
    : 'null::geometry'
  const shapeFin = shapeColumn
    ? shapePresent
      ? 't.shp'
      : 'case when t.target is null then null::geometry else e.geom end'
    : 'null::geometry'

  const requiredForCreate = cols
    .filter((c) => c.required && !present(fields, c))
    .map((c) => {
      const field = fieldOfColumn(c)
      const vi = kind.fields.find((f) => f.key === field)?.vi ?? field
      return `case when fin.target is null then import_issue(${lit(field)}, 'error', ${lit(`${field} (${vi}) is required for a new record: the file has no such column`)}) end`
    })

  const zChecks = [
    `case when not zd.in_scope then
       import_issue(${lit(lookupKind ? 'model_id' : 'commune_code')}, 'error', format('commune %s (%s) is outside your scope',
         zd.code, zd.full_name)) end`,
    !lookupKind && communePresent
      ? `case when fin.commune is null and not fin.c_err and not (fin.fields ? 'village_code') then
           import_issue('commune_code', 'error', 'the commune is required: give Mã xã or Tên xã') end`
      : 'null',
    kind.creates === false || kind.table === 'commune'
      ? 'null'
      : `case when fin.k_key is not null and fin.e1_id is null and fin.taken_id is not null then
           import_issue('id', 'error', format('key %s is used by a record outside your scope', fin.k_key)) end`,
    nk
      ? `case when fin.k_key is not null and fin.e1_id is null and fin.e2_id is not null then
           import_issue('id', 'error', format('duplicate of record %s (same ${nk.label})', fin.e2_id)) end`
      : 'null',
    ...requiredForCreate,
    pointColumn
      ? `case
          when fin.pt is null then null
          -- the common case first: in its commune (a small polygon), hence in the province
          when cg.code is not null and ST_Intersects(cg.geom, fin.pt) then null
          when not ST_Intersects(prov.geom, fin.pt) and not ST_DWithin(prov.geom::geography, fin.pt::geography, prov.tol) then
            import_issue(${lit(pf)}, 'error', format('the point (%s, %s) is outside the province%s',
              round(ST_X(fin.pt)::numeric, 6), round(ST_Y(fin.pt)::numeric, 6), prov.hint))
          when cg.code is not null and not ST_DWithin(cg.geom::geography, fin.pt::geography, prov.tol) then
            import_issue(${lit(pf)}, 'error', format('the point is %s m outside commune %s (%s)',
              round(ST_Distance(cg.geom::geography, fin.pt::geography)), cg.code, cg.full_name))
        end`
      : 'null',
    kind.place === 'shape'
      ? `case when fin.shp is null and fin.shp_valid is null and not (fin.issues @> '[{"field": "geometry"}]') then
           import_issue('geometry', 'error', 'a polygon is required (GeoJSON or Shapefile)') end`
      : 'null',
    ...(kind.finalChecks ?? []).map((c) => `(${c})`),
  ]

  const taken =
    kind.creates === false || kind.table === 'commune'
      ? 'taken as (select null::text as id, null::text as commune_code where false),'
      : `taken as materialized (
          select * from import_taken_ids(${lit(kind.table)}, array(select fields->>'id' from src where fields->>'id' is not null))),`

  // The records table is read in materialized steps restricted to the keys of the chunk (keyed, nat, prior),
  // never joined to the rows directly: on a Citus cluster, where it is distributed by province and the rows
  // name records by key alone, each step runs on the shards and comes back as a small intermediate result, and
  // the rest of the statement joins only the coordinator's data.
  // Natural-key matches of rows whose key is new, as one join (hashed on the key's equalities) rather
  // than a lookup per row: per-row lookups let the planner pick an index on one column and walk it.
  const natural = nk
    ? `nat as materialized (
  select k.row_no, min(e.${idCol}) as id
  from m0 k join ${kind.table} e on ${nk.match}
  where k.e1_id is null
  group by k.row_no
),`
    : ''
  const e2 = nk
    ? 'left join nat e2 on e2.row_no = k.row_no'
    : 'left join lateral (select null::text as id) e2 on true'

  return `
with src as (
  select * from jsonb_to_recordset($1::jsonb) as s(row_no int, fields jsonb, folded jsonb, issues jsonb, x float8, y float8, srid int, polygon text, polygon_srid int)
),
dir as materialized (select * from import_commune_directory()),
prov as materialized (
  select geom, $3::float8 as tol, $4::text as hint from province where valid_to is null order by code limit 1),
cwm as materialized (
  select coalesce((select value @> '[{"id": "commune_crosswalk"}]' from dataset_meta where key = 'missing_layers'),
                  false) as missing),
cw as materialized (
  select old_code, array_agg(distinct new_code order by new_code) as codes, min(old_name) as old_name
  from commune_crosswalk group by old_code),
cwn as materialized (
  select import_bare(old_name) as bare, array_agg(distinct new_code order by new_code) as codes
  from commune_crosswalk group by 1),
dn as materialized (select bare, array_agg(code order by code) as codes from dir group by bare),
dfn as materialized (select folded, array_agg(code order by code) as codes from dir group by folded),
${kind.lookupCtes ? `${kind.lookupCtes},` : ''}
c1 as (
  select s.*, d.code as c_code, cw.codes as c_old, cw.old_name as c_old_name,
         coalesce(dfn.codes, dn.codes) as c_named, cwn.codes as c_old_named
  from src s
  left join dir d on d.code = s.fields->>'commune_code'
  left join cw on d.code is null and cw.old_code = s.fields->>'commune_code'
  left join dfn on dfn.folded = s.folded->>'commune_name'
  left join dn on dfn.folded is null and dn.bare = s.folded->>'commune_name_bare'
  left join cwn on cwn.bare = s.folded->>'commune_name_bare'
),
c2 as (
  select c1.*, case
      when c_code is not null then c_code
      when cardinality(c_old) = 1 then c_old[1]
      when fields->>'commune_code' is null and cardinality(c_named) = 1 then c_named[1]
      when fields->>'commune_code' is null and c_named is null and cardinality(c_old_named) = 1 then c_old_named[1]
    end as commune0
  from c1
),
${villageCtes}
b as (
  select v1.row_no, v1.fields, coalesce(v1.folded, '{}'::jsonb) as folded, coalesce(v1.issues, '[]'::jsonb) as issues,
    coalesce(v1.commune0, v1.v_commune) as commune_code,
    coalesce(v1.v_code, v1.v_named) as village_code,
    v1.v_point,
    case when v1.x is not null and v1.y is not null then
      ST_Transform(ST_SetSRID(ST_MakePoint(v1.x, v1.y), v1.srid), 4326) end as pt,
    sh.valid as shp_valid,
    case when sh.valid then ST_Multi(ST_Transform(sh.g, 4326)) end as shp,
    ((v1.fields ? 'commune_code' or v1.fields ? 'commune_name') and v1.commune0 is null) as c_err,
    import_issues(variadic array[
      ${communeIssues},
      ${villageIssues},
      case when sh.valid = false then import_issue('geometry', 'error', format('invalid polygon: %s%s', sh.reason,
        coalesce(' near ' || ST_AsText(sh.location), ''))) end
    ]::jsonb[]) as base_issues
  from v1
  left join lateral (
    select q.g, d.valid, d.reason, d.location
    from (select ST_SetSRID(ST_GeomFromGeoJSON(v1.polygon), v1.polygon_srid) as g) q, ST_IsValidDetail(q.g) d
    where v1.polygon is not null
  ) sh on true
),
k as (
  select b.*,
    ${[...rCols, ''].join(',\n    ')}
    (${communeSql})::text as k_commune,
    (${pointSql})::geometry as k_point,
    (${keySql})::text as k_key,
    import_issues(variadic array[${checks.length ? checks.join(',\n      ') : 'null'}]::jsonb[]) as k_issues
  from b
  ${kind.lookups ?? ''}
),
${taken}
keyed as materialized (
  select e.${idCol}::text as id from ${kind.table} e where e.${idCol} in (select k_key from k)),
m0 as (
  select k.*, e1.id as e1_id from k left join keyed e1 on e1.id = k.k_key
),
${natural}
m as (
  select k.*, tk.id as taken_id, e2.id::text as e2_id,
    ${nk ? nk.text : 'null'}::text as nkey
  from m0 k
  left join taken tk on k.e1_id is null and tk.id = k.k_key
  ${e2}
),
t as (
  select m.*, coalesce(m.e1_id, case when m.k_key is null then m.e2_id end) as target from m
),
prior as materialized (
  select e.* from ${kind.table} e where e.${idCol} in (select target from t)),
${kind.finalCtes ? `${kind.finalCtes},` : ''}
fin as (
  select t.*,
    ${vals} as vals,
    ${old} as old,
    ${pointFin} as point,
    ${shapeFin} as shape,
    ${pointColumn ? 'e.point' : 'null::geometry'} as old_point,
    ${shapeColumn ? 'e.geom' : 'null::geometry'} as old_shape,
    (${finalCommune})::text as commune
  from t left join prior e on e.${idCol} = t.target
),
z as (
  select fin.*, import_issues(variadic array[
      ${zChecks.join(',\n      ')}
    ]::jsonb[]) as z_issues
  from fin
  cross join prov
  left join dir zd on zd.code = fin.commune
  left join commune cg on cg.code = fin.commune
)
insert into import_row (import_id, row_no, f, commune_code, village_code, point, shape, rec_id, target_id, nkey, vals,
                        action, issues)
select $2::uuid, z.row_no, z.fields, z.commune, z.village_code, z.point, z.shape, coalesce(z.target, z.k_key), z.target, z.nkey,
  z.vals,
  case when z.target is null then 'create'
       when z.vals = z.old
        and ((z.point is null and z.old_point is null) or coalesce(ST_DWithin(z.point, z.old_point, 1e-9), false))
        and ((z.shape is null and z.old_shape is null) or coalesce(ST_Equals(z.shape, z.old_shape), false))
       then 'skip' else 'update' end,
  z.issues || z.base_issues || z.k_issues || z.z_issues
from z`
}
