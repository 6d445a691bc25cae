// Malformed requests generated from the served OpenAPI document: for each operation, its path and query
// parameters and its request body are filled from their schemas and then one part is broken (wrong type,
// out of range, too long, unknown, badly encoded, SQL or script text, malformed JSON or multipart). A new
// endpoint is covered as soon as it is described. Requests that change state are only ever sent broken
// in a way their schema must refuse, so a run writes nothing; reads may also get odd but valid values.
import { type Hostile, hostileCorpus } from '../imports/fixtures/hostile.ts'

// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema read from the served document
type Schema = Record<string, any>

export interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: string | Uint8Array | FormData
  /** what was broken, for the failure message */
  label: string
  /** for a hostile file: what its 400 must say (null: it may also be read) */
  refusal?: RegExp | null
}

/** mulberry32: a small deterministic generator (Tommy Ettinger, public domain). */
export function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]
  return { next, pick }
}

/** Text that has broken parsers and query builders before. */
const HOSTILE_TEXT = [
  "' or '1'='1",
  "'; drop table incident; --",
  '1) or (1=1',
  "02647' union select password_hash from app_user --",
  '%',
  '_',
  '\\',
  '"',
  '$1',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template-injection text, on purpose
  '${7*7}',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  'Lào Cai 🚓 Phường',
  '\u0000',
  '\u202e\u0301\ufeff',
  '２０２５－０１－０１',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  ',,,',
  ' ',
  '',
  '-1',
  '0',
  '1e309',
  'NaN',
  '-Infinity',
  '0x1F',
  '9'.repeat(40),
  'x'.repeat(3000),
]

