import { communeColumn, defineKind, exportPage, placeFields, recordKey } from './common.ts'
import { issueIf } from './types.ts'

export const SUBJECT_KIND = {
  village: ['Thôn, tổ dân phố', 'thon', 'ban', 'to dan pho', 'thon ban', 'thon to dan pho', 'village'],
  commune: ['Xã, phường', 'xa', 'phuong', 'xa phuong', 'commune', 'ward'],
  school: ['Trường học', 'truong', 'truong hoc', 'co so giao duc', 'school'],
  enterprise: ['Doanh nghiệp', 'doanh nghiep', 'co quan doanh nghiep', 'enterprise', 'company'],
} as const

/** Công nhận đạt chuẩn an toàn về ANTT: safety certifications. */
export const certifications = defineKind('certifications', {
  table: 'safety_certification',
  idPrefix: 'C',
  village: true,
  fields: [
    recordKey(),
    {
      key: 'subject_kind',
      vi: 'Loại đối tượng',
      aliases: ['doi tuong', 'loai', 'subject kind', 'kind'],
      type: { t: 'enum', values: SUBJECT_KIND },
      required: true,
      help: {
        vi: 'Thôn, tổ dân phố / Xã, phường / Trường học / Doanh nghiệp',
        en: 'village / commune / school / enterprise',
      },
      sample: 'Thôn, tổ dân phố',
    },
    {
      key: 'subject_name',
      vi: 'Tên đối tượng',
      aliases: ['ten', 'ten don vi duoc cong nhan', 'subject', 'subject name', 'name'],
      type: { t: 'text', max: 300 },
      help: {
        vi: 'Để trống với thôn, xã: dùng mã thôn, mã xã.',
        en: 'Empty for a village or commune: its code is used.',
      },
      sample: '02647-003',
    },
    ...placeFields,
    {
      key: 'year',
      vi: 'Năm',
      aliases: ['nam cong nhan', 'nam danh gia', 'year'],
      type: { t: 'year' },
      required: true,
      sample: 2025,
    },
    {
      key: 'certified',
      vi: 'Đạt chuẩn',
      aliases: ['ket qua', 'dat chuan an toan', 'dat chuan an toan ve antt', 'certified', 'cong nhan'],
      type: { t: 'bool' },
      required: true,
      help: { vi: 'Có / Không', en: 'yes / no' },
      sample: 'Có',
    },
  ],
  columns: [
    'subject_kind',
    {
      name: 'subject_name',
      type: 'text',
      sql: `coalesce(b.fields->>'subject_name', case b.fields->>'subject_kind' when 'village' then b.village_code when 'commune' then b.commune_code end)`,
      fields: ['subject_name', 'subject_kind'],
      required: true,
    },
    communeColumn,
    {
      name: 'village_code',
      type: 'text',
      // only a village is certified as a village (table check)
      sql: `case when b.fields->>'subject_kind' = 'village' then b.village_code end`,
      fields: ['village_code', 'village_name', 'subject_kind'],
    },
    'year',
    'certified',
  ],
  naturalKey: {
    fields: ['subject_kind', 'year'],
    match: `e.commune_code = k.r_commune_code and e.subject_kind = k.r_subject_kind and e.year = k.r_year
            and e.village_code is not distinct from k.r_village_code and import_fold(e.subject_name) = coalesce(k.folded->>'subject_name', import_fold(k.r_subject_name))`,
    text: `concat_ws('|', k.r_commune_code, k.r_subject_kind, k.r_village_code, coalesce(k.folded->>'subject_name', import_fold(k.r_subject_name)), k.r_year)`,
    label: 'subject, commune and year',
  },
  checks: [
    issueIf(
      `b.fields->>'subject_kind' = 'village' and b.village_code is null and b.fields->>'village_code' is null and b.fields->>'village_name' is null`,
      'village_code',
      'error',
      `'a village certification needs the village (Mã thôn or Tên thôn)'`,
    ),
    issueIf(
      `b.fields->>'subject_kind' <> 'village' and b.village_code is not null`,
      'village_code',
      'warning',
      `format('the village is ignored for a %s certification', b.fields->>'subject_kind')`,
    ),
    issueIf(
      `(b.fields->>'year')::int > extract(year from current_date)`,
      'year',
      'error',
      `format('year %s is in the future', b.fields->>'year')`,
    ),
  ],
  exportNeeds: 'read_records',
  exportSql: exportPage(
    `select s.id, s.subject_kind, s.subject_name, s.commune_code, c.full_name as commune_name, s.village_code,
      v.name as village_name, s.year, s.certified
    from safety_certification s join commune c on c.code = s.commune_code left join village v on v.code = s.village_code`,
    { key: 's.id', commune: 's.commune_code' },
  ),
  reads: ['safety_certification', 'commune', 'village'],
})
