// Import templates: the headers a kind reads, a sample row, instructions and the reference lists, in one
// workbook an office can fill in and upload as it is.
import type { Queryable } from '@antt/data/db'
import ExcelJS from 'exceljs'
import { exportFields, headerOf, type Lang } from '../exports/records.ts'
import type { Taxonomies } from '../services/catalog.ts'
import { knownCrs, LAO_CAI_MERIDIAN, vn2000Tm3 } from './crs.ts'
import { enumLabel, type FieldDef, type KindDef } from './kinds/types.ts'

const T = {
  vi: {
    data: 'Dữ liệu',
    guide: 'Hướng dẫn',
    lists: 'Danh mục',
    column: 'Cột',
    field: 'Tên trường',
    required: 'Bắt buộc',
    meaning: 'Ý nghĩa, định dạng',
    yes: 'Có',
    sampleNote: 'Dòng 2 là dòng mẫu: xóa hoặc ghi đè trước khi nhập.',
  },
  en: {
    data: 'Data',
    guide: 'Instructions',
    lists: 'Lists',
    column: 'Column',
    field: 'Field',
    required: 'Required',
    meaning: 'Meaning, format',
    yes: 'yes',
    sampleNote: 'Row 2 is a sample: delete or overwrite it before importing.',
  },
}

const NOTES: Record<Lang, string[]> = {
  vi: [
    'Tên cột viết có dấu hay không dấu, chữ hoa hay thường đều được; có thể dùng tên cột tiếng Anh (cột "Tên trường").',
    'Ngày viết dd/mm/yyyy (ví dụ 05/03/2024) hoặc yyyy-mm-dd; ô định dạng ngày của Excel cũng được.',
    'Xã, phường: mã mới 5 chữ số, hoặc mã cũ trước 01/7/2025 (được chuyển sang mã mới, có cảnh báo; báo lỗi nếu xã cũ bị chia cho nhiều xã mới), hoặc tên xã.',
    'Danh mục (loại mô hình, loại vụ việc, xếp loại, đơn vị chủ trì) ghi mã hoặc tên tiếng Việt/tiếng Anh, có dấu hay không dấu.',
    'Tọa độ: lon, lat theo WGS84 (độ thập phân). Hoặc X, Y theo VN-2000: khi nhập chọn hệ tọa độ, ví dụ VN2000-TM3-104.75 (múi 3°, kinh tuyến trục 104°45′ của Lào Cai, Yên Bái).',
    'Theo quy ước trắc địa Việt Nam, X là tọa độ BẮC (northing, khoảng 2 400 000 ở Lào Cai) và Y là tọa độ ĐÔNG (easting, khoảng 400 000–600 000). Ghi X, Y đúng như sổ sách.',
    'Nhập là hai bước: kiểm tra (báo lỗi theo dòng, theo cột) rồi xác nhận; khi xác nhận, toàn bộ tệp được ghi hoặc không dòng nào được ghi.',
    'Giữ cột "Mã hồ sơ" khi sửa và nhập lại: bản ghi được cập nhật, không tạo bản trùng. Dòng không có mã hồ sơ được nhận ra theo khóa tự nhiên (ví dụ tên, loại và xã của mô hình).',
    'Số dòng trong báo cáo lỗi là số dòng trong Excel.',
  ],
  en: [
    'Headers may be written with or without diacritics, in any case, or as the English field names.',
    'Dates as dd/mm/yyyy (e.g. 05/03/2024) or yyyy-mm-dd; Excel date cells work too.',
    'Communes: the new 5-digit code, a code from before 1 July 2025 (translated with a warning; an error when the old commune was split), or the name.',
    'Reference values (model types, incident categories, ratings, organisations): code or Vietnamese/English name, with or without diacritics.',
    'Coordinates: lon, lat in WGS84 decimal degrees. Or X, Y in VN-2000: name the CRS when importing, e.g. VN2000-TM3-104.75 (TM-3 zone with the 104°45′ central meridian of Lào Cai and Yên Bái).',
    'In Vietnamese surveying order X is the NORTHING (about 2,400,000 in Lào Cai) and Y the EASTING (about 400,000–600,000): write them as the survey books do.',
    'An import is a dry run (errors by row and column) and then a commit that writes the whole file or nothing.',
    'Keep the record key column when editing and re-importing: records are updated, not duplicated. Rows without a key are matched by their natural key (e.g. name, type and commune of a model).',
    'Row numbers in the error report are Excel row numbers.',
  ],
}

function sampleValue(
  f: FieldDef,
  ctx: { commune?: { code: string; full_name: string }; village?: { code: string; name: string } },
) {
  if (f.key === 'commune_code') return ctx.commune?.code ?? f.sample ?? null
  if (f.key === 'commune_name') return ctx.commune?.full_name ?? f.sample ?? null
  if (f.key === 'village_code' || (f.key === 'id' && f.vi === 'Mã thôn'))
    return ctx.village?.code ?? f.sample ?? null
  if (f.key === 'village_name' || (f.key === 'name' && f.vi === 'Tên thôn'))
    return ctx.village?.name ?? f.sample ?? null
  if (f.type.t === 'date' && typeof f.sample === 'string') {
    const [d, m, y] = f.sample.split('/').map(Number)
    return new Date(Date.UTC(y, m - 1, d))
  }
  return f.sample ?? null
}

