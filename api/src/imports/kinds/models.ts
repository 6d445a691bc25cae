import {
  communeColumn,
  coordinates,
  defineKind,
  exportPage,
  fieldColumn,
  leadOrg,
  leadOrgTaxon,
  placeFields,
  recordKey,
  unknownTaxon,
  villageColumn,
} from './common.ts'
import { issueIf, type TaxonRef } from './types.ts'

export const MODEL_STATUS = {
  active: ['Đang hoạt động', 'hoat dong', 'active', 'con hoat dong', 'binh thuong'],
  weak: ['Hoạt động yếu', 'yeu', 'weak', 'hoat dong cam chung'],
  dissolved: ['Đã thanh loại', 'thanh loai', 'giai the', 'dissolved', 'ngung hoat dong', 'da giai the'],
} as const

const modelType: TaxonRef = {
  field: 'type_code',
  taxonomy: 'model_type',
  alias: 't_type',
  what: 'model type',
  list: 'model_types',
}

/** Mô hình tự quản: security models. */
export const models = defineKind('models', {
  table: 'security_model',
  idPrefix: 'M',
  village: true,
  place: 'point',
  fields: [
    recordKey(['ma mo hinh', 'model id']),
    {
      key: 'name',
      vi: 'Tên mô hình',
      aliases: ['ten', 'model name', 'ten mo hinh tu quan'],
      type: { t: 'text', max: 300 },
      required: true,
      sample: 'Tổ an ninh tự quản tổ dân phố số 3',
    },
    {
      key: 'type_code',
      vi: 'Loại mô hình',
      aliases: ['loai', 'type', 'model type', 'loai hinh'],
      type: { t: 'ref' },
      required: true,
      help: {
        vi: 'Mã hoặc tên loại mô hình (xem trang Danh mục).',
        en: 'Code or name of the model type (see the lists sheet).',
      },
      sample: 'Tổ an ninh tự quản',
    },
    ...placeFields,
    leadOrg(true),
    {
      key: 'founded_on',
      vi: 'Ngày thành lập',
      aliases: ['thanh lap', 'ngay ra mat', 'founded', 'date founded', 'founded on'],
      type: { t: 'date', min: '1975-01-01' },
      required: true,
      help: { vi: 'dd/mm/yyyy', en: 'dd/mm/yyyy or yyyy-mm-dd' },
      sample: '15/03/2021',
    },
    {
      key: 'members',
      vi: 'Số thành viên',
      aliases: ['thanh vien', 'so nguoi', 'members'],
      type: { t: 'int', min: 0, max: 100000 },
      sample: 9,
    },
    {
      key: 'equipment',
      vi: 'Trang thiết bị',
      aliases: ['thiet bi', 'phuong tien'],
      type: { t: 'text', max: 1000 },
    },
    {
      key: 'exemplary',
      vi: 'Điển hình tiên tiến',
      aliases: ['dien hinh', 'la dien hinh'],
      type: { t: 'bool' },
      help: { vi: 'Có / Không', en: 'yes / no' },
      sample: 'Không',
    },
    {
      key: 'replicated_from',
      vi: 'Nhân rộng từ',
      aliases: ['nhan rong tu mo hinh', 'replicated from'],
      type: { t: 'key' },
      help: {
        vi: 'Mã hồ sơ của mô hình điển hình được nhân rộng.',
        en: 'Key of the exemplary model this one copies.',
      },
    },
    {
      key: 'status',
      vi: 'Trạng thái',
      aliases: ['tinh trang'],
      type: {
        t: 'enum',
        values: MODEL_STATUS,
        labels: {
          active: { vi: 'Đang hoạt động', en: 'Active' },
          weak: { vi: 'Hoạt động yếu', en: 'Weak' },
          dissolved: { vi: 'Đã thanh loại', en: 'Dissolved' },
        },
      },
      help: { vi: 'Đang hoạt động / Hoạt động yếu / Đã thanh loại', en: 'active / weak / dissolved' },
      sample: 'Đang hoạt động',
    },
    {
      key: 'dissolved_on',
      vi: 'Ngày thanh loại',
      aliases: ['ngay giai the', 'dissolved on'],
      type: { t: 'date', min: '1975-01-01' },
    },
    {
      key: 'dissolved_reason',
      vi: 'Lý do thanh loại',
      aliases: ['ly do giai the', 'ly do', 'reason', 'dissolved reason'],
      type: { t: 'text', max: 1000 },
    },
    ...coordinates,
  ],
  taxonFields: [modelType, leadOrgTaxon],
  columns: [
    'name',
    'type_code',
    communeColumn,
    villageColumn,
    'lead_org_code',
    'founded_on',
    fieldColumn('members', 'integer', { default: '0' }),
    'equipment',
    fieldColumn('exemplary', 'boolean', { default: 'false' }),
    'replicated_from',
    fieldColumn('status', 'text', { default: `'active'` }),
    'dissolved_on',
    'dissolved_reason',
  ],
  naturalKey: {
    fields: ['name', 'type_code'],
    match: `e.commune_code = k.r_commune_code and e.type_code = k.r_type_code and import_fold(e.name) = k.folded->>'name'`,
    text: `concat_ws('|', k.r_commune_code, k.r_type_code, k.folded->>'name')`,
    label: 'name, type and commune',
  },
  checks: [unknownTaxon(modelType), unknownTaxon(leadOrgTaxon)],
  finalChecks: [
    issueIf(
      `fin.vals->>'status' = 'dissolved' and fin.vals->>'dissolved_on' is null`,
      'dissolved_on',
      'error',
      `'a dissolved model needs its date of dissolution (Ngày thanh loại)'`,
    ),
    issueIf(
      `fin.vals->>'status' <> 'dissolved' and fin.vals->>'dissolved_on' is not null`,
      'status',
      'error',
      `format('a date of dissolution is given but the status is %s: write Đã thanh loại', fin.vals->>'status')`,
    ),
    issueIf(
      `(fin.vals->>'dissolved_on')::date < (fin.vals->>'founded_on')::date`,
      'dissolved_on',
      'error',
      `format('dissolved on %s, before the model was founded on %s', fin.vals->>'dissolved_on', fin.vals->>'founded_on')`,
    ),
    issueIf(
      `fin.vals->>'status' = 'dissolved' and fin.vals->>'dissolved_reason' is null`,
      'dissolved_reason',
      'warning',
      `'no reason given for the dissolution (Lý do thanh loại)'`,
    ),
    issueIf(
      `fin.target is not null and fin.vals->>'status' is distinct from fin.old->>'status'
       and coalesce((fin.vals->>'dissolved_on')::date, current_date) <
           (select ss.since from status_since ss where ss.model_id = fin.target)`,
      'status',
      'error',
      `format('the status change dates from %s, before the model''s current status began on %s',
         coalesce(fin.vals->>'dissolved_on', current_date::text),
         (select ss.since from status_since ss where ss.model_id = fin.target))`,
    ),
    issueIf(
      `exists (select 1 from model_type mt where mt.code = fin.vals->>'type_code' and mt.border_only)
       and not exists (select 1 from commune_area_class a where a.commune_code = fin.vals->>'commune_code' and a.class_code = 'border')`,
      'type_code',
      'warning',
      `format('%s is a border model but commune %s is not a border commune', fin.vals->>'type_code', fin.vals->>'commune_code')`,
    ),
  ],
  // when the current status of each model the rows update began
  finalCtes: `status_since as materialized (
    select s.model_id, max(s.valid_from) as since from security_model_status s
    where s.model_id in (select target from t) group by s.model_id)`,
  postChecks: [
    // replicated_from names a model that exists or is created by this import
    `with known as materialized (
       select m.id from security_model m
       where m.id in (select vals->>'replicated_from' from import_row where import_id = $1)),
     d as materialized (
       select r.row_no, jsonb_build_array(import_issue('replicated_from', 'error',
                format('no model with key %s (in the database or in this file)', r.vals->>'replicated_from'))) as issue
       from import_row r
       where r.import_id = $1 and r.vals->>'replicated_from' is not null
         and not exists (select 1 from known m where m.id = r.vals->>'replicated_from')
         and not exists (select 1 from import_row o where o.import_id = $1 and o.rec_id = r.vals->>'replicated_from'))
     update import_row r set issues = r.issues || d.issue from d where r.import_id = $1 and r.row_no = d.row_no`,
    `update import_row r set issues = r.issues || jsonb_build_array(import_issue('replicated_from', 'error',
       'a model cannot be replicated from itself'))
     where r.import_id = $1 and r.vals->>'replicated_from' = r.rec_id`,
  ],
  afterCommit: [
    // history of new models: active from founding, then dissolved or weak (returning, as the insert of the
    // models in commit.ts, so that a Citus cluster writes the rows with INSERT under row-level security)
    `with written as (
     insert into security_model_status (model_id, status, valid_from, valid_to, reason, commune_code, province_code)
     select r.rec_id, 'active', (r.vals->>'founded_on')::date, (r.vals->>'dissolved_on')::date, null,
            r.vals->>'commune_code', commune_province(r.vals->>'commune_code')
     from import_row r where r.import_id = $1 and r.action = 'create' and r.vals->>'status' = 'dissolved'
       and (r.vals->>'dissolved_on')::date > (r.vals->>'founded_on')::date
     union all
     select r.rec_id, r.vals->>'status',
            coalesce((r.vals->>'dissolved_on')::date, (r.vals->>'founded_on')::date), null,
            case when r.vals->>'status' = 'dissolved' then r.vals->>'dissolved_reason' end,
            r.vals->>'commune_code', commune_province(r.vals->>'commune_code')
     from import_row r where r.import_id = $1 and r.action = 'create'
     returning 1)
     select count(*)::int as n from written`,
    `with changed as materialized (
       select r.target_id, r.vals from import_row r where r.import_id = $1 and r.action = 'update'),
     open_status as materialized (
       select s.model_id, s.status from security_model_status s
       where s.valid_to is null and s.model_id in (select target_id from changed))
     select set_model_statuses(array_agg(r.target_id), array_agg(r.vals->>'status'),
            array_agg(coalesce((r.vals->>'dissolved_on')::date, current_date)), array_agg(r.vals->>'dissolved_reason'))
     from changed r join open_status s on s.model_id = r.target_id
     where s.status is distinct from r.vals->>'status'
     having count(*) > 0`,
  ],
  exportNeeds: 'read_records',
  exportSql: exportPage(
    `select m.id, m.name, m.type_code, m.commune_code, c.full_name as commune_name, m.village_code,
      v.name as village_name, m.lead_org_code, to_char(m.founded_on, 'YYYY-MM-DD') as founded_on, m.members,
      m.equipment, m.exemplary, m.replicated_from, m.status, to_char(m.dissolved_on, 'YYYY-MM-DD') as dissolved_on,
      m.dissolved_reason, ST_X(m.point) as lon, ST_Y(m.point) as lat
    from security_model m join commune c on c.code = m.commune_code left join village v on v.code = m.village_code`,
    { key: 'm.id', commune: 'm.commune_code' },
  ),
  reads: ['security_model', 'security_model_status', 'commune', 'village', 'model_type', 'lead_org'],
})
