// The disclosure walk (a test helper): the callers walk every GET endpoint of the served OpenAPI document and
// every tile layer of the tile listing, over one day, one month and a year, every level and a category filter.
// It reports an incident count of 1–2, an incident location, a count that can be worked out from a total, or a
// statistic of a withheld count (disclosure-derived.ts: rates, ratios, p-values, z-scores, score components,
// total rates, and a count withheld in one answer but shown in another), for a caller without the
// incident-point permission, and any commune or village outside a scoped caller's scope. A new endpoint or
// tile layer is walked without editing this file. Used by disclosure-walk.test.ts (every role, one province)
// and the national test (a provincial scope over the whole country).
import type { Db } from '@antt/data/db'
import type { createApp } from '../app.ts'
import { getJson, type SignedInApp, signIn } from '../testing.ts'
import { decodeTile, featuresOf, tileAt } from '../tiles/testing.ts'
import { isWholeMonths, MIN_DISCLOSED_COUNT, MIN_HEX_EDGE_M, monthCount, wholeMonths } from './disclosure.ts'
import { DerivedStatistics } from './disclosure-derived.ts'

/** Requests in flight at once: as many as the test database's pool has connections (data/src/testing). */
const CONCURRENT_REQUESTS = 4

// biome-ignore lint/suspicious/noExplicitAny: the walk reads any JSON answer of any endpoint
type Json = any
type Params = Record<string, string>
export interface Caller {
  /** the account's user name (the demo accounts are named after their roles) */
  role: string
  app: SignedInApp
  permissions: Set<string>
  /** no incident-point permission: aggregates only */
  aggregateOnly: boolean
  scope: string[] | null
}
interface Walked {
  path: string
  query: Params
  body: Json
}

/** Keys whose number is a count of incidents; `n` only inside an incident series. */
const COUNT_KEY = /^(incidents|incidents_previous|incidents_a|incidents_b|count|count_a|count_b)$/
/** Metrics whose value is an incident count (hot spots and classes report it as value, min, max). */
const COUNT_METRICS = new Set(['incidents'])
const UNIT_CODE = /^\d{5}(-\d{3})?$/
/** Reference layers, the same for every role: the border and what stands on it. */
const REFERENCE = /^\/api\/layers\/border_/
const names = (params: { name: string; in: string }[]) =>
  new Set(params.filter((p) => p.in === 'query').map((p) => p.name))

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
const addDays = (d: string, n: number) => {
  const t = new Date(`${d}T00:00:00Z`)
  t.setUTCDate(t.getUTCDate() + n)
  return t.toISOString().slice(0, 10)
}

/** Calls `visit` on every value of a JSON document with its key and the path of keys above it. */
function walk(v: Json, visit: (key: string, value: Json, parents: string[]) => void, parents: string[] = []) {
  if (Array.isArray(v)) for (const x of v) walk(x, visit, parents)
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      visit(k, x, parents)
      walk(x, visit, [...parents, k])
    }
}

/**
 * Whether a withheld count can be worked out: a total minus the published members leaves `d` for `m` withheld
 * members. Each withheld member is at least 1 when the group publishes a zero (zeros were not withheld), else
 * at least 0. One withheld member is then pinned, and so are m members of at least 1 that sum to m.
 */
const pinned = (d: number, m: number, floor: number) =>
  m >= 1 && d >= 1 && (m === 1 || (floor === 1 && d === m))

/** The groups whose total a response states next to its members: [total, members, key in the members]. */
function groupsOf(body: Json): [number | null, Json[], string][] {
  const out: [number | null, Json[], string][] = []
  if (Array.isArray(body?.rows) && body.totals)
    for (const k of Object.keys(body.totals))
      if (COUNT_KEY.test(k) && body.rows.some((r: Json) => k in r)) out.push([body.totals[k], body.rows, k])
  if (body?.metrics && Array.isArray(body.villages) && body.villages.length)
    out.push([body.metrics.incidents, body.villages, 'incidents'])
  return out
}

/** Whether a total pins the members of a group that lists only some of its cells: [total, listed, cells]. */
function unlistedPinned(total: unknown, listed: Json[], cells: number): string | null {
  if (typeof total !== 'number') return null
  const d = total - listed.reduce((s, r) => s + (typeof r.n === 'number' ? r.n : 0), 0)
  const unlisted = cells - listed.length
  return unlisted === 1 && d >= 1 && d < MIN_DISCLOSED_COUNT ? `the one unlisted cell holds ${d}` : null
}

