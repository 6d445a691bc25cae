// Opens an uploaded file as a table for one import kind: detects the format, finds the header row
// (title rows above it are skipped) and maps its columns to the kind's fields.
import type { CrsGuess } from '../crs.ts'
import { type ColumnMap, type HeaderIssue, knownCount, mapColumns } from '../headers.ts'
import type { KindDef } from '../kinds/types.ts'
import type { Cell } from '../values.ts'
import { csvRecords } from './csv.ts'
import { readGeoJson } from './geojson.ts'
import { type Geometry, readShapefileZip } from './shapes.ts'
import { xlsxRows } from './xlsx.ts'
import { type ZipEntry, zipEntries } from './zip.ts'

export type Format = 'xlsx' | 'csv' | 'geojson' | 'shapefile'

export class SourceError extends Error {}

/** How many rows are searched for the header. */
const HEADER_SEARCH = 15

const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b

/** The entries of a zip upload; a zip that cannot be listed is reported by the reader of its format. */
function entriesOf(bytes: Uint8Array): ZipEntry[] {
  try {
    return zipEntries(bytes)
  } catch {
    return []
  }
}

export function detectFormat(name: string, bytes: Uint8Array, entries?: readonly ZipEntry[]): Format | null {
  const lower = name.toLowerCase()
  if (isZip(bytes)) {
    // a zip: a workbook has xl/ entries, a zipped shapefile a .shp
    const names = (entries ?? entriesOf(bytes)).map((e) => e.name.toLowerCase())
    if (names.some((n) => n.startsWith('xl/') || n === '[content_types].xml')) return 'xlsx'
    if (names.some((n) => n.endsWith('.shp'))) return 'shapefile'
    return lower.endsWith('.xlsx') ? 'xlsx' : null
  }
  if (lower.endsWith('.xls')) return null
  let i = 0
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++
  if (bytes[i] === 0x7b && (lower.endsWith('.geojson') || lower.endsWith('.json') || !lower.endsWith('.csv')))
    return 'geojson'
  return 'csv'
}

export interface OpenTable {
  format: Format
  /** row number of the header (0 for GeoJSON and Shapefiles, whose attributes have names) */
  headerRow: number
  columns: ColumnMap[]
  headerIssues: HeaderIssue[]
  crs: CrsGuess | null
  rows: AsyncIterable<{ row: number; cells: Cell[]; geometry?: Geometry | null }>
}

async function* csvChunks(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += 65_536) yield bytes.subarray(i, i + 65_536)
}

/** Finds the header in the first rows of a stream of rows and yields the rows after it. */
async function tabular(
  format: 'xlsx' | 'csv',
  kind: KindDef,
  rows: AsyncIterable<{ row: number; cells: Cell[]; sheet?: number }>,
): Promise<OpenTable> {
  const it = rows[Symbol.asyncIterator]()
  let header: { row: number; cells: Cell[]; sheet?: number } | null = null
  let seen = 0
  let sheet: number | undefined
  for (;;) {
    const next = await it.next()
    if (next.done) break
    const r = next.value
    if (r.sheet !== sheet) {
      sheet = r.sheet
      seen = 0
    }
    if (seen++ >= HEADER_SEARCH) continue
    if (knownCount(kind, r.cells) >= 2) {
      header = r
      break
    }
  }
  if (!header)
    throw new SourceError(
      `no header row found in the first ${HEADER_SEARCH} rows: expected columns such as ${kind.fields
        .filter((f) => f.type.t !== 'coord')
        .slice(0, 4)
        .map((f) => `"${f.vi}"`)
        .join(', ')} (download the template for this kind)`,
    )
  const { columns, issues } = mapColumns(kind, header.cells)
  const headerSheet = header.sheet
  return {
    format,
    headerRow: header.row,
    columns,
    headerIssues: issues,
    crs: null,
    rows: (async function* () {
      for (;;) {
        const next = await it.next()
        if (next.done) return
        if (next.value.sheet !== headerSheet) {
          await it.return?.()
          return
        }
        yield next.value
      }
    })(),
  }
}

export async function openTable(name: string, bytes: Uint8Array, kind: KindDef): Promise<OpenTable> {
  const entries = isZip(bytes) ? entriesOf(bytes) : []
  const format = detectFormat(name, bytes, entries)
  if (!format)
    throw new SourceError('unknown file format: upload .xlsx, .csv, .geojson or a zipped Shapefile (.zip)')
  if (format === 'csv') return tabular('csv', kind, csvRecords(csvChunks(bytes)))
  if (format === 'xlsx') return tabular('xlsx', kind, xlsxRows(bytes, entries.length ? entries : undefined))
  const table = format === 'geojson' ? readGeoJson(bytes) : await readShapefileZip(bytes, entries)
  const { columns, issues } = mapColumns(kind, table.columns)
  return { format, headerRow: 0, columns, headerIssues: issues, crs: table.crs, rows: table.features }
}
