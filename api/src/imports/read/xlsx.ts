// Streaming XLSX reader: the worksheet is inflated chunk by chunk (fflate) and scanned row by row, so a
// sheet of 100,000 rows never sits in memory as a workbook or as one string. Shared strings and styles
// (for date formats) are read first. Written here rather than taken from exceljs's streaming reader,
// which decodes each chunk of XML on its own and so garbles a Vietnamese character split across chunks.
//
// An upload is hostile until read: every part is inflated under a limit (zip.ts), a row or a string item
// may take at most a few megabytes of XML, references past the sheet's last column (XFD) or row
// (1,048,576) are refused rather than padded, and the XML is scanned with indexOf, never with a regular
// expression that could backtrack over a long unclosed element.
import { type Cell, excelSerialDate } from '../values.ts'
import { entryPieces, inflateEntry, megabytes, type ZipEntry, ZipError, zipEntries } from './zip.ts'

export class XlsxError extends Error {}

/** Excel's own sheet limits (Excel specifications and limits: 1,048,576 rows by 16,384 columns). */
export const MAX_ROWS = 1_048_576
export const MAX_COLUMNS = 16_384

/**
 * What one workbook may make the reader inflate or hold. 100,000 rows of 15 columns are about 60 MB of
 * worksheet XML and 10 MB of shared strings.
 */
export const XLSX_LIMITS = {
  /** inflated XML of one worksheet (streamed: this bounds time, not memory) */
  sheetXml: 256 * 1024 * 1024,
  /** inflated XML of the shared-string table */
  sharedStringsXml: 64 * 1024 * 1024,
  /** items in the shared-string table */
  sharedStrings: 1_000_000,
  /** the workbook, its relationships, its styles */
  partXml: 8 * 1024 * 1024,
  /** one <row> or one shared string <si>, in bytes of XML */
  elementXml: 4 * 1024 * 1024,
  /** worksheets read */
  sheets: 64,
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function codePoint(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd'
}

/** XML text → string: entities, character references, and Excel's _xHHHH_ escapes. */
export function xmlText(s: string): string {
  if (!s.includes('&') && !s.includes('_x')) return s
  return s
    .replace(/&(#x[0-9a-f]{1,8}|#\d{1,9}|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
      e[0] === '#'
        ? codePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
        : ENTITIES[e.toLowerCase()],
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
}

/** Whether `xml[at]` ends a tag name (so `<t` is not `<tabColor`, nor `<c` `<col`). */
const endsName = (xml: string, at: number) => {
  const ch = xml.charCodeAt(at)
  return ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13
}

/** The inner text of the first `<tag>…</tag>` at or after `from`, or undefined (empty for `<tag/>`). */
function elementText(xml: string, tag: string, from = 0): string | undefined {
  let at = xml.indexOf(`<${tag}`, from)
  while (at >= 0 && !endsName(xml, at + tag.length + 1)) at = xml.indexOf(`<${tag}`, at + 1)
  if (at < 0) return undefined
  const openEnd = xml.indexOf('>', at)
  if (openEnd < 0) return undefined
  if (xml.charCodeAt(openEnd - 1) === 47) return ''
  const close = xml.indexOf(`</${tag}>`, openEnd)
  return close < 0 ? undefined : xml.slice(openEnd + 1, close)
}

/** The text of a string item (<si> or <is>): its <t> runs, without phonetic guides (<rPh>). */
function runsText(xml: string): string {
  let out = ''
  let pos = 0
  let phonetic = xml.indexOf('<rPh')
  for (;;) {
    let t = xml.indexOf('<t', pos)
    while (t >= 0 && !endsName(xml, t + 2)) t = xml.indexOf('<t', t + 2)
    if (t < 0) break
    if (phonetic >= 0 && phonetic < pos) phonetic = xml.indexOf('<rPh', pos)
    if (phonetic >= 0 && phonetic < t) {
      const end = xml.indexOf('</rPh>', phonetic)
      if (end < 0) break
      pos = end + 6
      continue
    }
    const openEnd = xml.indexOf('>', t)
    if (openEnd < 0) break
    if (xml.charCodeAt(openEnd - 1) === 47) {
      pos = openEnd + 1
      continue
    }
    const close = xml.indexOf('</t>', openEnd)
    if (close < 0) break
    out += xml.slice(openEnd + 1, close)
    pos = close + 4
  }
  return xmlText(out)
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1]

/** Built-in number formats that are dates (ECMA-376 §18.8.30, with the East Asian date formats). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
])

/** For each cell style (cellXfs index), whether it formats numbers as dates. */
export function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>()
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'))
    const code = xmlText(attr(m[0], 'formatCode') ?? '')
    custom.set(id, code)
  }
  const xfs = elementText(stylesXml, 'cellXfs') ?? ''
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0)
    if (DATE_FORMAT_IDS.has(id)) return true
    const code = custom.get(id)
    // Excel's format codes are at most 255 characters.
    if (code === undefined || code.length > 255) return false
    // a date format shows days or years; quoted text, [colours] and escaped characters do not count
    return /[dy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''))
  })
}

