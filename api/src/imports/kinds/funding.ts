import {
  communeFields,
  defineKind,
  exportPage,
  fieldColumn,
  modelCtes,
  modelLookup,
  modelName,
  recordKey,
  unknownModel,
} from './common.ts'
import { issueIf } from './types.ts'

/** Kinh phí hỗ trợ: funding. */
export const funding = defineKind('funding', {
  table: 'funding_allocation',
  idPrefix: 'F',
  fields: [
    recordKey(),
    ...communeFields,
    {
      key: 'model_id',
      vi: 'Mã mô hình',
      aliases: ['mo hinh', 'model', 'model key'],
      type: { t: 'key' },
      help: {
        vi: 'Mã hồ sơ mô hình được cấp (để trống nếu cấp cho cả xã).',
        en: 'Key of the model funded (empty for the commune).',
      },
    },
    modelName,
    {
      key: 'year',
      vi: 'Năm',
      aliases: ['nam ngan sach', 'year'],
      type: { t: 'year' },
      required: true,
      sample: 2025,
    },
    {
      key: 'amount_vnd',
      vi: 'Số tiền (đồng)',
      aliases: ['so tien', 'kinh phi', 'so tien vnd', 'thanh tien', 'amount', 'amount vnd'],
      type: { t: 'int', min: 0, max: 1e15, thousands: true },
      required: true,
      sample: 50_000_000,
    },
    {
      key: 'source',
      vi: 'Nguồn kinh phí',
      aliases: ['nguon', 'nguon von', 'source'],
      type: { t: 'text', max: 300 },
      required: true,
      sample: 'Ngân sách xã',
    },
    {
      key: 'purpose',
      vi: 'Mục đích',
      aliases: ['noi dung chi', 'muc dich su dung', 'purpose'],
      type: { t: 'text', max: 500 },
    },
  ],
  lookupCtes: modelCtes,
  lookups: modelLookup,
  columns: [
    {
      name: 'commune_code',
      type: 'text',
      sql: 'coalesce(b.commune_code, sm.commune_code)',
      fields: ['commune_code', 'commune_name'],
      required: true,
    },
    { name: 'model_id', type: 'text', sql: 'sm.id' },
    'year',
    fieldColumn('amount_vnd', 'bigint', { required: true }),
    'source',
    'purpose',
  ],
  naturalKey: {
    fields: ['year', 'source'],
    match: `e.commune_code = k.r_commune_code and e.year = k.r_year and e.model_id is not distinct from k.r_model_id
            and import_fold(e.source) = k.folded->>'source' and import_fold(e.purpose) is not distinct from k.folded->>'purpose'`,
    text: `concat_ws('|', k.r_commune_code, k.r_year, k.r_model_id, k.folded->>'source', k.folded->>'purpose')`,
    label: 'commune, year, model, source and purpose',
  },
  checks: [
    unknownModel,
    issueIf(
      `sm.id is not null and b.commune_code is not null and sm.commune_code <> b.commune_code`,
      'model_id',
      'error',
      `format('model %s is in commune %s, not %s', sm.id, sm.commune_code, b.commune_code)`,
    ),
    issueIf(
      `(b.fields->>'year')::int > extract(year from current_date) + 1`,
      'year',
      'error',
      `format('year %s is more than a year ahead', b.fields->>'year')`,
    ),
  ],
  exportNeeds: 'read_records',
  exportSql: exportPage(
    `select f.id, f.commune_code, c.full_name as commune_name, f.model_id, m.name as model_name, f.year,
      f.amount_vnd, f.source, f.purpose
    from funding_allocation f join commune c on c.code = f.commune_code left join security_model m
      on m.province_code = f.province_code and m.id = f.model_id`,
    { key: 'f.id', commune: 'f.commune_code' },
  ),
  reads: ['funding_allocation', 'security_model', 'commune'],
})
