// The disclosure test: every role walks every GET endpoint and tile layer (disclosure-walk.ts). It fails on an
// incident count of 1–2, an incident location, a count that can be worked out from a total or a statistic of a
// withheld count, for a role without the incident-point permission, and on any commune or village outside the
// steward's ward. The checks of derived statistics are shown to catch each kind of leak on real answers altered
// to leak, so that the walk passing means something.
import { describe, expect, it } from 'vitest'
import { backends, getJson, type Role, signIn, useApp } from '../testing.ts'
import { LAO_CAI_WARD } from '../tiles/testing.ts'
import { DerivedStatistics } from './disclosure-derived.ts'
import { walkDisclosure } from './disclosure-walk.ts'

const ROLES: Role[] = ['admin', 'leader', 'planner', 'briefer', 'steward', 'viewer']

describe.each(backends())('disclosure on the %s database', (backend) => {
  const ctx = useApp(backend)

  it('gives no role more than it may learn, on every documented endpoint and tile layer', {
    timeout: 900_000,
  }, async () => {
    const { callers, requests, problems } = await walkDisclosure(ctx, {
      accounts: ROLES,
      home: LAO_CAI_WARD,
      inScope: (commune) => commune === LAO_CAI_WARD.code,
    })
    expect(callers.filter((c) => c.aggregateOnly).map((c) => c.role)).toEqual(['briefer', 'viewer'])
    expect(requests).toBeGreaterThan(500)
    expect(problems).toEqual([])
  })

  const MONTH = { from: '2026-01-01', to: '2026-01-31' }
  const answer = async (role: Role, path: string, query: Record<string, string>) => {
    const { status, body } = await getJson(
      await signIn(ctx.raw, role),
      `${path}?${new URLSearchParams(query)}`,
    )
    expect(status).toBe(200)
    return body
  }

  it('catches a rate, a ratio, a p-value or a score part given with a withheld count', async () => {
    const q = { level: 'village', ...MONTH }
    const cases: [string, Record<string, string>, (row: any) => boolean, (row: any) => void, string][] = [
      ['/api/stats/rates', q, (r) => r.incidents === null, (r) => (r.rate_eb = 4.2), 'rate_eb'],
      [
        '/api/compare',
        { level: 'village', a_from: '2025-12-01', a_to: '2025-12-31', b_from: MONTH.from, b_to: MONTH.to },
        (r) => r.count_b === null,
        (r) => (r.p_value = 0.5),
        'p_value',
      ],
      ['/api/priorities', q, (r) => r.values.incidents === null, (r) => (r.values.gi_z = 1.2), 'values.gi_z'],
      [
        '/api/priorities',
        q,
        (r) => r.values.incidents === null,
        (r) => (r.components.incident_rate_eb = 0.3),
        'components.incident_rate_eb',
      ],
      [
        '/api/metrics',
        q,
        (r) => r.incidents === null,
        (r) => (r.incidents_per_km2 = 0.8),
        'incidents_per_km2',
      ],
    ]
    for (const [path, query, withheld, leak, key] of cases) {
      const body = await answer('viewer', path, query)
      expect(new DerivedStatistics().observe('viewer', path, query, body), path).toEqual([])
      const row = body.rows.find(withheld)
      expect(row, `${path}: a withheld row`).toBeDefined()
      leak(row)
      const problems = new DerivedStatistics().observe('viewer', path, query, body)
      expect(problems, path).toEqual([expect.stringContaining(`(${row.code}): ${key} = `)])
    }
  })

  it('catches a total rate computed from every count, withheld ones included', async () => {
    const q = { level: 'village', ...MONTH }
    const viewer = await answer('viewer', '/api/metrics', q)
    const leader = await answer('leader', '/api/metrics', q)
    expect(viewer.totals.incidents).toBeLessThan(leader.totals.incidents)
    for (const key of ['incident_rate_per_1000', 'incidents_per_km2']) {
      const leaked = { ...viewer, totals: { ...viewer.totals, [key]: leader.totals[key] } }
      const problems = new DerivedStatistics().observe('viewer', '/api/metrics', q, leaked)
      expect(problems, key).toEqual([
        expect.stringContaining(
          `totals.${key} = ${leader.totals[key]} implies incidents ${leader.totals.incidents}`,
        ),
      ])
    }
  })

  it('catches a hot-spot statistic of a unit withheld elsewhere, and a count shown in one answer but withheld in another', async () => {
    const q = { level: 'village', ...MONTH }
    const checks = new DerivedStatistics()
    const metrics = await answer('viewer', '/api/metrics', q)
    expect(checks.observe('viewer', '/api/metrics', q, metrics)).toEqual([])
    const held = metrics.rows.find((r: any) => r.incidents === null).code
    const hq = { ...q, metric: 'incident_rate_per_1000', permutations: '0' }
    const hotspots = await answer('viewer', '/api/stats/hotspots', hq)
    Object.assign(
      hotspots.rows.find((r: any) => r.code === held),
      { value: 12.5, gi_z: 2.1 },
    )
    expect(checks.observe('viewer', '/api/stats/hotspots', hq, hotspots)).toEqual([])
    // a leader's answer, as if it had been given to the viewer: its counts of the withheld villages
    const leader = await answer('leader', '/api/stats/rates', q)
    expect(checks.observe('viewer', '/api/stats/rates', q, leader)).toEqual([])
    const problems = checks.finish()
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`\\(${held}\\): value = 12.5, gi_z = 2.1`)),
    )
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^viewer village 2026-01-01\.\.2026-01-31: \d{5}-\d{3} has \d+ at \/api\/stats\/rates/,
      ),
    )
  })
})
