// GeoJSON (RFC 7946, and the older `crs` member) read one feature at a time. JSON.parse of a whole upload
// costs memory out of all proportion to its size when the text is mostly brackets (64 MB of `[],` parses
// into 1.5 GB and takes most of a minute), so the document is first split into its features with a
// byte-level scan, under limits on size, nesting and brackets, and each feature is parsed on its own.
import { parseCrs } from '../crs.ts'
import { type FeatureTable, type Geometry, geometryProblem, ShapeError, toCell } from './shapes.ts'
import { megabytes } from './zip.ts'

export const GEOJSON_LIMITS = {
  /** the whole file (incidents as points take about 250 bytes a feature) */
  bytes: 32 * 1024 * 1024,
  /** arrays and objects in one feature: a polygon of a million vertices */
  featureBrackets: 2_000_000,
  /** arrays and objects in the whole file */
  fileBrackets: 8_000_000,
  /** nesting (a MultiPolygon's coordinates are 7 deep in a FeatureCollection) */
  depth: 32,
}

const Ch = {
  Quote: 34,
  Backslash: 92,
  Comma: 44,
  Colon: 58,
  OpenBrace: 123,
  CloseBrace: 125,
  OpenBracket: 91,
  CloseBracket: 93,
} as const

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9

interface Span {
  start: number
  end: number
}

/** Splits a GeoJSON document into its top-level members and, for a FeatureCollection, its features. */
class Scanner {
  i = 0
  brackets = 0
  constructor(readonly b: Uint8Array) {}

  fail(problem: string): never {
    throw new ShapeError(`not valid GeoJSON: ${problem} at byte ${this.i}`)
  }

  space() {
    while (this.i < this.b.length && isSpace(this.b[this.i])) this.i++
  }

  /** Moves past a string starting at the current quote. */
  string() {
    const { b } = this
    this.i++
    while (this.i < b.length) {
      const c = b[this.i++]
      if (c === Ch.Backslash) this.i++
      else if (c === Ch.Quote) return
    }
    this.fail('a string is not closed')
  }

  /** Moves past one value, counting its brackets; its content is checked when it is parsed. */
  value(limit: number, what: string): Span {
    this.space()
    const { b } = this
    const start = this.i
    const first = b[this.i]
    if (first !== Ch.OpenBrace && first !== Ch.OpenBracket) {
      if (first === Ch.Quote) this.string()
      else
        while (this.i < b.length) {
          const c = b[this.i]
          if (c === Ch.Comma || c === Ch.CloseBrace || c === Ch.CloseBracket || isSpace(c)) break
          this.i++
        }
      if (this.i === start) this.fail('a value is missing')
      return { start, end: this.i }
    }
    let depth = 0
    let count = 0
    while (this.i < b.length) {
      const c = b[this.i]
      if (c === Ch.Quote) {
        this.string()
        continue
      }
      this.i++
      if (c === Ch.OpenBrace || c === Ch.OpenBracket) {
        depth++
        count++
        if (depth > GEOJSON_LIMITS.depth)
          this.fail(`arrays or objects nested more than ${GEOJSON_LIMITS.depth} deep`)
        if (count > limit)
          throw new ShapeError(
            `${what} has more than ${limit.toLocaleString('en')} arrays and objects: split the file`,
          )
      } else if (c === Ch.CloseBrace || c === Ch.CloseBracket) {
        depth--
        if (depth === 0) {
          this.brackets += count
          if (this.brackets > GEOJSON_LIMITS.fileBrackets)
            throw new ShapeError(
              `the file has more than ${GEOJSON_LIMITS.fileBrackets.toLocaleString('en')} arrays and objects: split it`,
            )
          return { start, end: this.i }
        }
      }
    }
    this.fail('the document ends inside an array or object')
  }

  expect(c: number, what: string) {
    this.space()
    if (this.b[this.i] !== c) this.fail(`expected ${what}`)
    this.i++
  }

  /** After an item of an array or object: true on "," (another item follows), false on the closing `close`. */
  another(close: number, after: string): boolean {
    this.space()
    const c = this.b[this.i]
    if (c !== Ch.Comma && c !== close)
      this.fail(`expected "," or "${String.fromCharCode(close)}" after ${after}`)
    this.i++
    return c === Ch.Comma
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true })

function parse(bytes: Uint8Array, { start, end }: Span, what: string): unknown {
  try {
    return JSON.parse(decoder.decode(bytes.subarray(start, end)))
  } catch (err) {
    throw new ShapeError(`not valid GeoJSON: ${what}: ${(err as Error).message}`)
  }
}