export async function buildTemplate(
  db: Queryable,
  kind: KindDef,
  lang: Lang,
  taxonomies: Taxonomies,
): Promise<Uint8Array> {
  const t = T[lang]
  // a sample commune and village the caller may write to
  const [commune] = await db.query<{ code: string; full_name: string }>(
    'select code, full_name from commune order by code limit 1',
  )
  const [village] = commune
    ? await db.query<{ code: string; name: string }>(
        'select code, name from village where commune_code = $1 order by code limit 1',
        [commune.code],
      )
    : []
  const fields = [...exportFields(kind), ...kind.fields.filter((f) => f.key === 'x' || f.key === 'y')]
  const wb = new ExcelJS.Workbook()
  wb.creator = 'ANTT Atlas'
  const ws = wb.addWorksheet(t.data, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = fields.map((f) => ({
    header: headerOf(f, lang),
    key: f.key,
    width: Math.min(40, Math.max(12, headerOf(f, lang).length + 4)),
    style: f.type.t === 'date' ? { numFmt: 'dd/mm/yyyy' } : f.type.t === 'ref' ? { numFmt: '@' } : {},
  }))
  const head = ws.getRow(1)
  head.font = { bold: true }
  fields.forEach((f, i) => {
    if (f.help) head.getCell(i + 1).note = f.help[lang]
  })
  const sample: Record<string, unknown> = {}
  for (const f of fields) sample[f.key] = f.type.t === 'info' ? null : sampleValue(f, { commune, village })
  if (kind.kind === 'boundaries') for (const f of fields) sample[f.key] = sampleValue(f, { commune, village })
  ws.addRow(sample).font = { italic: true, color: { argb: 'FF666666' } }

  const guide = wb.addWorksheet(t.guide)
  guide.columns = [
    { header: t.column, key: 'column', width: 26 },
    { header: t.field, key: 'field', width: 18 },
    { header: t.required, key: 'required', width: 10 },
    { header: t.meaning, key: 'meaning', width: 90 },
  ]
  guide.getRow(1).font = { bold: true }
  for (const f of fields)
    guide.addRow({
      column: headerOf(f, lang),
      field: f.key,
      required: f.required ? t.yes : '',
      meaning: f.help?.[lang] ?? '',
    })
  guide.addRow({})
  guide.addRow({ column: t.sampleNote })
  if (kind.kind === 'boundaries')
    guide.addRow({
      column:
        lang === 'vi'
          ? 'Ranh giới nhập từ GeoJSON hoặc Shapefile nén .zip (kèm .prj), với thuộc tính Mã xã hoặc Tên xã.'
          : 'Boundaries are imported from GeoJSON or a zipped Shapefile (with its .prj), with a commune code or name attribute.',
    })
  for (const note of NOTES[lang]) guide.addRow({ column: note })
  guide.addRow({})
  const lc = vn2000Tm3(LAO_CAI_MERIDIAN)
  guide.addRow({
    column: lang === 'vi' ? 'Hệ tọa độ (trường crs khi nhập)' : 'Coordinate systems (crs when importing)',
  })
  for (const c of knownCrs().filter((c) => !c.name.startsWith('VN2000-TM3') || c.srid === lc.srid))
    guide.addRow({ column: c.name, meaning: `${c.label}: ${c.proj4}` })
  guide.addRow({
    column: 'VN2000-TM3-<…>',
    meaning:
      lang === 'vi'
        ? 'Các múi 3° khác: kinh tuyến trục 102 đến 109.5 (bước 0.25), ví dụ VN2000-TM3-105.5 (Hà Giang)'
        : 'Other TM-3 zones: central meridian 102 to 109.5 in steps of 0.25, e.g. VN2000-TM3-105.5 (Hà Giang)',
  })

  const lists = wb.addWorksheet(t.lists)
  lists.columns = [
    { header: lang === 'vi' ? 'Danh mục' : 'List', key: 'list', width: 22 },
    { header: 'Mã / code', key: 'code', width: 26 },
    { header: 'Tên', key: 'vi', width: 44 },
    { header: 'Name', key: 'en', width: 40 },
  ]
  lists.getRow(1).font = { bold: true }
  for (const [field, taxon] of Object.entries(kind.taxa ?? {}))
    for (const x of taxonomies[taxon])
      lists.addRow({ list: field, code: x.code, vi: x.name_vi, en: x.name_en })
  for (const f of fields)
    if (f.type.t === 'enum')
      for (const code of Object.keys(f.type.values))
        lists.addRow({ list: f.key, code, ...enumLabel(f.type, code) })
  if (fields.some((f) => f.key === 'commune_code')) {
    const communes = await db.query<{ code: string; full_name: string }>(
      'select code, full_name from commune order by code',
    )
    for (const c of communes) lists.addRow({ list: 'commune_code', code: c.code, vi: c.full_name })
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}
