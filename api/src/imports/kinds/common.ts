import type { ColumnDef, FieldDef, FieldType, ImportKind, KindDef, KindSpec, TaxonRef } from './types.ts'

/**
 * A kind as its file describes it, with the usual case filled in: records keyed by `id`, each row naming its
 * own commune, and neither a village nor a place unless the kind says so.
 */
export function defineKind(kind: ImportKind, spec: KindSpec): KindDef {
  const { columns, taxonFields = [], lookups, ...rest } = spec
  return {
    kind,
    idColumn: 'id',
    commune: 'row',
    village: false,
    place: 'none',
    ...rest,
    lookups: [lookups, ...taxonFields.map(taxonLookup)].filter(Boolean).join('\n') || undefined,
    columns: columns.map((c) => (typeof c === 'string' ? storedColumn(kind, spec, c) : c)),
    taxa: taxonFields.length ? Object.fromEntries(taxonFields.map((t) => [t.field, t.list])) : undefined,
  }
}

/** SQL type of the column that stores a field of each type as the file gives it. */
const COLUMN_TYPE: Partial<Record<FieldType['t'], string>> = {
  key: 'text',
  text: 'text',
  ref: 'text',
  enum: 'text',
  int: 'integer',
  number: 'double precision',
  date: 'date',
  year: 'integer',
  bool: 'boolean',
}

/**
 * The column named as a field that stores it as read (a taxon field: its code), typed after the field and
 * required when the field is.
 */
function storedColumn(kind: ImportKind, spec: KindSpec, key: string): ColumnDef {
  const field = spec.fields.find((f) => f.key === key)
  const type = field && COLUMN_TYPE[field.type.t]
  if (!type) throw new Error(`${kind}: no field ${key} to store in a column`)
  const taxon = spec.taxonFields?.find((t) => t.field === key)
  if (taxon) return taxonColumn(taxon, field.required)
  return fieldColumn(key, type, field.required ? { required: true } : {})
}

export const recordKey = (aliases: readonly string[] = []): FieldDef => ({
  key: 'id',
  vi: 'Mã hồ sơ',
  aliases: ['ma ho so', 'ma ban ghi', 'record id', 'record key', 'key', 'stt ho so', ...aliases],
  type: { t: 'key' },
  help: {
    vi: 'Mã ổn định của bản ghi. Để trống khi thêm mới; giữ nguyên khi sửa, để nhập lại không tạo bản trùng.',
    en: 'Stable record key. Leave empty for new records; keep it when editing so a re-import creates no duplicate.',
  },
})

/**
 * The day a record is of (an evaluation, an incident, an outreach session): required, and also found under the
 * header "date".
 */
export const recordDate = (d: {
  key: string
  vi: string
  aliases: string[]
  min: string
  sample: string
}): FieldDef => ({
  key: d.key,
  vi: d.vi,
  aliases: [...d.aliases, 'date'],
  type: { t: 'date', min: d.min },
  required: true,
  sample: d.sample,
})

export const communeCode: FieldDef = {
  key: 'commune_code',
  vi: 'Mã xã',
  aliases: [
    'ma xa phuong',
    'ma don vi hanh chinh',
    'ma dvhc',
    'ma xa moi',
    'commune code',
    'commune id',
    'maxa',
    'ma_xa',
  ],
  type: { t: 'ref', pad: 'commune' },
  help: {
    vi: 'Mã xã, phường mới (5 chữ số). Mã cũ trước 01/7/2025 được chuyển đổi theo bảng tương ứng.',
    en: 'New 5-digit commune code. Codes from before 1 July 2025 are translated through the crosswalk.',
  },
  sample: '02647',
}

export const communeName: FieldDef = {
  key: 'commune_name',
  vi: 'Tên xã',
  aliases: [
    'xa',
    'xa phuong',
    'ten xa phuong',
    'ten don vi',
    'phuong xa',
    'commune',
    'commune name',
    'tenxa',
  ],
  type: { t: 'ref' },
  help: {
    vi: 'Tên xã, phường (có hoặc không dấu). Dùng khi không có mã xã.',
    en: 'Commune name, with or without diacritics; used when there is no code.',
  },
  sample: 'Phường Lào Cai',
}

