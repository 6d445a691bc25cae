// Uploaded zips (workbooks, zipped Shapefiles) read within fixed bounds. The entries are listed from the
// central directory (APPNOTE.TXT 6.3, with its Zip64 records) without inflating anything, and an entry is
// inflated as a stream with a running count, so a zip bomb (a kilobyte or two per inflated megabyte) is
// refused at the limit, not after it has filled memory. Inflating is node:zlib's: it runs off the main
// thread and about five times faster than fflate's streaming inflate, whose unzipSync would moreover
// allocate each entry at whatever size its header declares.
import { Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'

export class ZipError extends Error {}

/** Most entries a zip may list: a workbook has a few dozen, a zipped Shapefile under ten. */
export const MAX_ZIP_ENTRIES = 10_000

export const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated */
  method: number
  encrypted: boolean
  compressedSize: number
  /** the uncompressed size the zip declares (not trusted: the inflated bytes are counted) */
  size: number
  /** offset of the entry's local header */
  offset: number
}

const damaged = (what = 'its central directory is damaged') =>
  new ZipError(`the zip could not be read: ${what}`)

class Bytes {
  readonly view: DataView
  constructor(readonly b: Uint8Array) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  }
  check(at: number, n: number) {
    if (at < 0 || at + n > this.b.length) throw damaged('it is cut short')
  }
  u16(at: number) {
    this.check(at, 2)
    return this.view.getUint16(at, true)
  }
  u32(at: number) {
    this.check(at, 4)
    return this.view.getUint32(at, true)
  }
  u64(at: number) {
    this.check(at, 8)
    const v = this.view.getBigUint64(at, true)
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged()
    return Number(v)
  }
}

const names = new TextDecoder('utf-8')

/** The entries listed in the central directory; nothing is inflated. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const z = new Bytes(bytes)
  // the end-of-central-directory record: 22 bytes and a comment of up to 65,535
  let end = bytes.length - 22
  const stop = Math.max(0, end - 65_535)
  while (end >= stop && !(bytes[end] === 0x50 && z.u32(end) === 0x06054b50)) end--
  if (end < stop) throw damaged('it has no central directory (not a zip, or cut short)')
  let count = z.u16(end + 10)
  let at = z.u32(end + 16)
  if ((count === 0xffff || at === 0xffffffff) && end >= 20 && z.u32(end - 20) === 0x07064b50) {
    const z64 = z.u64(end - 12)
    if (z.u32(z64) !== 0x06064b50) throw damaged()
    count = z.u64(z64 + 32)
    at = z.u64(z64 + 48)
  }
  if (count > MAX_ZIP_ENTRIES)
    throw new ZipError(`the zip lists more than ${MAX_ZIP_ENTRIES.toLocaleString('en')} entries`)
  const entries: ZipEntry[] = []
  for (let i = 0; i < count; i++) {
    if (z.u32(at) !== 0x02014b50) throw damaged()
    const flags = z.u16(at + 8)
    let compressedSize = z.u32(at + 20)
    let size = z.u32(at + 24)
    const nameLength = z.u16(at + 28)
    const extraLength = z.u16(at + 30)
    const commentLength = z.u16(at + 32)
    let offset = z.u32(at + 42)
    z.check(at + 46, nameLength + extraLength)
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength))
    if (compressedSize === 0xffffffff || size === 0xffffffff || offset === 0xffffffff) {
      // the Zip64 extra field holds, in this order, those of the three that did not fit
      for (let p = at + 46 + nameLength; p + 4 <= at + 46 + nameLength + extraLength; p += 4 + z.u16(p + 2)) {
        if (z.u16(p) !== 1) continue
        let q = p + 4
        if (size === 0xffffffff) {
          size = z.u64(q)
          q += 8
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = z.u64(q)
          q += 8
        }
        if (offset === 0xffffffff) offset = z.u64(q)
        break
      }
    }
    entries.push({ name, method: z.u16(at + 10), encrypted: (flags & 1) === 1, compressedSize, size, offset })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** The compressed bytes of an entry, found through its local header. */
function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const z = new Bytes(bytes)
  if (z.u32(e.offset) !== 0x04034b50) throw damaged(`the local header of ${e.name} is missing`)
  const start = e.offset + 30 + z.u16(e.offset + 26) + z.u16(e.offset + 28)
  if (start + e.compressedSize > bytes.length) throw damaged(`${e.name} is cut short`)
  return bytes.subarray(start, start + e.compressedSize)
}

/** Compressed bytes handed to the inflater at a time. */
const STEP = 64 * 1024

async function* slices(data: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += STEP) yield data.subarray(i, i + STEP)
}

/**
 * The inflated bytes of one entry, piece by piece as they come; an entry that inflates to more than
 * `limit` bytes is refused with `what` (e.g. "the limit for a worksheet") in the message.
 */
export async function* entryPieces(
  bytes: Uint8Array,
  entry: ZipEntry,
  limit: number,
  what: string,
): AsyncGenerator<Uint8Array> {
  if (entry.encrypted) throw new ZipError(`${entry.name} is encrypted: save the file without a password`)
  if (entry.method !== 0 && entry.method !== 8)
    throw new ZipError(`${entry.name} is compressed with method ${entry.method}: save it as an ordinary zip`)
  const tooLarge = () =>
    new ZipError(
      `${entry.name} inflates to more than ${megabytes(limit)}, ${what} (a zip bomb, or a file far larger than an import needs)`,
    )
  const data = entryData(bytes, entry)
  if (entry.method === 0) {
    if (data.length > limit) throw tooLarge()
    yield* slices(data)
    return
  }
  const input = Readable.from(slices(data))
  const inflater = createInflateRaw({ chunkSize: 64 * 1024 })
  input.pipe(inflater)
  let total = 0
  try {
    for await (const piece of inflater as AsyncIterable<Buffer>) {
      total += piece.length
      if (total > limit) throw tooLarge()
      yield piece
    }
  } catch (err) {
    if (err instanceof ZipError) throw err
    throw new ZipError(`${entry.name} could not be inflated: ${(err as Error).message}`)
  } finally {
    input.destroy()
    inflater.destroy()
  }
}

/** One entry inflated whole, refused past `limit` bytes. */
export async function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limit: number,
  what: string,
): Promise<Uint8Array> {
  const pieces: Uint8Array[] = []
  for await (const p of entryPieces(bytes, entry, limit, what)) pieces.push(p)
  return Buffer.concat(pieces)
}
