// Table-driven bad input for every endpoint: each bad value of each parameter must be refused with a JSON
// error naming the field, and the server must keep serving afterwards.
import { describe, expect, it } from 'vitest'
import { backends, getJson, useApp } from '../testing.ts'

type Kind =
  | 'date'
  | 'codes'
  | 'number'
  | 'id'
  | 'enum'
  | 'commune'
  | 'communes'
  | 'text'
  | 'word'
  | 'bbox'
  | 'properties'
  | 'numbers'

interface Endpoint {
  path: string
  /** parameters a valid request needs */
  base?: Record<string, string>
  params: Record<string, Kind>
}

const FILTERS = {
  types: 'codes',
  statuses: 'codes',
  orgs: 'codes',
  categories: 'codes',
  classes: 'codes',
} as const
const PERIOD = { from: 'date', to: 'date' } as const

const ENDPOINTS: Endpoint[] = [
  {
    path: '/api/units',
    base: { level: 'commune' },
    params: {
      level: 'enum',
      simplify: 'number',
      properties: 'properties',
      commune: 'commune',
      geometry: 'enum',
    },
  },
  { path: '/api/units/02647', params: { ...PERIOD, ...FILTERS, eval_months: 'number' } },
  {
    path: '/api/metrics',
    params: { level: 'enum', ...PERIOD, ...FILTERS, commune: 'commune', eval_months: 'number' },
  },
  { path: '/api/search', base: { q: 'lao' }, params: { q: 'text', limit: 'number', level: 'enum' } },
  { path: '/api/meta', params: {} },
  { path: '/api/meta/taxonomies', params: {} },
  { path: '/api/layers/border_line', params: { simplify: 'number' } },
  { path: '/api/layers/border_belt', params: { simplify: 'number' } },
  { path: '/api/layers/border_features', params: { kinds: 'codes' } },
  {
    path: '/api/layers/models',
    params: {
      ...PERIOD,
      types: 'codes',
      statuses: 'codes',
      orgs: 'codes',
      classes: 'codes',
      commune: 'commune',
      founded_from: 'date',
      founded_to: 'date',
      eval_months: 'number',
    },
  },
  { path: '/api/incidents', params: { ...PERIOD, categories: 'codes', bbox: 'bbox', limit: 'number' } },
  {
    path: '/api/incidents/density',
    params: {
      mode: 'enum',
      level: 'enum',
      resolution: 'number',
      ...PERIOD,
      categories: 'codes',
      min_count: 'number',
      geometry: 'enum',
      simplify: 'number',
    },
  },
  { path: '/api/openapi.json', params: {} },
  { path: '/api/docs', params: {} },
  { path: '/api/stats/neighbors', params: { level: 'enum' } },
  { path: '/api/stats/neighbors/islands', params: { level: 'enum' } },
  {
    path: '/api/stats/hotspots',
    base: { metric: 'incidents', permutations: '0' },
    params: {
      level: 'enum',
      metric: 'enum',
      permutations: 'number',
      seed: 'number',
      fdr: 'enum',
      ...PERIOD,
      ...FILTERS,
      commune: 'commune',
      eval_months: 'number',
    },
  },
  {
    path: '/api/stats/classify',
    base: { metric: 'incidents' },
    params: {
      level: 'enum',
      metric: 'enum',
      method: 'enum',
      k: 'number',
      breaks: 'numbers',
      ...PERIOD,
      ...FILTERS,
      commune: 'commune',
      eval_months: 'number',
    },
  },
  {
    path: '/api/stats/rates',
    params: {
      level: 'enum',
      ...PERIOD,
      categories: 'codes',
      classes: 'codes',
      commune: 'commune',
      min_population: 'number',
      min_count: 'number',
    },
  },
  { path: '/api/stats/standards', params: {} },
  {
    path: '/api/stats/coverage',
    params: { level: 'enum', ...PERIOD, ...FILTERS, commune: 'commune', eval_months: 'number' },
  },
  {
    path: '/api/priorities',
    params: {
      level: 'enum',
      normalise: 'enum',
      w_incident_rate_eb: 'number',
      ...PERIOD,
      ...FILTERS,
      commune: 'commune',
      eval_months: 'number',
    },
  },
  {
    path: '/api/compare',
    params: {
      level: 'enum',
      a_from: 'date',
      a_to: 'date',
      b_from: 'date',
      b_to: 'date',
      categories: 'codes',
      classes: 'codes',
      commune: 'commune',
      fdr: 'enum',
    },
  },
  { path: '/api/audit', params: { limit: 'number', action: 'word', user: 'text', before_id: 'id' } },
  { path: '/api/imports', params: { limit: 'number' } },
  { path: '/api/imports/templates/incidents.xlsx', params: { lang: 'enum' } },
  // commune here is a list of codes that is not checked against the communes (see the report of the API issue)
  { path: '/api/export/incidents.csv', params: { lang: 'enum', commune: 'communes' } },
  { path: '/tiles', params: {} },
  { path: '/tiles/communes.json', params: {} },
  { path: '/tiles/communes/8/203/113.mvt', params: {} },
  { path: '/tiles/incident_hex.json', params: { ...PERIOD, categories: 'codes' } },
  { path: '/tiles/incident_hex/8/203/113.mvt', params: { ...PERIOD, categories: 'codes' } },
]

const INJECTIONS = ["'; drop table commune; --", '1 OR 1=1']