/** Percent-encodings a decoder may choke on, sent as they are. */
const RAW_ENCODINGS = ['%', '%ZZ', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%00', '%FF%FE', '%2e%2e%2f']

const BAD_DATES = [
  '2025-02-30',
  '2025-13-01',
  '0000-01-01',
  '20250101',
  '2025-1-1',
  '1989-12-31',
  '2025-07-01T00:00:00Z',
]

/** Values that are wrong for this schema (it must refuse them), plus hostile text. */
function wrongValues(s: Schema): string[] {
  const out: string[] = []
  if (s.type === 'integer' || s.type === 'number') {
    if (typeof s.minimum === 'number') out.push(String(s.minimum - 1))
    if (typeof s.maximum === 'number') out.push(String(s.maximum + 1), String(s.maximum * 1e6))
    out.push('abc', '1e400', ' 1', '１')
    if (s.type === 'integer') out.push('1.5')
  }
  if (Array.isArray(s.enum)) out.push(`${s.enum[0]}x`, `${String(s.enum[0]).toUpperCase()}Z`)
  if (s.format === 'date') out.push(...BAD_DATES)
  if (s.format === 'uuid') out.push('not-a-uuid', '00000000-0000-0000-0000-00000000000g')
  if (typeof s.maxLength === 'number') out.push('x'.repeat(s.maxLength + 1))
  return out
}

/** A value each named query parameter accepts (a real code of the seeded data); the OpenAPI test uses it too. */
export const KNOWN_QUERY: Record<string, string> = {
  types: 'camera_an_ninh',
  statuses: 'active',
  orgs: 'police',
  categories: 'drugs',
  classes: 'border',
  kinds: 'marker',
  properties: 'code',
  breaks: '1,2,3',
  bbox: '103.5,21.3,105.1,22.9',
  q: 'lao',
  action: 'login',
  user: 'admin',
  commune: '02647',
  metric: 'incidents',
  scenario: '1',
}

/** A value every path parameter accepts, by name. */
export const KNOWN_PATH: Record<string, string> = {
  code: '02647',
  layer: 'incident_hex',
  z: '8',
  x: '203',
  y: '113',
  id: '1',
  kind: 'incidents',
  file: 'incidents.xlsx',
}

/** A value the parameter accepts (roughly: the point is to break one parameter at a time). */
function sample(name: string, s: Schema, known: Record<string, string>): string {
  if (known[name]) return known[name]
  if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000'
  if (s.format === 'date')
    return name.startsWith('a_') ? '2024-01-01' : name.endsWith('to') ? '2025-12-31' : '2025-07-01'
  if (Array.isArray(s.enum)) return String(s.default ?? s.enum[0])
  if (s.type === 'integer' || s.type === 'number') return String(s.minimum ?? s.default ?? 1)
  if (s.default !== undefined) return String(s.default)
  return 'x'
}

/** A crude value of a schema's type, for the parts of a body that are not the broken one. */
function filler(s: Schema): unknown {
  const type = Array.isArray(s.type) ? s.type[0] : s.type
  if (Array.isArray(s.enum)) return s.enum[0]
  if (type === 'integer' || type === 'number') return s.minimum ?? 1
  if (type === 'boolean') return false
  if (type === 'array') return []
  if (type === 'object') return {}
  return 'x'
}

const MALFORMED_JSON = [
  '',
  '{',
  '{"a":',
  '{"a":1}}',
  "{'a':1}",
  '{"a":1,}',
  'NaN',
  '\ufeff{}',
  '{"a":"\\ud800"}',
  '['.repeat(100_000),
  `{"a":"${'x'.repeat(1_100_000)}"}`,
]

/** A JSON body its schema must refuse, and what was broken. */
function brokenBody(s: Schema, rnd: ReturnType<typeof random>): { text: string; label: string } {
  const props: Record<string, Schema> = s.properties ?? {}
  const required: string[] = s.required ?? []
  const base: Record<string, unknown> = {}
  for (const [k, p] of Object.entries(props)) base[k] = filler(p)
  const ways: (() => { text: string; label: string })[] = [
    () => {
      const text = rnd.pick(MALFORMED_JSON)
      return { text, label: `malformed JSON ${JSON.stringify(text.slice(0, 30))}` }
    },
    () => {
      const v = rnd.pick([[], 'x', 1, null, true])
      return { text: JSON.stringify(v), label: `body ${JSON.stringify(v)} instead of an object` }
    },
  ]
  if (required.length)
    ways.push(() => {
      const k = rnd.pick(required)
      const { [k]: _, ...rest } = base
      return { text: JSON.stringify(rest), label: `body without ${k}` }
    })
  if (s.additionalProperties === false)
    ways.push(() => {
      const k = rnd.pick(['__proto__', 'constructor', 'role', 'is_admin', 'x'.repeat(500)])
      return {
        text: JSON.stringify(base).replace(/^\{/, `{${JSON.stringify(k)}:1,`),
        label: `extra property ${k.slice(0, 20)}`,
      }
    })
  const typed = Object.entries(props).filter(([, p]) => typeof p.type === 'string')
  if (typed.length)
    ways.push(() => {
      const [k, p] = rnd.pick(typed)
      const wrong: unknown[] = (
        {
          string: [1, true, [], {}, null],
          integer: ['1', 1.5, [], null, 'NaN'],
          number: ['1', [], {}, null, true],
          boolean: ['true', 1, null, []],
          array: ['x', 1, {}, null],
          object: ['x', 1, [], null],
        } as Record<string, unknown[]>
      )[p.type] ?? [null]
      const v = rnd.pick(wrong)
      return {
        text: JSON.stringify({ ...base, [k]: v }),
        label: `${k}: ${JSON.stringify(v)} for a ${p.type}`,
      }
    })
  const bounded = Object.entries(props).filter(
    ([, p]) =>
      typeof p.maxLength === 'number' ||
      typeof p.maximum === 'number' ||
      typeof p.minimum === 'number' ||
      typeof p.maxItems === 'number' ||
      Array.isArray(p.enum),
  )
  if (bounded.length)
    ways.push(() => {
      const [k, p] = rnd.pick(bounded)
      const v =
        typeof p.maxLength === 'number'
          ? 'ư'.repeat(p.maxLength + 1)
          : typeof p.maximum === 'number'
            ? p.maximum + 1
            : typeof p.minimum === 'number'
              ? p.minimum - 1
              : typeof p.maxItems === 'number'
                ? Array(p.maxItems + 1).fill(filler(p.items ?? {}))
                : `${p.enum[0]}'; --`
      return { text: JSON.stringify({ ...base, [k]: v }), label: `${k} out of its bounds` }
    })
  return rnd.pick(ways)()
}

const encode = (v: string) => encodeURIComponent(v)

/** One request with a broken query or path parameter (reads only for odd-but-valid values). */
function brokenParameters(
  method: string,
  path: string,
  params: { name: string; in: string; schema: Schema }[],
  rnd: ReturnType<typeof random>,
  state: boolean,
): { url: string; label: string } {
  const inPath = params.filter((p) => p.in === 'path')
  const inQuery = params.filter((p) => p.in === 'query')
  const values = new Map(
    params.map((p) => [p, encode(sample(p.name, p.schema, p.in === 'path' ? KNOWN_PATH : KNOWN_QUERY))]),
  )
  let label = 'extra parameter'
  let extra = ''
  const targets = state && inPath.length ? inPath : params
  const broken = targets.length && (state || rnd.next() < 0.95) ? rnd.pick(targets) : null
  if (broken) {
    const how = rnd.next()
    const wrong = wrongValues(broken.schema)
    let raw: string
    if (state || (how < 0.5 && wrong.length)) raw = encode(rnd.pick(wrong.length ? wrong : ['not-valid']))
    else if (how < 0.85) raw = encode(rnd.pick(HOSTILE_TEXT))
    else raw = rnd.pick(RAW_ENCODINGS)
    values.set(broken, raw)
    label = `${broken.in} ${broken.name}=${decodeSafe(raw).slice(0, 40)}`
  } else {
    const kind = rnd.pick(['unknown', 'duplicate', 'bare', 'long'])
    const q = inQuery.length ? rnd.pick(inQuery) : null
    if (kind === 'unknown' || !q) extra = `${rnd.pick(['x', 'limit[]', '__proto__', 'from%00', 'ẞ'])}=1`
    else if (kind === 'duplicate') extra = `${q.name}=${values.get(q)}`
    else if (kind === 'bare') extra = q.name
    else extra = `${q.name}=${'a'.repeat(5000)}`
    label = `query ${kind} ${extra.slice(0, 40)}`
  }
  const concrete = path.replace(/\{(\w+)\}/g, (_, n: string) => {
    const p = inPath.find((x) => x.name === n)
    return p ? (values.get(p) ?? 'x') : 'x'
  })
  const query = [...inQuery.map((p) => `${p.name}=${values.get(p)}`), ...(extra ? [extra] : [])]
  void method
  return { url: query.length ? `${concrete}?${query.join('&')}` : concrete, label }
}

/** A request to the operation with every documented parameter given a value it accepts (not broken). */
export function sampleUrl(
  path: string,
  params: readonly { name: string; in: string; schema: Schema }[],
): string {
  const value = (p: (typeof params)[number]) =>
    encode(sample(p.name, p.schema, p.in === 'path' ? KNOWN_PATH : KNOWN_QUERY))
  const concrete = path.replace(/\{(\w+)\}/g, (_, n: string) => {
    const p = params.find((x) => x.in === 'path' && x.name === n)
    return p ? value(p) : 'x'
  })
  const query = params.filter((p) => p.in === 'query').map((p) => `${p.name}=${value(p)}`)
  return query.length ? `${concrete}?${query.join('&')}` : concrete
}

function decodeSafe(s: string) {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

const CRLF = '\r\n'

/** Multipart bodies broken in their structure or their fields, and hostile files with each kind. */
function brokenMultipart(
  s: Schema,
  rnd: ReturnType<typeof random>,
  hostile: readonly Hostile[],
): FuzzRequest[] {
  const props: Record<string, Schema> = s.properties ?? {}
  const boundary = 'fuzzBOUNDARY'
  const type = `multipart/form-data; boundary=${boundary}`
  const part = (name: string, value: string, file?: string) =>
    `--${boundary}${CRLF}Content-Disposition: form-data; name="${name}"${file === undefined ? '' : `; filename="${file}"`}${CRLF}${CRLF}${value}${CRLF}`
  const out: FuzzRequest[] = []
  const raw = (body: string, label: string, contentType = type) =>
    out.push({ method: 'POST', url: '', headers: { 'content-type': contentType }, body, label })
  const valid = (p: Schema) =>
    p.format === 'binary' ? 'a,b\r\n1,2' : Array.isArray(p.enum) ? p.enum[0] : 'x'
  const fields = Object.entries(props)
  raw(`${part('kind', 'incidents')}--${boundary}--`, 'multipart without a file')
  raw(`${part('kind', 'incidents')}${part('file', 'a,b', 'a.csv')}`, 'multipart without its closing boundary')
  raw(
    `${part('kind', 'incidents')}${part('file', 'a,b', 'a.csv')}--other--`,
    'multipart with another boundary',
  )
  raw(`--${boundary}${CRLF}garbage${CRLF}--${boundary}--`, 'multipart part without headers')
  raw('not multipart at all', 'multipart without a boundary', 'multipart/form-data')
  raw('{"kind":"incidents"}', 'JSON to the upload', 'application/json')
  raw(`${part('kind', 'incidents')}${part('file', '', 'empty.csv')}--${boundary}--`, 'empty file')
  raw(
    `${part('kind', 'incidents')}${part('file', 'a', '../../x\r\nX-Injected: 1')}--${boundary}--`,
    'file name with a header',
  )
  raw(
    `${part('kind', 'incidents')}${part('file', 'a', 'a.csv')}${part('file', 'b', 'b.csv')}--${boundary}--`,
    'two files',
  )
  raw(
    `${part('file', 'a,b', 'a.csv')}${part('kind', 'incidents')}${part('x', '1')}--${boundary}--`,
    'unknown field',
  )
  for (const [name, p] of fields) {
    if (p.format === 'binary') {
      raw(
        `${fields.map(([n, q]) => (n === name ? part(n, 'a,b') : part(n, valid(q), q.format === 'binary' ? 'a.csv' : undefined))).join('')}--${boundary}--`,
        `${name} as a text field`,
      )
      continue
    }
    for (const v of [...wrongValues(p), rnd.pick(HOSTILE_TEXT), rnd.pick(HOSTILE_TEXT)])
      raw(
        `${fields.map(([n, q]) => part(n, n === name ? v : valid(q), q.format === 'binary' ? 'a.csv' : undefined)).join('')}--${boundary}--`,
        `${name}=${v.slice(0, 40)}`,
      )
  }
  for (const h of hostile) {
    const body = new FormData()
    body.set('kind', h.kind)
    body.set('file', new File([h.bytes as Uint8Array<ArrayBuffer>], h.file))
    out.push({
      method: 'POST',
      url: '',
      headers: {},
      body,
      label: `hostile file: ${h.name}`,
      refusal: h.refusal,
    })
  }
  return out
}

export interface Operation {
  method: string
  path: string
  permission: string
  op: Schema
}

export function operations(doc: Schema): Operation[] {
  return Object.entries(doc.paths as Record<string, Record<string, Schema>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      permission: op['x-permission'],
      op,
    })),
  )
}