/** A FeatureCollection, a single Feature, or a bare geometry; `crs` from the (pre-RFC 7946) crs member. */
export function readGeoJson(bytes: Uint8Array): FeatureTable {
  if (bytes.length > GEOJSON_LIMITS.bytes)
    throw new ShapeError(
      `the GeoJSON is over ${megabytes(GEOJSON_LIMITS.bytes)}: split it, or send it as a zipped Shapefile`,
    )
  const s = new Scanner(bytes)
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) s.i = 3
  s.expect(Ch.OpenBrace, 'a JSON object')
  const members = new Map<string, Span>()
  let features: Span[] | null = null
  s.space()
  if (bytes[s.i] === Ch.CloseBrace) s.i++
  else
    for (;;) {
      s.space()
      if (bytes[s.i] !== Ch.Quote) s.fail('expected a member name')
      const keyStart = s.i
      s.string()
      const key = String(parse(bytes, { start: keyStart, end: s.i }, 'a member name'))
      s.expect(Ch.Colon, '":"')
      s.space()
      if (key === 'features' && bytes[s.i] === Ch.OpenBracket) {
        features = []
        s.i++
        s.space()
        if (bytes[s.i] === Ch.CloseBracket) s.i++
        else
          do features.push(s.value(GEOJSON_LIMITS.featureBrackets, `feature ${features.length + 1}`))
          while (s.another(Ch.CloseBracket, 'a feature'))
      } else members.set(key, s.value(GEOJSON_LIMITS.featureBrackets, `the member "${key.slice(0, 30)}"`))
      if (!s.another(Ch.CloseBrace, 'a member')) break
    }
  s.space()
  if (s.i < bytes.length) s.fail('text after the end of the document')

  const member = (k: string) => {
    const span = members.get(k)
    return span && parse(bytes, span, `the member "${k}"`)
  }
  const type = member('type')
  // a single Feature or a bare geometry is one feature: the whole document
  const whole: Span = { start: 0, end: bytes.length }
  let spans: Span[]
  if (type === 'FeatureCollection' && features) spans = features
  else if (
    type === 'Feature' ||
    (typeof type === 'string' && (members.has('coordinates') || members.has('geometries')))
  )
    spans = [whole]
  else throw new ShapeError('not GeoJSON: expected a FeatureCollection, a Feature or a geometry')
  const single = type !== 'FeatureCollection'

  const named = (member('crs') as { properties?: { name?: unknown } } | undefined)?.properties?.name
  let crs: FeatureTable['crs'] = null
  if (typeof named === 'string') {
    const parsed = parseCrs(named)
    crs = parsed
      ? { crs: parsed, reason: `the GeoJSON names ${named}` }
      : { crs: null, reason: `the GeoJSON names an unsupported CRS ${named}` }
  }

  /** Feature `row` as a feature: its properties and its checked geometry. */
  const feature = (row: number): { properties: Record<string, unknown>; geometry: unknown } => {
    const f = parse(bytes, spans[row - 1], `feature ${row}`) as Record<string, unknown> | null
    if (f === null || typeof f !== 'object' || Array.isArray(f))
      throw new ShapeError(`feature ${row} is not a GeoJSON Feature object`, 'geometry')
    if (single && f.type !== 'Feature') return { properties: {}, geometry: f as unknown }
    const properties = f.properties ?? {}
    if (typeof properties !== 'object' || Array.isArray(properties))
      throw new ShapeError(`feature ${row}: "properties" must be an object or null`, 'properties')
    return { properties: properties as Record<string, unknown>, geometry: f.geometry ?? null }
  }

  // Property names in order of first appearance: a first pass over the features, parsed and let go.
  const seen = new Set<string>()
  for (let row = 1; row <= spans.length; row++)
    for (const k of Object.keys(feature(row).properties)) seen.add(k)
  const columns = [...seen]
  return {
    columns,
    crs,
    features: (async function* () {
      for (let row = 1; row <= spans.length; row++) {
        const { properties, geometry } = feature(row)
        const problem = geometry === null ? null : geometryProblem(geometry)
        if (problem) throw new ShapeError(`feature ${row}: ${problem}`, 'geometry')
        yield { row, cells: columns.map((c) => toCell(properties[c])), geometry: geometry as Geometry | null }
      }
    })(),
  }
}
