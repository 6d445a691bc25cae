// Streaming CSV (RFC 4180 quoting) as Excel writes it: UTF-8 with or without a byte-order mark, comma,
// semicolon (Vietnamese regional settings) or tab separated, CRLF or LF line ends.

export class CsvError extends Error {}

/** Excel's limits, which no file Excel saves exceeds: 32,767 characters in a cell, 16,384 columns. */
export const MAX_CELL_CHARS = 32_767
export const MAX_CELLS = 16_384
/** How far the first line is searched for the separator. */
const FIRST_LINE_CHARS = 65_536

/** Picks the separator that occurs most often outside quotes in the first line. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';'
  if (counts['\t'] > counts[',']) return '\t'
  return ','
}

export interface CsvRecord {
  /** 1-based record number: the row Excel shows when it opens the file */
  row: number
  cells: string[]
}

/**
 * Records of a CSV byte stream, one at a time. Memory holds one chunk and one record, whatever the
 * file's size. Blank lines are counted (so row numbers match Excel) but not yielded.
 */
export async function* csvRecords(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<CsvRecord> {
  // fatal: a file in a legacy code page (TCVN3, VNI, Windows-1258) is refused rather than garbled.
  // The decoder drops a leading byte-order mark.
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode()
    } catch {
      throw new CsvError('the file is not UTF-8 text: save it from Excel as "CSV UTF-8 (Comma delimited)"')
    }
  }

  let delimiter = ''
  let head = '' // text read before the delimiter is known
  let carry = '' // a trailing '"' or '\r' kept for the next chunk's lookahead
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let row = 0

  const longCell = () =>
    new CsvError(
      `row ${row + 1}: a cell is longer than ${MAX_CELL_CHARS.toLocaleString('en')} characters (Excel's limit)`,
    )
  const endCell = () => {
    if (cells.length >= MAX_CELLS)
      throw new CsvError(`row ${row + 1} has more than ${MAX_CELLS.toLocaleString('en')} cells`)
    cells.push(cell)
    cell = ''
  }

  function* feed(text: string, final: boolean): Generator<CsvRecord> {
    const end = text.length
    for (let i = 0; i < end; i++) {
      const ch = text.charCodeAt(i)
      if (!final && i === end - 1 && (ch === 34 || ch === 13)) {
        carry = text[i]
        return
      }
      if (quoted) {
        if (ch === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            cell += '"'
            i++
          } else quoted = false
        } else {
          // copy a run of ordinary characters at once
          let j = i
          while (j < end && text.charCodeAt(j) !== 34) j++
          cell += text.slice(i, j)
          if (cell.length > MAX_CELL_CHARS) throw longCell()
          i = j - 1
        }
      } else if (ch === 34 && cell === '') {
        quoted = true
      } else if (text[i] === delimiter) {
        endCell()
      } else if (ch === 10 || ch === 13) {
        if (ch === 13 && text.charCodeAt(i + 1) === 10) i++
        endCell()
        row++
        const out = cells
        cells = []
        if (out.some((c) => c !== '')) yield { row, cells: out }
      } else {
        let j = i + 1
        while (j < end) {
          const c = text.charCodeAt(j)
          if (c === 34 || c === 10 || c === 13 || text[j] === delimiter) break
          j++
        }
        cell += text.slice(i, j)
        if (cell.length > MAX_CELL_CHARS) throw longCell()
        i = j - 1
      }
    }
  }

  function* take(text: string, final: boolean): Generator<CsvRecord> {
    if (!delimiter) {
      // only the new text is searched for the line end, so a file without one costs one pass
      const eolNew = text.search(/[\r\n]/)
      const eol = eolNew < 0 ? -1 : head.length + eolNew
      head += text
      if (eol < 0 && !final && head.length < FIRST_LINE_CHARS) return
      delimiter = detectDelimiter(head.slice(0, eol < 0 ? FIRST_LINE_CHARS : eol))
      text = head
      head = ''
    }
    const t = carry + text
    carry = ''
    yield* feed(t, final)
  }

  for await (const chunk of chunks) yield* take(decode(chunk), false)
  yield* take(decode(), true)
  if (quoted) throw new CsvError(`row ${row + 1}: a quoted cell is not closed`)
  if (cell !== '' || cells.length) {
    cells.push(cell)
    row++
    if (cells.some((c) => c !== '')) yield { row, cells }
  }
}