/** What an aggregate-only caller must not receive in one response. */
function aggregateProblems(w: Walked, incidentPoints: Set<string>, categories: number): string[] {
  const problems: string[] = []
  const countKeys = (parents: string[], key: string) =>
    COUNT_KEY.test(key) ||
    (key === 'n' && parents.includes('incident_series')) ||
    (COUNT_METRICS.has(w.query.metric) && ['value', 'min', 'max'].includes(key))
  const coordinate = (lon: unknown, lat: unknown) =>
    typeof lon === 'number' && typeof lat === 'number' && incidentPoints.has(pointKey(lon, lat))
  walk(w.body, (key, value, parents) => {
    if (typeof value === 'number' && value > 0 && value < MIN_DISCLOSED_COUNT && countKeys(parents, key))
      problems.push(`${[...parents, key].join('.')} = ${value}`)
    if (Array.isArray(value) && value.length === 2 && coordinate(value[0], value[1]))
      problems.push(`incident location ${value} at ${[...parents, key].join('.')}`)
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (coordinate(value.lon, value.lat)) problems.push(`incident location at ${parents.join('.')}`)
      if ('i' in value && 'j' in value && value.suppressed === true)
        problems.push(`suppressed hexagon ${value.i}:${value.j} returned`)
      if (isDate(value.from) && isDate(value.to) && !isWholeMonths(value))
        problems.push(
          `period ${value.from}..${value.to} at ${parents.join('.') || 'top'} is not whole months`,
        )
    }
    if (key === 'resolution_m' && typeof value === 'number' && value < MIN_HEX_EDGE_M)
      problems.push(`hexagons of ${value} m`)
  })
  for (const [total, members, k] of groupsOf(w.body)) {
    if (typeof total !== 'number') continue
    const withheld = members.filter((r) => r[k] === null).length
    const shown = members.reduce((s, r) => s + (typeof r[k] === 'number' ? r[k] : 0), 0)
    const floor = members.some((r) => r[k] === 0) ? 1 : 0
    if (pinned(total - shown, withheld, floor))
      problems.push(
        `${k}: total ${total} minus the ${members.length - withheld} shown leaves ${total - shown} for ${withheld} withheld`,
      )
  }
  if (Array.isArray(w.body?.incident_series) && w.body.metrics && w.body.period) {
    const ncat = w.query.categories ? w.query.categories.split(',').length : categories
    const cells = monthCount(w.body.period) * ncat
    const p = unlistedPinned(w.body.metrics.incidents, w.body.incident_series, cells)
    if (p) problems.push(`incident_series: ${p}`)
  }
  return problems
}

/** Codes of communes or villages outside the scope, anywhere in a response (values or keys). */
function outsideScope(body: Json, inScope: (commune: string) => boolean): string[] {
  const found = new Set<string>()
  const check = (s: unknown) => {
    if (typeof s === 'string' && UNIT_CODE.test(s) && !inScope(s.slice(0, 5))) found.add(s)
  }
  walk(body, (key, value, parents) => {
    // boundaries of 2008 communes are reference data, not scoped (commune_2008 level)
    if (parents.includes('new_codes') || key === 'official_code') return
    check(key)
    check(value)
  })
  return [...found]
}

/**
 * Runs `visit` over `items`, `limit` at a time: the server database works on some requests while the test
 * reads the answers of others (the embedded database takes them one at a time all the same).
 */