const resolve = (doc: Schema, s: Schema | undefined): Schema =>
  s?.$ref ? (doc.components.schemas[s.$ref.split('/').pop() as string] ?? {}) : (s ?? {})

/**
 * Broken requests for the given operations, `perOperation` each (and every multipart case once).
 * `hostile`: the files to upload where an operation takes one.
 */
export function fuzzRequests(
  doc: Schema,
  ops: readonly Operation[],
  opts: { seed: number; perOperation: number; hostile?: readonly Hostile[] },
): FuzzRequest[] {
  const rnd = random(opts.seed)
  const out: FuzzRequest[] = []
  for (const { method, path, op } of ops) {
    const params: { name: string; in: string; schema: Schema }[] = op.parameters ?? []
    const content: Record<string, { schema: Schema }> = op.requestBody?.content ?? {}
    const [mediaType, media] = Object.entries(content)[0] ?? []
    const body = resolve(doc, media?.schema)
    const state = method !== 'GET'
    if (mediaType === 'multipart/form-data') {
      const target = brokenParameters(method, path, params, rnd, false).url.replace(/\?.*$/, '')
      for (const r of brokenMultipart(body, rnd, opts.hostile ?? hostileCorpus()))
        out.push({ ...r, url: target, label: `${method} ${path}: ${r.label}` })
      continue
    }
    for (let i = 0; i < opts.perOperation; i++) {
      const hasPath = params.some((p) => p.in === 'path')
      const breakBody = mediaType !== undefined && (!hasPath || !state || rnd.next() < 0.7)
      const { url, label } =
        state && !hasPath && mediaType
          ? { url: path, label: '' }
          : brokenParameters(method, path, params, rnd, state)
      const headers: Record<string, string> = {}
      let text: string | undefined
      let what = label
      if (mediaType) {
        headers['content-type'] = 'application/json'
        if (breakBody || state) {
          const b = brokenBody(body, rnd)
          text = b.text
          what = [label, b.label].filter(Boolean).join('; ')
        } else text = '{}'
      } else if (state && rnd.next() < 0.3) {
        headers['content-type'] = 'application/json'
        text = rnd.pick(MALFORMED_JSON)
        what = `${label}; unexpected body`
      }
      out.push({ method, url, headers, body: text, label: `${method} ${path}: ${what}` })
    }
  }
  return out
}