export const villageCode: FieldDef = {
  key: 'village_code',
  vi: 'Mã thôn',
  aliases: ['ma thon ban', 'ma thon to dan pho', 'ma thon to', 'village code', 'mathon'],
  type: { t: 'ref', pad: 'village' },
  sample: '02647-003',
}

export const villageName: FieldDef = {
  key: 'village_name',
  vi: 'Tên thôn',
  aliases: [
    'thon',
    'thon ban',
    'thon to dan pho',
    'thon ban to dan pho',
    'ten thon ban',
    'village',
    'village name',
  ],
  type: { t: 'ref' },
  sample: 'Tổ dân phố số 3',
}

/** A VN-2000 coordinate in metres: X and Y are found under the same headers but for the letter. */
const vn2000 = (axis: 'x' | 'y', help: { vi: string; en: string }): FieldDef => ({
  key: axis,
  vi: axis.toUpperCase(),
  aliases: [`toa do ${axis}`, `${axis} m`, `${axis} vn2000`, `${axis} vn 2000`],
  type: { t: 'coord' },
  help,
})

export const coordinates: FieldDef[] = [
  {
    key: 'lon',
    vi: 'lon',
    aliases: ['kinh do', 'longitude', 'lng', 'long', 'kinhdo', 'kinh do lon'],
    type: { t: 'coord' },
    help: {
      vi: 'Kinh độ WGS84 (độ thập phân, ví dụ 103.9712). Có thể thay bằng X, Y theo VN-2000 và chọn hệ tọa độ khi nhập.',
      en: 'WGS84 longitude in decimal degrees. Or give X, Y in VN-2000 and choose the CRS when importing.',
    },
    sample: 103.9712,
  },
  {
    key: 'lat',
    vi: 'lat',
    aliases: ['vi do', 'latitude', 'vido', 'vi do lat'],
    type: { t: 'coord' },
    help: { vi: 'Vĩ độ WGS84 (độ thập phân, ví dụ 22.4856).', en: 'WGS84 latitude in decimal degrees.' },
    sample: 22.4856,
  },
  vn2000('x', {
    vi: 'Tọa độ X theo VN-2000 (mét), theo quy ước trắc địa Việt Nam: X là tọa độ Bắc (northing, khoảng 2 400 000 ở Lào Cai).',
    en: 'VN-2000 X in metres, Vietnamese surveying order: X is the NORTHING (about 2,400,000 in Lào Cai).',
  }),
  vn2000('y', {
    vi: 'Tọa độ Y theo VN-2000 (mét): Y là tọa độ Đông (easting, khoảng 400 000–600 000 với múi 3°).',
    en: 'VN-2000 Y in metres: Y is the EASTING (about 400,000–600,000 in a TM-3 zone).',
  }),
]

export const leadOrg = (required: boolean): FieldDef => ({
  key: 'lead_org_code',
  vi: 'Đơn vị chủ trì',
  aliases: [
    'co quan chu tri',
    'to chuc chu tri',
    'chu tri',
    'don vi phu trach',
    'lead organisation',
    'lead organization',
    'lead org',
  ],
  type: { t: 'ref' },
  required,
  help: {
    vi: 'Mã hoặc tên đơn vị (Công an, Mặt trận Tổ quốc, Đoàn Thanh niên, …).',
    en: 'Code or name (Police, Fatherland Front, Youth Union, …).',
  },
  sample: 'Công an',
})

/**
 * An export's keyset page (KindDef.exportSql) of the records `select` reads: those after the key $1 among the
 * communes $3 (null: all), $2 at the most, in key order.
 */
export const exportPage = (select: string, page: { key: string; commune: string }) =>
  `${select}
    where ${page.key} > $1 and ($3::text[] is null or ${page.commune} = any ($3)) order by ${page.key} limit $2`

