import {
  communeFields,
  defineKind,
  exportPage,
  modelCtes,
  modelLookup,
  modelName,
  recordDate,
  recordKey,
  unknownModel,
  unknownTaxon,
} from './common.ts'
import { issueIf, type TaxonRef } from './types.ts'

const rating: TaxonRef = {
  field: 'rating_code',
  taxonomy: 'rating',
  alias: 't_rating',
  what: 'rating',
  list: 'ratings',
}

/** Kiểm tra, đánh giá mô hình: evaluations. */
export const evaluations = defineKind('evaluations', {
  table: 'evaluation',
  idPrefix: 'E',
  commune: 'lookup',
  fields: [
    recordKey(),
    {
      key: 'model_id',
      vi: 'Mã mô hình',
      aliases: ['mo hinh', 'model', 'model key', 'ma ho so mo hinh'],
      type: { t: 'key' },
      required: true,
      help: { vi: 'Mã hồ sơ của mô hình được đánh giá.', en: 'Key of the model evaluated.' },
      sample: 'M000001',
    },
    modelName,
    ...communeFields,
    recordDate({
      key: 'evaluated_on',
      vi: 'Ngày đánh giá',
      aliases: ['ngay kiem tra', 'ngay kiem tra danh gia', 'evaluated on', 'evaluation date'],
      min: '1975-01-01',
      sample: '20/06/2025',
    }),
    {
      key: 'rating_code',
      vi: 'Xếp loại',
      aliases: ['ket qua', 'ket qua xep loai', 'rating', 'danh gia', 'muc xep loai'],
      type: { t: 'ref' },
      required: true,
      help: { vi: 'Tốt / Khá / Trung bình / Yếu', en: 'good / fair / average / weak' },
      sample: 'Khá',
    },
    {
      key: 'evaluator',
      vi: 'Đơn vị đánh giá',
      aliases: ['nguoi danh gia', 'co quan danh gia', 'don vi kiem tra', 'evaluator'],
      type: { t: 'text', max: 300 },
      sample: 'Công an xã',
    },
    { key: 'note', vi: 'Ghi chú', aliases: ['notes', 'nhan xet'], type: { t: 'text', max: 2000 } },
  ],
  lookupCtes: modelCtes,
  lookups: modelLookup,
  taxonFields: [rating],
  communeSql: 'sm.commune_code',
  columns: [
    { name: 'model_id', type: 'text', sql: 'sm.id', required: true },
    'evaluated_on',
    'rating_code',
    'evaluator',
    'note',
  ],
  naturalKey: {
    fields: ['model_id', 'evaluated_on'],
    match: 'e.model_id = k.r_model_id and e.evaluated_on = k.r_evaluated_on',
    text: `concat_ws('|', k.r_model_id, k.r_evaluated_on)`,
    label: 'model and date',
  },
  checks: [
    unknownModel,
    unknownTaxon(rating),
    issueIf(
      `(b.fields->>'evaluated_on')::date < sm.founded_on`,
      'evaluated_on',
      'error',
      `format('evaluated on %s, before the model was founded on %s', b.fields->>'evaluated_on', sm.founded_on)`,
    ),
    issueIf(
      `(b.fields->>'evaluated_on')::date > sm.dissolved_on`,
      'evaluated_on',
      'warning',
      `format('evaluated on %s, after the model was dissolved on %s', b.fields->>'evaluated_on', sm.dissolved_on)`,
    ),
    issueIf(
      `b.commune_code is not null and sm.commune_code is not null and b.commune_code <> sm.commune_code`,
      'commune_code',
      'warning',
      `format('model %s is in commune %s, not %s; the model''s commune is kept', sm.id, sm.commune_code, b.commune_code)`,
    ),
  ],
  exportNeeds: 'read_records',
  exportSql: exportPage(
    `select e.id, e.model_id, m.name as model_name, m.commune_code, c.full_name as commune_name,
      to_char(e.evaluated_on, 'YYYY-MM-DD') as evaluated_on, e.rating_code, e.evaluator, e.note
    from evaluation e join security_model m on m.province_code = e.province_code and m.id = e.model_id
      join commune c on c.code = m.commune_code`,
    { key: 'e.id', commune: 'm.commune_code' },
  ),
  reads: ['evaluation', 'security_model', 'rating'],
})