async function eachConcurrently<T>(items: T[], limit: number, visit: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await visit(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

const pointKey = (lon: number, lat: number) => `${lon.toFixed(5)},${lat.toFixed(5)}`

/** The query variants of an operation: periods, levels, modes, metrics and a category, as it takes them. */
function variants(
  params: { name: string; required?: boolean; schema: Json }[],
  ctx: VariantContext,
): Params[] {
  const names = new Set(params.map((p) => p.name))
  const base: Params = {}
  for (const p of params) if (p.required) base[p.name] = ctx.sample(p.name, p.schema)
  let out: Params[] = [base]
  const expand = (name: string, values: Params[]) => {
    if (!names.has(name) && !Object.keys(values[0] ?? {}).every((k) => names.has(k))) return
    out = out.flatMap((v) => values.map((x) => ({ ...v, ...x })))
  }
  // the default period is checked too: every response states its period, which must be whole months
  if (names.has('from') && names.has('to')) expand('from', ctx.periods)
  if (names.has('b_from')) expand('b_from', ctx.comparePeriods)
  if (names.has('mode')) expand('mode', [{ mode: 'hex' }, { mode: 'units' }])
  if (names.has('level')) {
    const levels = params.find((p) => p.name === 'level')?.schema.enum ?? ['commune', 'village']
    out = out.flatMap((v) => (v.mode === 'hex' ? [v] : levels.map((level: string) => ({ ...v, level }))))
  }
  if (names.has('resolution'))
    out = out.flatMap((v) => (v.mode === 'hex' ? [v, { ...v, resolution: '250' }] : [v]))
  if (names.has('metric'))
    expand(
      'metric',
      ctx.metrics.map((metric) => ({ metric })),
    )
  if (names.has('permutations')) out = out.map((v) => ({ ...v, permutations: '0' }))
  // one narrow filter on top: a single category over a single day, at the finest level
  if (names.has('categories')) {
    const narrow: Params = { ...base, categories: ctx.category }
    if (names.has('from')) Object.assign(narrow, ctx.periods[0])
    if (names.has('b_from')) Object.assign(narrow, ctx.comparePeriods[0])
    if (names.has('level')) narrow.level = 'village'
    if (names.has('mode')) narrow.mode = 'hex'
    if (narrow.mode === 'hex') delete narrow.level
    if (names.has('metric')) narrow.metric = 'incidents'
    if (names.has('permutations')) narrow.permutations = '0'
    out.push(narrow)
  }
  if (names.has('commune') && names.has('level'))
    out.push({ ...base, level: 'village', commune: ctx.home, ...(ctx.periods[1] ?? {}) })
  return out
}

interface VariantContext {
  /** the commune asked for where an endpoint takes one */
  home: string
  periods: Params[]
  comparePeriods: Params[]
  metrics: string[]
  category: string
  sample(name: string, schema: Json): string
}

/** A value the parameter accepts, from its schema. */
function sampleOf(name: string, s: Json): string {
  const known: Record<string, string> = { q: 'lao', metric: 'incidents' }
  if (known[name]) return known[name]
  if (Array.isArray(s.enum)) return String(s.default ?? s.enum[0])
  if (s.default !== undefined) return String(s.default)
  if (s.type === 'integer' || s.type === 'number') return String(s.minimum ?? 1)
  return 'x'
}

/** Values of a path parameter: real codes and ids, the enum, or the alternatives of a pattern like ^(a|b)\.(c|d)$. */
function pathValues(name: string, schema: Json, real: Record<string, string[]>): string[] {
  if (real[name]) return real[name]
  if (Array.isArray(schema.enum)) return schema.enum.map(String)
  const alt = /^\^\(([^)]+)\)\\\.\(([^)]+)\)\$$/.exec(schema.pattern ?? '')
  if (alt) return alt[1].split('|').flatMap((a) => alt[2].split('|').map((b) => `${a}.${b}`))
  if (schema.type === 'integer') return [String(schema.minimum ?? 1)]
  return ['x']
}

export interface WalkOptions {
  /** the demo accounts that walk (user names) */
  accounts: string[]
  /** a commune in every scoped caller's scope, and a point in it: where the tiles are asked for */
  home: { code: string; lon: number; lat: number }
  /** whether a commune is in the scoped callers' scope */
  inScope(commune: string): boolean
}

export interface WalkResult {
  callers: Caller[]
  requests: number
  problems: string[]
}