/** A rating or type lookup: `t` is the import_taxon_key row; n = 1 means the spelling names one code. */
const taxonLookup = (ref: TaxonRef) =>
  `left join import_taxon_key ${ref.alias} on ${ref.alias}.kind = '${ref.taxonomy}' and ${ref.alias}.k = b.folded->>'${ref.field}'`

/** The issue of a name that no code, or several, of the taxonomy answer to. */
export const unknownTaxon = ({ alias, field, what }: TaxonRef) =>
  `case when b.fields->>'${field}' is not null and ${alias}.code is null then import_issue('${field}', 'error', format('unknown ${what} "%s"', b.fields->>'${field}'))
        when ${alias}.n > 1 then import_issue('${field}', 'error', format('"%s" names several ${what}s: write the code', b.fields->>'${field}')) end`

/** The column of a field coded from a taxonomy through its lookup. */
const taxonColumn = (ref: TaxonRef, required?: boolean): ColumnDef => ({
  name: ref.field,
  type: 'text',
  sql: `case when ${ref.alias}.n = 1 then ${ref.alias}.code end`,
  ...(required ? { required } : {}),
})

/**
 * A column read from the row's field of the same name, cast to the column's type; with a default, an empty
 * field takes it (the default is also the column's value when the field is left out of an update).
 */
export function fieldColumn(
  name: string,
  type: string,
  options: { required?: boolean; default?: string } = {},
): ColumnDef {
  const value = type === 'text' ? `b.fields->>'${name}'` : `(b.fields->>'${name}')::${type}`
  return {
    name,
    type,
    sql: options.default === undefined ? value : `coalesce(${value}, ${options.default})`,
    ...options,
  }
}

/** A number of people or households, with or without thousands separators. */
export const headcount: FieldType = { t: 'int', min: 0, max: 1_000_000, thousands: true }

/** The row's commune, found from its code or its name. */
export const communeColumn: ColumnDef = {
  name: 'commune_code',
  type: 'text',
  sql: 'b.commune_code',
  fields: ['commune_code', 'commune_name'],
  required: true,
}

/** The row's village, found from its code or its name within the commune. */
export const villageColumn: ColumnDef = {
  name: 'village_code',
  type: 'text',
  sql: 'b.village_code',
  fields: ['village_code', 'village_name'],
}

/** Where a row is: its commune by code or name. */
export const communeFields: FieldDef[] = [communeCode, communeName]

/** Where a row is: its commune, then its village, each by code or name. */
export const placeFields: FieldDef[] = [communeCode, communeName, villageCode, villageName]

/** The lead organisation, coded from the lead_org list. */
export const leadOrgTaxon: TaxonRef = {
  field: 'lead_org_code',
  taxonomy: 'lead_org',
  alias: 't_org',
  what: 'organisation',
  list: 'lead_orgs',
}

/**
 * The models the rows refer to by key (evaluations, funding), those within the caller's scope, and the keys
 * taken by a model outside it; each read once per chunk.
 */
export const modelCtes = `ref_model as materialized (
    select m.* from security_model m where m.id in (select fields->>'model_id' from src)),
  ref_model_taken as materialized (
    select * from import_taken_ids('security_model',
      array(select fields->>'model_id' from src where fields->>'model_id' is not null)))`

/** The model a row refers to by its key: `sm`, within the caller's scope (with modelCtes). */
export const modelLookup = `left join ref_model sm on sm.id = b.fields->>'model_id'
  left join ref_model_taken smt on sm.id is null and smt.id = b.fields->>'model_id'`

export const unknownModel = `case when b.fields->>'model_id' is not null and sm.id is null then import_issue('model_id', 'error',
       case when smt.id is not null
            then format('model %s is outside your scope', b.fields->>'model_id')
            else format('no model with key %s', b.fields->>'model_id') end) end`

/** The referred model's name, written into templates and exports for the reader; not imported. */
export const modelName: FieldDef = {
  key: 'model_name',
  vi: 'Tên mô hình',
  aliases: ['model name'],
  type: { t: 'info' },
}