/** Column index (A = 0) of a cell reference such as "C12"; beyond XFD is an error, not a wide row. */
function columnIndex(ref: string, fallback: number): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0]
  if (!letters) return fallback
  let n = 0
  for (const ch of letters.slice(0, 4)) n = n * 26 + (ch.charCodeAt(0) - 64)
  if (letters.length > 3 || n > MAX_COLUMNS)
    throw new XlsxError(
      `cell ${ref.slice(0, 20)}: column ${letters.slice(0, 10)} is beyond XFD, the last column of a worksheet`,
    )
  return n - 1
}

function rowCells(inner: string, row: number, sst: readonly string[], dates: readonly boolean[]): Cell[] {
  const cells: Cell[] = []
  let next = 0
  let pos = 0
  for (;;) {
    let start = inner.indexOf('<c', pos)
    while (start >= 0 && !endsName(inner, start + 2)) start = inner.indexOf('<c', start + 2)
    if (start < 0) break
    const openEnd = inner.indexOf('>', start)
    if (openEnd < 0) throw new XlsxError(`row ${row}: a cell's tag is not closed`)
    const tag = inner.slice(start + 2, openEnd)
    let body = ''
    if (inner.charCodeAt(openEnd - 1) === 47) pos = openEnd + 1
    else {
      const close = inner.indexOf('</c>', openEnd)
      if (close < 0) throw new XlsxError(`row ${row}: a cell (<c>) is not closed`)
      body = inner.slice(openEnd + 1, close)
      pos = close + 4
    }
    const ref = attr(tag, 'r')
    const col = ref === undefined ? next : columnIndex(ref, next)
    if (col >= MAX_COLUMNS)
      throw new XlsxError(
        `row ${row} has more than ${MAX_COLUMNS.toLocaleString('en')} cells (the last column is XFD)`,
      )
    next = col + 1
    const type = attr(tag, 't') ?? 'n'
    const v = elementText(body, 'v')
    let value: Cell = null
    if (type === 'inlineStr') value = runsText(elementText(body, 'is') ?? '')
    else if (v === undefined) value = null
    else if (type === 's') value = sst[Number(v)] ?? null
    else if (type === 'str') value = xmlText(v)
    else if (type === 'b') value = v === '1'
    else if (type === 'e') value = null
    else if (type === 'd')
      value = Number.isNaN(Date.parse(v)) ? xmlText(v) : new Date(`${v.slice(0, 10)}T00:00:00Z`)
    else {
      const n = Number(v)
      const style = Number(attr(tag, 's') ?? 0)
      const iso = dates[style] ? excelSerialDate(n) : null
      value = iso ? new Date(`${iso}T00:00:00Z`) : n
    }
    while (cells.length < col) cells.push(null)
    cells[col] = value
  }
  return cells
}

interface SheetRef {
  name: string
  path: string
}

