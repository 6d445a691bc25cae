// Streaming XLSX reader: the worksheet is inflated chunk by chunk (fflate) and scanned row by row, so a
// sheet of 100,000 rows never sits in memory as a workbook or as one string. Shared strings and styles
// (for date formats) are read first. Written here rather than taken from exceljs's streaming reader,
// which decodes each chunk of XML on its own and so garbles a Vietnamese character split across chunks.
import { strFromU8, Unzip, UnzipInflate, unzipSync } from 'fflate'
import { type Cell, excelSerialDate } from '../values.ts'

export class XlsxError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** XML text → string: entities, character references, and Excel's _xHHHH_ escapes. */
export function xmlText(s: string): string {
  return s
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(
            e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
          )
        : ENTITIES[e.toLowerCase()],
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
}

/** The text of a string item (<si> or <is>): its <t> runs, without phonetic guides. */
function runsText(xml: string): string {
  let out = ''
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g))
    out += m[1] ?? ''
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
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? ''
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0)
    if (DATE_FORMAT_IDS.has(id)) return true
    const code = custom.get(id)
    // a date format shows days or years; quoted text, [colours] and escaped characters do not count
    return code !== undefined && /[dy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''))
  })
}

function columnIndex(ref: string | undefined, fallback: number): number {
  const letters = ref ? /^[A-Z]+/.exec(ref)?.[0] : undefined
  if (!letters) return fallback
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

function rowCells(inner: string, sst: readonly string[], dates: readonly boolean[]): Cell[] {
  const cells: Cell[] = []
  let next = 0
  for (const m of inner.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const tag = m[1]
    const body = m[2] ?? ''
    const col = columnIndex(attr(tag, 'r'), next)
    next = col + 1
    const type = attr(tag, 't') ?? 'n'
    const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(body)?.[1]
    let value: Cell = null
    if (type === 'inlineStr') value = runsText(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '')
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

function sheetsOf(files: Record<string, Uint8Array>): SheetRef[] {
  const workbook = files['xl/workbook.xml'] ? strFromU8(files['xl/workbook.xml']) : ''
  const rels = files['xl/_rels/workbook.xml.rels'] ? strFromU8(files['xl/_rels/workbook.xml.rels']) : ''
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

/** Inflates one zip entry in pieces and yields its text as it comes, decoded across piece boundaries. */
function* entryText(zip: Uint8Array, path: string): Generator<string> {
  const decoder = new TextDecoder('utf-8')
  const pieces: string[] = []
  let failure: Error | null = null
  let found = false
  const unzip = new Unzip((file) => {
    if (file.name !== path) return
    found = true
    file.ondata = (err, data, final) => {
      if (err) failure = err
      else pieces.push(decoder.decode(data, { stream: !final }))
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  const STEP = 256 * 1024
  for (let i = 0; i < zip.length; i += STEP) {
    unzip.push(zip.subarray(i, i + STEP), i + STEP >= zip.length)
    if (failure) throw new XlsxError(`the workbook could not be read: ${(failure as Error).message}`)
    while (pieces.length) yield pieces.shift() as string
  }
  if (!found) throw new XlsxError(`the workbook has no ${path}`)
}

/** Rows of each worksheet in workbook order: sheet number, its name, the Excel row number, the cells from column A. */
export async function* xlsxRows(
  bytes: Uint8Array,
): AsyncGenerator<{ sheet: number; sheetName: string; row: number; cells: Cell[] }> {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, {
      filter: (f) =>
        ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'].includes(
          f.name,
        ),
    })
  } catch (err) {
    throw new XlsxError(`the workbook could not be read: ${(err as Error).message}`)
  }
  const sheets = sheetsOf(files)
  if (!sheets.length) throw new XlsxError('the workbook has no worksheets (is it an .xlsx file?)')
  const sst = files['xl/sharedStrings.xml']
    ? [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\s*\/>/g)].map(
        (m) => runsText(m[1] ?? ''),
      )
    : []
  const dates = files['xl/styles.xml'] ? dateStyles(strFromU8(files['xl/styles.xml'])) : []

  for (const [i, sheet] of sheets.entries()) {
    let buf = ''
    let counter = 0
    for (const text of entryText(bytes, sheet.path)) {
      buf += text
      let pos = 0
      for (;;) {
        const start = buf.indexOf('<row', pos)
        if (start < 0) break
        const openEnd = buf.indexOf('>', start)
        if (openEnd < 0) break
        const open = buf.slice(start, openEnd + 1)
        if (!/^<row[\s>/]/.test(open)) {
          pos = openEnd + 1
          continue
        }
        let inner = ''
        let end: number
        if (open.endsWith('/>')) end = openEnd + 1
        else {
          const close = buf.indexOf('</row>', openEnd)
          if (close < 0) break
          inner = buf.slice(openEnd + 1, close)
          end = close + 6
        }
        counter = Number(attr(open, 'r') ?? counter + 1)
        pos = end
        const cells = rowCells(inner, sst, dates)
        if (cells.some((c) => c !== null && c !== ''))
          yield { sheet: i + 1, sheetName: sheet.name, row: counter, cells }
      }
      buf = buf.slice(pos)
    }
  }
}
