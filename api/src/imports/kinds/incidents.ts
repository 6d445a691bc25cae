import {
  communeColumn,
  coordinates,
  defineKind,
  exportPage,
  fieldColumn,
  placeFields,
  recordDate,
  recordKey,
  unknownTaxon,
  villageColumn,
} from './common.ts'
import type { TaxonRef } from './types.ts'

export const SEVERITY = {
  '1': ['Ít nghiêm trọng', 'it nghiem trong', 'thap', 'low', 'minor'],
  '2': ['Nghiêm trọng', 'nghiem trong', 'trung binh', 'medium', 'serious'],
  '3': ['Rất nghiêm trọng', 'rat nghiem trong', 'dac biet nghiem trong', 'cao', 'high', 'very serious'],
} as const

export const PRECISION = {
  exact: ['Chính xác', 'chinh xac', 'exact', 'dung vi tri'],
  approximate: ['Gần đúng', 'gan dung', 'uoc luong', 'tuong doi', 'approximate', 'approx'],
} as const

const category: TaxonRef = {
  field: 'category_code',
  taxonomy: 'incident_category',
  alias: 't_cat',
  what: 'incident category',
  list: 'incident_categories',
}

/** Vụ việc về an ninh, trật tự: incidents. */
export const incidents = defineKind('incidents', {
  table: 'incident',
  idPrefix: 'I',
  village: true,
  place: 'point-required',
  fields: [
    recordKey(['ma vu viec', 'so vu viec', 'incident id']),
    {
      key: 'category_code',
      vi: 'Loại vụ việc',
      aliases: ['linh vuc', 'loai', 'nhom vu viec', 'loai toi pham', 'category', 'toi danh'],
      type: { t: 'ref' },
      required: true,
      help: {
        vi: 'Mã hoặc tên loại vụ việc (xem trang Danh mục).',
        en: 'Code or name of the category (see the lists sheet).',
      },
      sample: 'Trộm cắp tài sản',
    },
    recordDate({
      key: 'occurred_on',
      vi: 'Ngày xảy ra',
      aliases: ['ngay', 'thoi gian xay ra', 'ngay vu viec', 'occurred on'],
      min: '1990-01-01',
      sample: '02/01/2026',
    }),
    ...placeFields,
    {
      key: 'severity',
      vi: 'Mức độ',
      aliases: ['muc do nghiem trong', 'tinh chat'],
      type: { t: 'enum', values: SEVERITY },
      help: {
        vi: '1 ít nghiêm trọng, 2 nghiêm trọng, 3 rất nghiêm trọng',
        en: '1 minor, 2 serious, 3 very serious',
      },
      sample: 'Ít nghiêm trọng',
    },
    {
      key: 'precision',
      vi: 'Độ chính xác vị trí',
      aliases: ['do chinh xac', 'vi tri', 'location precision'],
      type: { t: 'enum', values: PRECISION },
      help: {
        vi: 'Chính xác / Gần đúng. Không có tọa độ: vụ việc được đặt ở tâm thôn (gần đúng).',
        en: 'exact / approximate. Without coordinates the incident is placed at its village (approximate).',
      },
      sample: 'Gần đúng',
    },
    {
      key: 'summary',
      vi: 'Tóm tắt',
      aliases: ['noi dung', 'tom tat vu viec', 'mo ta', 'description'],
      type: { t: 'text', max: 2000 },
    },
    ...coordinates,
  ],
  taxonFields: [category],
  columns: [
    'category_code',
    'occurred_on',
    communeColumn,
    villageColumn,
    fieldColumn('severity', 'smallint', { default: '1' }),
    {
      name: 'precision',
      type: 'text',
      // a row placed at its village or commune is approximate, whatever it says
      sql: `case when b.pt is null then 'approximate' else coalesce(b.fields->>'precision', 'approximate') end`,
      fields: ['precision', 'lon', 'lat', 'x', 'y', 'geometry'],
      default: `'approximate'`,
    },
    'summary',
  ],
  naturalKey: {
    fields: ['category_code', 'occurred_on'],
    match: `e.commune_code = k.r_commune_code and e.occurred_on = k.r_occurred_on and e.category_code = k.r_category_code
            and e.village_code is not distinct from k.r_village_code and ST_DWithin(e.point, k.k_point, 0.00001)`,
    text: `concat_ws('|', k.r_commune_code, k.r_occurred_on, k.r_category_code, k.r_village_code,
             round(ST_X(k.k_point)::numeric, 5), round(ST_Y(k.k_point)::numeric, 5))`,
    label: 'category, date, commune, village and place (within 1 m)',
  },
  checks: [unknownTaxon(category)],
  exportNeeds: 'read_incident_points',
  exportSql: exportPage(
    `select i.id, i.category_code, to_char(i.occurred_on, 'YYYY-MM-DD') as occurred_on, i.commune_code,
      c.full_name as commune_name, i.village_code, v.name as village_name, i.severity::text as severity, i.precision,
      i.summary, ST_X(i.point) as lon, ST_Y(i.point) as lat
    from incident i join commune c on c.code = i.commune_code left join village v on v.code = i.village_code`,
    { key: 'i.id', commune: 'i.commune_code' },
  ),
  reads: ['incident', 'commune', 'village', 'incident_category'],
})