function sheetsOf(workbook: string, rels: string): SheetRef[] {
  const targets = new Map<string, string>()
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id')
    const target = attr(m[0], 'Target')
    if (id && target)
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`)
  }
  return [...workbook.matchAll(/<sheet\b[^>]*>/g)].flatMap((m) => {
    const path = targets.get(attr(m[0], 'r:id') ?? '')
    return path ? [{ name: xmlText(attr(m[0], 'name') ?? ''), path }] : []
  })
}

/**
 * The `<tag …>…</tag>` and `<tag …/>` elements of a stream of XML bytes, as their opening tag and their
 * inner XML. Only the element being read is held, and no byte is searched twice; an element longer than
 * `max` bytes, or never closed, is an error worded by `name` (given the opening tag).
 */
async function* elements(
  pieces: AsyncIterable<Uint8Array>,
  tag: string,
  max: number,
  name: (open: string) => string,
): AsyncGenerator<{ open: string; inner: string }> {
  const openMark = `<${tag}`
  const closeMark = `</${tag}>`
  let buf = Buffer.alloc(64 * 1024)
  let len = 0
  /** first byte still needed */
  let pos = 0
  /** where the next search starts */
  let scan = 0
  /** 0: looking for an opening tag; 1: for the end of the opening tag; 2: for the closing tag */
  let state = 0
  let start = 0
  let openEnd = 0
  const nameEnds = (at: number) => {
    const ch = buf[at]
    return ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13
  }
  const openTag = () => buf.toString('utf8', start, state === 2 ? openEnd + 1 : Math.min(len, start + 200))
  const tooLong = () => {
    if (len - start > max)
      throw new XlsxError(`${name(openTag())} is not closed within ${megabytes(max)} of XML`)
  }
  for await (const piece of pieces) {
    if (len + piece.length > buf.length && pos > 0) {
      buf.copy(buf, 0, pos, len)
      len -= pos
      scan -= pos
      start -= pos
      openEnd -= pos
      pos = 0
    }
    if (len + piece.length > buf.length) {
      const bigger = Buffer.alloc(Math.max(buf.length * 2, len + piece.length))
      buf.copy(bigger, 0, 0, len)
      buf = bigger
    }
    buf.set(piece, len)
    len += piece.length
    const view = buf.subarray(0, len)
    for (;;) {
      if (state === 0) {
        let at = view.indexOf(openMark, scan)
        while (at >= 0 && at + openMark.length < len && !nameEnds(at + openMark.length))
          at = view.indexOf(openMark, at + 1)
        if (at < 0) {
          // keep what could be the start of a mark split across pieces
          pos = scan = Math.max(scan, len - openMark.length + 1)
          break
        }
        pos = scan = at
        if (at + openMark.length >= len) break
        start = at
        scan = at + openMark.length
        state = 1
      }
      if (state === 1) {
        const gt = view.indexOf('>', scan)
        if (gt < 0) {
          scan = len
          tooLong()
          break
        }
        openEnd = gt
        if (buf[gt - 1] === 47) {
          const open = buf.toString('utf8', start, gt + 1)
          pos = scan = gt + 1
          state = 0
          yield { open, inner: '' }
          continue
        }
        scan = gt + 1
        state = 2
      }
      const close = view.indexOf(closeMark, scan)
      if (close < 0) {
        scan = Math.max(openEnd + 1, len - closeMark.length + 1)
        tooLong()
        break
      }
      const element = {
        open: buf.toString('utf8', start, openEnd + 1),
        inner: buf.toString('utf8', openEnd + 1, close),
      }
      pos = scan = close + closeMark.length
      state = 0
      yield element
    }
  }
  if (state !== 0) throw new XlsxError(`${name(openTag())} is not closed`)
}

async function part(zip: Uint8Array, entries: readonly ZipEntry[], path: string): Promise<string> {
  const entry = entries.find((e) => e.name === path)
  if (!entry) return ''
  return new TextDecoder().decode(
    await inflateEntry(zip, entry, XLSX_LIMITS.partXml, 'the limit for this part'),
  )
}

async function sharedStrings(zip: Uint8Array, entry: ZipEntry): Promise<string[]> {
  const out: string[] = []
  const pieces = entryPieces(
    zip,
    entry,
    XLSX_LIMITS.sharedStringsXml,
    'the limit for the shared-string table',
  )
  for await (const { inner } of elements(
    pieces,
    'si',
    XLSX_LIMITS.elementXml,
    () => 'a shared string (<si>)',
  )) {
    if (out.length >= XLSX_LIMITS.sharedStrings)
      throw new XlsxError(
        `the shared-string table holds more than ${XLSX_LIMITS.sharedStrings.toLocaleString('en')} strings`,
      )
    out.push(runsText(inner))
  }
  return out
}

/** Rows of each worksheet in workbook order: sheet number, its name, the Excel row number, the cells from column A. */
export async function* xlsxRows(
  bytes: Uint8Array,
  listed?: readonly ZipEntry[],
): AsyncGenerator<{ sheet: number; sheetName: string; row: number; cells: Cell[] }> {
  try {
    const entries = listed ?? zipEntries(bytes)
    const sheets = sheetsOf(
      await part(bytes, entries, 'xl/workbook.xml'),
      await part(bytes, entries, 'xl/_rels/workbook.xml.rels'),
    )
    if (!sheets.length) throw new XlsxError('the workbook has no worksheets (is it an .xlsx file?)')
    if (sheets.length > XLSX_LIMITS.sheets)
      throw new XlsxError(
        `the workbook has more than ${XLSX_LIMITS.sheets} worksheets: keep the data to import on one`,
      )
    const sstEntry = entries.find((e) => e.name === 'xl/sharedStrings.xml')
    const sst = sstEntry ? await sharedStrings(bytes, sstEntry) : []
    const dates = dateStyles(await part(bytes, entries, 'xl/styles.xml'))

    for (const [i, sheet] of sheets.entries()) {
      const entry = entries.find((e) => e.name === sheet.path)
      if (!entry) throw new XlsxError(`the workbook has no ${sheet.path.slice(0, 100)}`)
      const pieces = entryPieces(bytes, entry, XLSX_LIMITS.sheetXml, 'the limit for a worksheet')
      let counter = 0
      const label = (open: string) => {
        const r = attr(open, 'r')
        return r ? `row ${r.slice(0, 20)}` : `the row after row ${counter}`
      }
      for await (const { open, inner } of elements(pieces, 'row', XLSX_LIMITS.elementXml, label)) {
        const r = attr(open, 'r')
        counter = r === undefined ? counter + 1 : /^\d{1,7}$/.test(r) ? Number(r) : Number.NaN
        if (!(counter >= 1 && counter <= MAX_ROWS))
          throw new XlsxError(
            r === undefined
              ? `the sheet "${sheet.name}" has more than ${MAX_ROWS.toLocaleString('en')} rows`
              : `row r="${r.slice(0, 20)}" is not a row number from 1 to ${MAX_ROWS.toLocaleString('en')}`,
          )
        const cells = rowCells(inner, counter, sst, dates)
        if (cells.some((c) => c !== null && c !== ''))
          yield { sheet: i + 1, sheetName: sheet.name, row: counter, cells }
      }
    }
  } catch (err) {
    if (err instanceof ZipError) throw new XlsxError(`the workbook could not be read: ${err.message}`)
    throw err
  }
}
