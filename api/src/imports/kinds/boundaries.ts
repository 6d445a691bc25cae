import { communeFields, defineKind, exportPage } from './common.ts'
import { issueIf } from './types.ts'

/** Ranh giới xã, phường: replace the polygon of existing communes (the units themselves are official). */
export const boundaries = defineKind('boundaries', {
  table: 'commune',
  idColumn: 'code',
  place: 'shape',
  creates: false,
  fields: [
    ...communeFields,
    { key: 'area_km2', vi: 'Diện tích (km²)', aliases: ['dien tich', 'area'], type: { t: 'info' } },
  ],
  keySql: 'b.commune_code',
  columns: [],
  finalChecks: [
    issueIf(
      `fin.shape is not null and not ST_Intersects(prov.geom, fin.shape)`,
      'geometry',
      'error',
      `'the polygon lies outside the province: check the CRS'`,
    ),
    // vertices outside rather than area outside: see villages.ts on overlays in the embedded database
    issueIf(
      `fin.shape is not null and ST_Intersects(prov.geom, fin.shape)
       and (select avg((not ST_Intersects(prov.geom, d.geom))::int) from ST_DumpPoints(fin.shape) d) > 0.05`,
      'geometry',
      'warning',
      `format('%s%% of the polygon''s vertices lie outside the province',
         round(100 * (select avg((not ST_Intersects(prov.geom, d.geom))::int) from ST_DumpPoints(fin.shape) d)))`,
    ),
    issueIf(
      `fin.shape is not null and fin.old_shape is not null and not ST_Intersects(fin.shape, fin.old_shape)`,
      'geometry',
      'warning',
      `format('the polygon does not overlap the current boundary of %s', fin.target)`,
    ),
  ],
  // the outlines and the border areas that follow them, written as one user (sql/functions/08_imports.sql)
  afterCommit: ['select import_replace_boundaries($1::uuid)'],
  exportNeeds: 'read_aggregates',
  exportSql: exportPage(
    `select c.code as commune_code, c.full_name as commune_name, c.area_km2, ST_AsGeoJSON(c.geom, 15) as geometry
    from commune c`,
    { key: 'c.code', commune: 'c.code' },
  ),
  reads: ['commune'],
})
