import { communeColumn, communeFields, coordinates, defineKind, exportPage, headcount } from './common.ts'
import { issueIf } from './types.ts'

export const VILLAGE_KIND = {
  thon: ['Thôn', 'thon', 'lang', 'xom', 'village'],
  ban: ['Bản', 'ban', 'hamlet'],
  to_dan_pho: ['Tổ dân phố', 'to dan pho', 'tdp', 'khu pho', 'to', 'urban block'],
} as const

/** Thôn, bản, tổ dân phố: villages. */
export const villages = defineKind('villages', {
  table: 'village',
  idColumn: 'code',
  place: 'point-or-shape',
  fields: [
    {
      key: 'id',
      vi: 'Mã thôn',
      aliases: ['ma thon ban', 'ma thon to dan pho', 'village code', 'code', 'ma', 'mathon', 'ma ho so'],
      type: { t: 'ref', pad: 'village' },
      help: {
        vi: 'Mã thôn (mã xã-số thứ tự, ví dụ 02647-003). Để trống khi thêm thôn mới: mã được cấp tự động.',
        en: 'Village code (commune code-number). Empty for a new village: a code is assigned.',
      },
      sample: '02647-003',
    },
    {
      key: 'name',
      vi: 'Tên thôn',
      aliases: ['ten thon ban', 'ten thon to dan pho', 'ten', 'village name', 'thon'],
      type: { t: 'text', max: 200 },
      required: true,
      sample: 'Tổ dân phố số 3',
    },
    ...communeFields,
    {
      key: 'kind',
      vi: 'Loại',
      aliases: ['loai thon', 'phan loai', 'kind', 'village kind'],
      type: { t: 'enum', values: VILLAGE_KIND },
      help: {
        vi: 'Thôn / Bản / Tổ dân phố (mặc định theo tên).',
        en: 'thon / ban / to_dan_pho (from the name by default).',
      },
      sample: 'Tổ dân phố',
    },
    {
      key: 'population',
      vi: 'Dân số',
      aliases: ['so dan', 'so nhan khau', 'nhan khau', 'population'],
      type: headcount,
      required: true,
      sample: 1240,
    },
    {
      key: 'households',
      vi: 'Số hộ',
      aliases: ['ho', 'so ho dan', 'households'],
      type: headcount,
      sample: 310,
    },
    {
      key: 'area_km2',
      vi: 'Diện tích (km²)',
      aliases: ['dien tich', 'dien tich km2', 'area', 'area km2'],
      type: { t: 'number', min: 0, max: 10000 },
    },
    ...coordinates,
  ],
  keySql: `b.fields->>'id'`,
  columns: [
    'name',
    communeColumn,
    {
      name: 'kind',
      type: 'text',
      sql: `coalesce(b.fields->>'kind', case when b.folded->>'name' ~ '^ban ' then 'ban'
              when b.folded->>'name' ~ '^(to dan pho|tdp|to|khu pho) ' then 'to_dan_pho' else 'thon' end)`,
      fields: ['kind'],
      default: `case when t.folded->>'name' ~ '^ban ' then 'ban'
              when t.folded->>'name' ~ '^(to dan pho|tdp|to|khu pho) ' then 'to_dan_pho' else 'thon' end`,
    },
    'population',
    'households',
    {
      name: 'area_km2',
      type: 'double precision',
      sql: `coalesce((b.fields->>'area_km2')::float8, round((ST_Area(b.shp::geography) / 1e6)::numeric, 3)::float8)`,
      fields: ['area_km2', 'geometry'],
    },
  ],
  naturalKey: {
    fields: ['name'],
    match: `e.commune_code = k.r_commune_code and import_bare(e.name) = k.folded->>'name_bare'`,
    text: `concat_ws('|', k.r_commune_code, k.folded->>'name_bare')`,
    label: 'name and commune',
  },
  checks: [
    issueIf(
      `b.fields->>'id' is not null and b.fields->>'id' !~ '^\\d{5}-\\d{3}$'`,
      'id',
      'error',
      `format('village code %s: expected the commune code, a dash and 3 digits (e.g. 02647-003)', b.fields->>'id')`,
    ),
    issueIf(
      `b.fields->>'id' ~ '^\\d{5}-' and b.commune_code is not null and left(b.fields->>'id', 5) <> b.commune_code`,
      'id',
      'error',
      `format('village code %s does not start with its commune code %s', b.fields->>'id', b.commune_code)`,
    ),
  ],
  finalChecks: [
    issueIf(`fin.point is null`, 'lon', 'error', `'a village needs a location: lon/lat, X/Y or a polygon'`),
    // A share of vertices rather than of area: overlays (ST_Difference) of polygons that share edges can fail
    // inside the embedded database's GEOS, which then returns no rows at all.
    issueIf(
      `fin.shape is not null and cg.code is not null
       and (select avg((not ST_Intersects(cg.geom, d.geom))::int) from ST_DumpPoints(fin.shape) d) > 0.1`,
      'geometry',
      'warning',
      `format('%s%% of the village polygon''s vertices lie outside commune %s',
         round(100 * (select avg((not ST_Intersects(cg.geom, d.geom))::int) from ST_DumpPoints(fin.shape) d)), cg.code)`,
    ),
  ],
  postChecks: [
    // New villages without a code: the commune's next numbers, in file order.
    `update import_row r set rec_id = n.code
     from (select r2.row_no, r2.commune_code || '-' || lpad((coalesce(
              (select max(substr(v.code, 7)::int) from village v where v.commune_code = r2.commune_code and v.code ~ '^\\d{5}-\\d{3}$'), 0)
              + row_number() over (partition by r2.commune_code order by r2.row_no))::text, 3, '0') as code
           from import_row r2
           where r2.import_id = $1 and r2.rec_id is null and r2.action = 'create' and r2.commune_code is not null) n
     where r.import_id = $1 and r.row_no = n.row_no`,
  ],
  // the border distance of the villages written (sql/functions/08_imports.sql)
  afterCommit: ['select import_village_border_distances($1::uuid)'],
  exportNeeds: 'read_aggregates',
  exportSql: exportPage(
    `select v.code as id, v.name, v.commune_code, c.full_name as commune_name, v.kind, v.population, v.households,
      v.area_km2, ST_X(v.point) as lon, ST_Y(v.point) as lat, ST_AsGeoJSON(v.geom, 15) as geometry
    from village v join commune c on c.code = v.commune_code`,
    { key: 'v.code', commune: 'v.commune_code' },
  ),
  reads: ['village', 'commune'],
})