const BAD_VALUES: Record<Kind, string[]> = {
  date: ['2025-13-01', '2025-02-30', 'yesterday', '2025-1-1', '1066-10-14'],
  codes: ['no_such_code', 'Drugs', ''],
  number: ['-1', '1e12', '99999999999999999999', 'abc', '1e400'],
  id: ['-1', '0', '1.5', 'abc'],
  enum: ['district', ''],
  commune: ['99999', '1234', '02647x'],
  communes: ['1234', '02647,x', ''],
  text: ['x'.repeat(1001)],
  word: ['UPPER', 'x'.repeat(41)],
  numbers: ['a,b', '1;2', '1e400'],
  bbox: ['1,2,3', '200,0,201,1', '104,22,103,21', 'a,b,c,d'],
  properties: ['no_such_property'],
}

interface Case {
  name: string
  url: string
  status: number
  field?: string
}

const url = (path: string, q: Record<string, string>) => {
  const s = new URLSearchParams(q).toString()
  return s ? `${path}?${s}` : path
}

function casesOf(e: Endpoint): Case[] {
  const base = e.base ?? {}
  const out: Case[] = []
  /** A request the endpoint refuses with 400, naming `field`. */
  const refused = (what: string, query: Record<string, string>, field: string) =>
    out.push({ name: `${e.path} ${what}`, url: url(e.path, query), status: 400, field })
  for (const [param, kind] of Object.entries(e.params)) {
    for (const v of BAD_VALUES[kind]) refused(`${param}=${v.slice(0, 20)}`, { ...base, [param]: v }, param)
    // Free text is data, not code: SQL in a search box must find nothing and harm nothing.
    for (const v of INJECTIONS)
      out.push({
        name: `${e.path} ${param} injection ${v}`,
        url: url(e.path, { ...base, [param]: v }),
        status: kind === 'text' ? 200 : 400,
        field: kind === 'text' ? undefined : param,
      })
  }
  if (e.params.a_from) refused('reversed period A', { a_from: '2024-06-01', a_to: '2024-01-01' }, 'a_from')
  if (e.params.from && e.params.to) {
    refused('reversed period', { ...base, from: '2025-06-01', to: '2025-01-01' }, 'from')
    out.push({
      name: `${e.path} repeated from`,
      url: `${url(e.path, base)}${e.base ? '&' : '?'}from=2025-01-01&from=2025-02-01`,
      status: 400,
      field: 'from',
    })
  }
  if (e.params.founded_from)
    refused(
      'reversed founding dates',
      { founded_from: '2024-01-01', founded_to: '2020-01-01' },
      'founded_from',
    )
  refused('unknown parameter', { ...base, no_such_parameter: '1' }, 'no_such_parameter')
  out.push({
    name: `${e.path} oversized query string`,
    url: url(e.path, { ...base, x: 'a'.repeat(5000) }),
    status: 414,
  })
  return out
}

const PATH_CASES: Case[] = [
  { name: 'unknown unit code', url: '/api/units/99999', status: 404, field: 'code' },
  { name: 'unknown village code', url: '/api/units/02647-999', status: 404, field: 'code' },
  { name: 'malformed unit code', url: '/api/units/2647', status: 400, field: 'code' },
  ...INJECTIONS.map((v) => ({
    name: `unit code injection ${v}`,
    url: `/api/units/${encodeURIComponent(v)}`,
    status: 400,
    field: 'code',
  })),
  { name: 'unknown layer', url: '/api/layers/no_such_layer', status: 404 },
  { name: 'unknown tile layer', url: '/tiles/no_such_layer/8/203/113.mvt', status: 404 },
  { name: 'tile zoom out of range', url: '/tiles/communes/99/0/0.mvt', status: 400, field: 'z' },
  { name: 'tile column out of range', url: '/tiles/communes/8/256/113.mvt', status: 400, field: 'x' },
  { name: 'negative tile row', url: '/tiles/communes/8/203/-1.mvt', status: 400, field: 'y' },
  { name: 'tile row not a number', url: '/tiles/communes/8/203/abc.mvt', status: 400, field: 'y' },
  ...INJECTIONS.map((v) => ({
    name: `tile zoom injection ${v}`,
    url: `/tiles/communes/${encodeURIComponent(v)}/0/0.mvt`,
    status: 400,
    field: 'z',
  })),
]

const CASES = [...ENDPOINTS.flatMap(casesOf), ...PATH_CASES]

describe.each(backends())('bad input on the %s database', (backend) => {
  const ctx = useApp(backend)

  it('answers every endpoint of the table when the input is good', async () => {
    for (const e of ENDPOINTS) {
      const res = await ctx.app.request(url(e.path, e.base ?? {}))
      expect(res.status, e.path).toBeLessThan(300)
    }
  })

  it.each(CASES)('$name → $status', async ({ url: path, status, field }) => {
    const res = await ctx.app.request(path)
    const text = await res.text()
    expect(res.status, text).toBe(status)
    if (status === 200) {
      const body = JSON.parse(text)
      if (path.startsWith('/api/search')) expect(body.results).toEqual([])
      return
    }
    expect(res.headers.get('content-type')).toContain('application/json')
    const body = JSON.parse(text)
    expect(typeof body.error.code).toBe('string')
    expect(typeof body.error.message).toBe('string')
    expect(Array.isArray(body.error.details)).toBe(true)
    expect(text).not.toMatch(/node_modules|\n\s+at |\.ts:\d+/)
    if (field) {
      const named = String(body.error.details[0]?.field ?? '')
      expect(named === field || named.startsWith(`${field}.`), `field ${named} for ${field}`).toBe(true)
    }
  })

  it('keeps serving after the barrage, with the data intact', async () => {
    const health = await getJson(ctx.raw, '/api/health')
    expect(health.status).toBe(200)
    const [row] = await ctx.db.query<{ n: number }>('select count(*)::int as n from commune')
    expect(row.n).toBe(99)
    expect((await getJson(ctx.app, '/api/metrics')).body.rows).toHaveLength(99)
  })
})