/** Walks every GET endpoint and tile layer as each account; what each may not learn is in `problems`. */
export async function walkDisclosure(
  ctx: { db: Db; raw: ReturnType<typeof createApp> },
  opts: WalkOptions,
): Promise<WalkResult> {
  const { home, inScope } = opts
  const callers: Caller[] = []
  for (const role of opts.accounts) {
    const app = await signIn(ctx.raw, role)
    const me = (await getJson(app, '/api/auth/me')).body.user
    const permissions = new Set<string>(me.permissions)
    callers.push({
      role,
      app,
      permissions,
      aggregateOnly: !permissions.has('read_incident_points'),
      scope: me.scope,
    })
  }

  // Ground truth from the database itself: incident locations (not those put on a village centre, which is
  // public) and the busiest day, so the one-day period has cells and units to suppress.
  const points = await ctx.db.query<{ lon: number; lat: number }>(
    `select ST_X(i.point) as lon, ST_Y(i.point) as lat from incident i
       where not exists (select 1 from village v where v.point = i.point)`,
  )
  const incidentPoints = new Set(points.map((p) => pointKey(p.lon, p.lat)))
  const [{ day, category }] = await ctx.db.query<{ day: string; category: string }>(
    `select to_char(occurred_on, 'YYYY-MM-DD') as day,
              (select category_code from incident group by 1 order by count(*) desc limit 1) as category
       from incident group by occurred_on order by count(*) desc, occurred_on limit 1`,
  )
  const month: Params = { ...wholeMonths({ from: day, to: day }) }
  const periods: Params[] = [
    { from: day, to: day },
    month,
    { from: `${day.slice(0, 4)}-01-01`, to: `${day.slice(0, 4)}-12-31` },
  ]
  const comparePeriods: Params[] = [
    { a_from: addDays(day, -35), a_to: addDays(day, -35), b_from: day, b_to: day },
    {
      a_from: `${Number(day.slice(0, 4)) - 1}${month.from.slice(4)}`,
      a_to: addDays(month.from, -1),
      b_from: month.from,
      b_to: month.to,
    },
  ]
  const wardVillages = await ctx.db.query<{ code: string }>(
    `select code from village where commune_code = $1 order by code limit 2`,
    [home.code],
  )
  // a commune outside the scope, and one of its villages
  const other = (
    await ctx.db.query<{ code: string; village: string }>(
      `select c.code, min(v.code) as village from commune c join village v on v.commune_code = c.code
         group by c.code order by c.code`,
    )
  ).find((c) => !inScope(c.code))
  if (!other) throw new Error('the walk needs a commune outside the scope')
  const [model] = await ctx.db.query<{ id: string }>(
    `select id::text from security_model where commune_code = $1 order by id limit 1`,
    [home.code],
  )
  const real: Record<string, string[]> = {
    code: [home.code, wardVillages[0].code, other.code, other.village],
    id: [model.id],
  }
  const vctx: VariantContext = {
    home: home.code,
    periods,
    comparePeriods,
    metrics: ['incidents', 'incident_rate_per_1000', 'incident_rate_eb'],
    category,
    sample: sampleOf,
  }

  const doc = (await getJson(ctx.raw, '/api/openapi.json')).body
  const categoryCount = (await getJson(callers[0].app, '/api/meta/taxonomies')).body.incident_categories
    .length
  const listing = (await getJson(callers[0].app, '/tiles')).body
  const problems: string[] = []
  let requests = 0
  const note = (c: Caller, what: string, list: string[]) => {
    for (const p of list.slice(0, 5)) problems.push(`${c.role} ${what}: ${p}`)
  }
  const byLevel = new Map<string, Json>()
  const derived = new DerivedStatistics()

  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    const op = ops.get
    if (!op || path.startsWith('/tiles/')) continue
    const params: { name: string; in: string; required?: boolean; schema: Json }[] = op.parameters ?? []
    const pathParams = params.filter((p) => p.in === 'path')
    const concrete = pathParams.reduce<string[]>(
      (paths, p) =>
        paths.flatMap((x) => pathValues(p.name, p.schema, real).map((v) => x.replace(`{${p.name}}`, v))),
      [path],
    )
    const queries = variants(
      params.filter((p) => p.in === 'query'),
      vctx,
    )
    const calls: { c: Caller; target: string; q: Params }[] = []
    for (const c of callers) {
      // roles that may see incident points are checked for their permission only, on the default query
      // (narrowed to the ward where the endpoint takes a commune, to keep whole-province exports out)
      const narrowed = names(params).has('commune')
        ? [{ ...queries[0], commune: home.code }]
        : queries.slice(0, 1)
      const qs = c.aggregateOnly || c.scope ? queries : narrowed
      for (const target of concrete) for (const q of qs) calls.push({ c, target, q })
    }
    await eachConcurrently(calls, CONCURRENT_REQUESTS, async ({ c, target, q }) => {
      const need: string = op['x-permission']
      const allowed = need === 'public' || need === 'authenticated' || c.permissions.has(need)
      const url = `${target}${Object.keys(q).length ? `?${new URLSearchParams(q)}` : ''}`
      const res = await c.app.request(url)
      requests++
      if (res.status >= 500) problems.push(`${c.role} ${url}: ${res.status}`)
      if (!allowed) {
        if (res.status !== 403) problems.push(`${c.role} ${url}: ${res.status} without ${need}`)
        return
      }
      if (res.status !== 200) return
      const type = res.headers.get('content-type') ?? ''
      const text = await res.text()
      if (!type.includes('json')) {
        // files (templates, exports): no incident location in any form for an aggregate-only role
        if (c.aggregateOnly && /incident/.test(target) && /\d+\.\d{4,}/.test(text))
          problems.push(`${c.role} ${url}: coordinates in a file`)
        return
      }
      const body = JSON.parse(text)
      if (c.aggregateOnly) {
        note(c, url, [
          ...aggregateProblems({ path, query: q, body }, incidentPoints, categoryCount),
          ...derived.observe(c.role, url, q, body),
        ])
        if (q.level && Array.isArray(body.rows)) {
          const { level, ...rest } = q
          byLevel.set(`${c.role} ${target} ${level} ${new URLSearchParams(rest)}`, body)
        }
      }
      if (c.scope && !REFERENCE.test(target))
        note(c, `${url} outside ${c.scope}`, outsideScope(body, inScope))
    })
  }

  // Villages within their commune: the commune's count minus its published villages must pin none.
  for (const [key, communes] of byLevel) {
    if (!key.includes(' commune ')) continue
    const villages = byLevel.get(key.replace(' commune ', ' village '))
    if (!villages) continue
    for (const commune of communes.rows) {
      const total = commune.incidents ?? commune.count ?? commune.count_a
      if (typeof total !== 'number') continue
      const k = 'incidents' in commune ? 'incidents' : 'count' in commune ? 'count' : 'count_a'
      const members = villages.rows.filter((v: Json) => v.commune_code === commune.code)
      const withheld = members.filter((v: Json) => v[k] === null).length
      const shown = members.reduce((s: number, v: Json) => s + (v[k] ?? 0), 0)
      const floor = members.some((v: Json) => v[k] === 0) ? 1 : 0
      if (pinned(total - shown, withheld, floor))
        problems.push(
          `${key}: commune ${commune.code} ${k} ${total} − villages ${shown} = ${total - shown} for ${withheld} withheld`,
        )
    }
  }

  // Tiles: every layer of the listing, at the ward over zooms from coarse to the finest, each period.
  for (const layer of listing.layers as Json[]) {
    const zooms = [...new Set([layer.minzoom, 10, layer.maxzoom])].filter(
      (z) => z >= layer.minzoom && z <= layer.maxzoom,
    )
    const queries: Params[] = layer.parameters.includes('from')
      ? [{}, ...periods, { ...periods[0], categories: category }]
      : [{}]
    const calls: { c: Caller; z: number; q: Params }[] = []
    for (const c of callers)
      for (const z of zooms)
        for (const q of c.aggregateOnly || c.scope ? queries : queries.slice(0, 1)) calls.push({ c, z, q })
    await eachConcurrently(calls, CONCURRENT_REQUESTS, async ({ c, z, q }) => {
      const { x, y } = tileAt(home.lon, home.lat, z)
      const url = `/tiles/${layer.id}/${z}/${x}/${y}.mvt${Object.keys(q).length ? `?${new URLSearchParams(q)}` : ''}`
      const res = await c.app.request(url)
      requests++
      if (res.status >= 500) problems.push(`${c.role} ${url}: ${res.status}`)
      if (res.status !== 200) return
      const tile = decodeTile(new Uint8Array(await res.arrayBuffer()))
      const features = featuresOf(tile.layers[layer.id])
      for (const f of features) {
        const props = f.properties
        if (c.aggregateOnly) {
          const n = props.count
          if (typeof n === 'number' && n > 0 && n < MIN_DISCLOSED_COUNT)
            problems.push(`${c.role} ${url}: a cell of ${n}`)
          if (layer.id.startsWith('incident') && f.type === 1)
            problems.push(`${c.role} ${url}: an incident point`)
          note(c, url, derived.observe(c.role, url, q, props))
          // a hexagon wholly inside the tile (not clipped) is 2 × edge wide, flat sides north and south
          const inside = f
            .loadGeometry()
            .every((ring) => ring.every((p) => p.x >= 0 && p.y >= 0 && p.x <= f.extent && p.y <= f.extent))
          if (layer.id === 'incident_hex' && inside) {
            const ring: number[][] = (f.toGeoJSON(x, y, z).geometry as Json).coordinates[0]
            const lons = ring.map((p) => p[0])
            const widthM =
              (Math.max(...lons) - Math.min(...lons)) * 111_320 * Math.cos((home.lat * Math.PI) / 180)
            if (widthM < 2 * MIN_HEX_EDGE_M * 0.97)
              problems.push(`${c.role} ${url}: a hexagon ${Math.round(widthM)} m wide`)
          }
        }
        if (c.scope) note(c, `${url} outside ${c.scope}`, outsideScope(props, inScope))
      }
    })
  }

  problems.push(...derived.finish())
  return { callers, requests, problems }
}
