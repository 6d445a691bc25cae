// Export of records in the shape the import reads: the same headers, a stable record key, lon/lat in WGS84,
// so an exported file imports back with no change. Records come in keyset pages through the request's
// transaction, so row-level security decides what the caller gets.
import { PassThrough } from 'node:stream'
import { finished } from 'node:stream/promises'
import type { Queryable } from '@antt/data/db'
import ExcelJS from 'exceljs'
import { enumLabel, type FieldDef, type KindDef } from '../imports/kinds/types.ts'
import type { Taxonomies } from '../services/catalog.ts'

export type Lang = 'vi' | 'en'
export const EXPORT_PAGE = 10_000

type Value = string | number | boolean | null

/** The columns an export writes: every field of the kind except X/Y (exports write lon/lat). */
export function exportFields(kind: KindDef): FieldDef[] {
  return kind.fields.filter((f) => f.key !== 'x' && f.key !== 'y')
}

export const headerOf = (f: FieldDef, lang: Lang) => (lang === 'vi' ? f.vi : f.key)

/** Pages of records as plain objects keyed by field (plus `geometry` as GeoJSON text where there is one). */
export async function* exportRecords(
  db: Queryable,
  kind: KindDef,
  communes: string[] | null,
  page = EXPORT_PAGE,
): AsyncGenerator<Record<string, Value>[]> {
  let last = ''
  for (;;) {
    const rows = await db.query<Record<string, Value>>(kind.exportSql, [last, page, communes])
    if (!rows.length) return
    yield rows
    const lastRow = rows[rows.length - 1]
    last = String(lastRow.id ?? lastRow.commune_code)
    if (rows.length < page) return
  }
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

/** A value as a spreadsheet shows it: names instead of codes and dd/mm/yyyy in Vietnamese, codes and ISO in English. */
export function displayValue(
  kind: KindDef,
  f: FieldDef,
  v: Value,
  lang: Lang,
  taxonomies: Taxonomies,
  dates: 'text' | 'date',
): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null
  const t = f.type
  if (t.t === 'date' && typeof v === 'string')
    return dates === 'date' ? new Date(`${v}T00:00:00Z`) : lang === 'vi' ? dmy(v) : v
  if (t.t === 'bool') return lang === 'vi' ? (v ? 'Có' : 'Không') : Boolean(v)
  if (t.t === 'enum') return lang === 'vi' ? enumLabel(t, String(v)).vi : String(v)
  const taxon = kind.taxa?.[f.key]
  if (taxon && lang === 'vi') return taxonomies[taxon].find((x) => x.code === v)?.name_vi ?? v
  return v
}

function csvCell(v: string | number | boolean | Date | null): string {
  if (v === null) return ''
  let s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v)
  // Text that a spreadsheet would run as a formula gets Excel's text mark (the import removes it).
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`
  return /[",\r\n;]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** CSV as Excel opens it: UTF-8 with a byte-order mark, comma separated, CRLF. */
export async function exportCsv(
  db: Queryable,
  kind: KindDef,
  opts: { lang: Lang; communes: string[] | null; taxonomies: Taxonomies },
): Promise<{ body: Uint8Array; rows: number }> {
  const fields = exportFields(kind)
  const lines: string[] = [`\ufeff${fields.map((f) => csvCell(headerOf(f, opts.lang))).join(',')}`]
  let rows = 0
  for await (const page of exportRecords(db, kind, opts.communes)) {
    for (const r of page)
      lines.push(
        fields
          .map((f) => csvCell(displayValue(kind, f, r[f.key], opts.lang, opts.taxonomies, 'text')))
          .join(','),
      )
    rows += page.length
  }
  return { body: new TextEncoder().encode(`${lines.join('\r\n')}\r\n`), rows }
}

/** XLSX written with exceljs's streaming writer; dates as date cells (dd/mm/yyyy), codes as text. */
export async function exportXlsx(
  db: Queryable,
  kind: KindDef,
  opts: { lang: Lang; communes: string[] | null; taxonomies: Taxonomies; title?: string },
): Promise<{ body: Uint8Array; rows: number }> {
  const fields = exportFields(kind)
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'ANTT Atlas'
  const ws = wb.addWorksheet(opts.lang === 'vi' ? 'Dữ liệu' : 'Data', {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  ws.columns = fields.map((f) => ({
    header: headerOf(f, opts.lang),
    key: f.key,
    width: Math.min(40, Math.max(10, headerOf(f, opts.lang).length + 4)),
    style: f.type.t === 'date' ? { numFmt: 'dd/mm/yyyy' } : {},
  }))
  ws.getRow(1).font = { bold: true }
  let rows = 0
  for await (const page of exportRecords(db, kind, opts.communes)) {
    for (const r of page) {
      const row: Record<string, unknown> = {}
      for (const f of fields) row[f.key] = displayValue(kind, f, r[f.key], opts.lang, opts.taxonomies, 'date')
      ws.addRow(row).commit()
    }
    rows += page.length
  }
  ws.commit()
  await wb.commit()
  await finished(out)
  return { body: new Uint8Array(Buffer.concat(chunks)), rows }
}

/**
 * GeoJSON in WGS84 with the English field names as properties (lon/lat among them), and the point, or the
 * polygon of villages and boundaries, as geometry.
 */
export async function exportGeoJson(
  db: Queryable,
  kind: KindDef,
  opts: { communes: string[] | null },
): Promise<{ body: Uint8Array; rows: number }> {
  const fields = exportFields(kind)
  const parts: string[] = []
  let rows = 0
  for await (const page of exportRecords(db, kind, opts.communes)) {
    for (const r of page) {
      const properties: Record<string, Value> = {}
      for (const f of fields) properties[f.key] = r[f.key] ?? null
      const geometry =
        typeof r.geometry === 'string'
          ? r.geometry
          : typeof r.lon === 'number' && typeof r.lat === 'number'
            ? JSON.stringify({ type: 'Point', coordinates: [r.lon, r.lat] })
            : 'null'
      parts.push(`{"type":"Feature","properties":${JSON.stringify(properties)},"geometry":${geometry}}`)
    }
    rows += page.length
  }
  return {
    body: new TextEncoder().encode(`{"type":"FeatureCollection","features":[\n${parts.join(',\n')}\n]}\n`),
    rows,
  }
}
