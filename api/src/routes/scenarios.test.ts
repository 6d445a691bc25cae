import { describe, expect, it } from 'vitest'
import { backends, getJson, type SignedInApp, signIn, useApp } from '../testing.ts'

const send = (app: SignedInApp, method: string, path: string, body?: unknown) =>
  getJson(app, path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

/** Every table a scenario writes to inside its savepoint, and the change counters behind the caches. */
const FACT_TABLES = [
  'security_model',
  'security_model_status',
  'evaluation',
  'model_type_cost',
  'table_change',
]

const byCode = (rows: any[]) => new Map(rows.map((r) => [r.code, r]))

/**
 * The answer without and with the scenario, read while the data stood still: other test files write models
 * on the shared server database, so the answer without is asked again afterwards and must not have moved.
 */
async function steadyPair(app: SignedInApp, path: string, scenario: number) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const actual = await getJson(app, path)
    const what = await getJson(app, `${path}${path.includes('?') ? '&' : '?'}scenario=${scenario}`)
    const again = await getJson(app, path)
    if (JSON.stringify(again.body) === JSON.stringify(actual.body)) return [actual, what] as const
  }
  throw new Error(`${path} kept changing under other writers`)
}

describe.each(backends())('what-if scenarios on the %s database', (backend) => {
  const ctx = useApp(backend, 'planner')

  /** Row count and checksum of each table, read as the owner (no row-level security). */
  const fingerprint = async () => {
    const out: Record<string, unknown> = {}
    for (const t of FACT_TABLES)
      out[t] = (
        await ctx.db.query(
          `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${t} t`,
        )
      )[0]
    return out
  }

  /** A village of the commune no active model of the type covers, by the metrics themselves. */
  const uncoveredVillage = async (commune: string, type = 'to_bao_ve_antt') => {
    const { body } = await getJson(ctx.app, `/api/metrics?level=village&commune=${commune}&types=${type}`)
    const row = body.rows.find((r: any) => r.villages_covered === 0)
    expect(row, `an uncovered village in ${commune}`).toBeDefined()
    return row as { code: string; population: number }
  }

  const create = async (app: SignedInApp, body: Record<string, unknown>) => {
    const res = await send(app, 'POST', '/api/scenarios', { name: 'thử', ...body })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.scenario as { id: number; changes: any[]; updated_at: string }
  }

  it('computes the metrics as if a model were added, and exactly that much changes', async () => {
    const village = await uncoveredVillage('02647')
    // coverage by this type only, so that the village is uncovered before
    const actual = await getJson(ctx.app, '/api/metrics?types=to_bao_ve_antt')
    const s = await create(ctx.app, {
      changes: [{ kind: 'add_model', model_type: 'to_bao_ve_antt', village_code: village.code }],
    })
    const what = await getJson(ctx.app, `/api/metrics?types=to_bao_ve_antt&scenario=${s.id}`)
    expect(what.status).toBe(200)
    expect(what.body.filters.scenario).toBe(s.id)
    const before = byCode(actual.body.rows)
    const after = byCode(what.body.rows)
    for (const [code, a] of before) {
      const b = after.get(code)
      if (code !== '02647') {
        expect(b).toEqual(a)
        continue
      }
      expect(b.villages_covered).toBe(a.villages_covered + 1)
      expect(b.active_models).toBe(a.active_models + 1)
      expect(b.compliant_models).toBe(a.compliant_models + 1)
      expect(b.population_covered).toBe(a.population_covered + village.population)
      expect(b.village_coverage).toBeCloseTo((a.villages_covered + 1) / a.villages, 12)
      expect(b.incidents).toBe(a.incidents)
    }
    expect(what.body.totals.villages_covered).toBe(actual.body.totals.villages_covered + 1)
    // the actual figures afterwards are the actual ones: nothing kept, nothing memoised across
    expect((await getJson(ctx.app, '/api/metrics?types=to_bao_ve_antt')).body).toEqual(actual.body)
    const village2 = await getJson(
      ctx.app,
      `/api/metrics?level=village&commune=02647&types=to_bao_ve_antt&scenario=${s.id}`,
    )
    expect(village2.body.rows.find((r: any) => r.code === village.code).villages_covered).toBe(1)
  })

  it('computes the coverage statistics and the priorities as if the model were added', async () => {
    // the best covered commune that still has a village no active model of any type covers (not the least
    // covered one, whose min–max gap would stay 1)
    const communes = (await getJson(ctx.app, '/api/metrics')).body.rows
      .filter((r: any) => r.villages_covered < r.villages)
      .sort((x: any, y: any) => y.village_coverage - x.village_coverage)
    const commune = communes[0].code as string
    const villages = (await getJson(ctx.app, `/api/metrics?level=village&commune=${commune}`)).body.rows
    const village = villages.find((r: any) => r.villages_covered === 0)
    const s = await create(ctx.app, {
      changes: [{ kind: 'add_model', model_type: 'to_hoa_giai', village_code: village.code }],
    })
    const [coverage, coverageIf] = await steadyPair(ctx.app, '/api/stats/coverage', s.id)
    expect(coverageIf.status).toBe(200)
    const [before, after] = [byCode(coverage.body.rows), byCode(coverageIf.body.rows)]
    for (const [code, a] of before) {
      const b = after.get(code)
      if (code !== commune) {
        expect(b).toEqual(a)
        continue
      }
      expect(b.villages_covered).toBe(a.villages_covered + 1)
      expect(b.population_covered).toBe(a.population_covered + village.population)
      expect(b.active_models).toBe(a.active_models + 1)
    }
    expect(coverageIf.body.totals.villages_covered).toBe(coverage.body.totals.villages_covered + 1)

    // min–max scaling, so that a higher coverage lowers the commune's gap even when no rank changes
    const [prio, prioIf] = await steadyPair(ctx.app, '/api/priorities?level=commune&normalise=minmax', s.id)
    expect(prioIf.status).toBe(200)
    const [p0, p1] = [byCode(prio.body.rows), byCode(prioIf.body.rows)]
    const a = p0.get(commune)
    const b = p1.get(commune)
    expect(b.values.village_coverage).toBeCloseTo(
      a.values.village_coverage + 1 / before.get(commune).villages,
      12,
    )
    expect(b.values.active_models).toBe(a.values.active_models + 1)
    expect(b.components.village_coverage_gap).toBeLessThan(a.components.village_coverage_gap)
    expect(b.lack_of_coverage).toBeLessThan(a.lack_of_coverage)
    // what a model changes is the lack of coverage; the need (incidents, hot spots, border, trend) stays
    for (const [code, r] of p0) expect(p1.get(code).need, code).toBeCloseTo(r.need, 9)
  })

  it('dissolves a model and marks an evaluation done, in the metrics and the model layer', async () => {
    const layer = await getJson(ctx.app, '/api/layers/models?commune=02647&statuses=active')
    const models = layer.body.features.map((f: any) => f.properties)
    const gone = models[0]
    const overdue = models.find((m: any) => m.evaluation_overdue && m.id !== gone.id)
    expect(overdue).toBeDefined()
    const actual = byCode((await getJson(ctx.app, '/api/metrics')).body.rows).get('02647')
    const s = await create(ctx.app, {
      changes: [
        { kind: 'dissolve_model', model_id: gone.id },
        { kind: 'evaluate_model', model_id: overdue.id, rating_code: 'tot' },
      ],
    })
    const what = byCode((await getJson(ctx.app, `/api/metrics?scenario=${s.id}`)).body.rows).get('02647')
    expect(what.active_models).toBe(actual.active_models - 1)
    expect(what.dissolved_models).toBe(actual.dissolved_models + 1)
    // the dissolved model counted as compliant or not; the evaluated one now is
    const goneCompliant = gone.evaluation_overdue === false ? 1 : 0
    expect(what.compliant_models).toBe(actual.compliant_models - goneCompliant + 1)
    const scenarioLayer = await getJson(
      ctx.app,
      `/api/layers/models?commune=02647&statuses=active&scenario=${s.id}`,
    )
    const ids = scenarioLayer.body.features.map((f: any) => f.properties)
    expect(ids.some((m: any) => m.id === gone.id)).toBe(false)
    expect(ids.find((m: any) => m.id === overdue.id)).toMatchObject({
      evaluation_overdue: false,
      last_rating: 'tot',
    })
  })

  it('never writes a scenario to the records: row counts and checksums stay the same', async () => {
    const village = await uncoveredVillage('02671')
    const model = (await getJson(ctx.app, '/api/layers/models?commune=02671&statuses=active')).body
      .features[0].properties
    const s = await create(ctx.app, {
      changes: [
        { kind: 'add_model', model_type: 'camera_an_ninh', village_code: village.code },
        { kind: 'dissolve_model', model_id: model.id },
        { kind: 'evaluate_model', model_id: model.id, rating_code: 'kha' },
        { kind: 'set_cost', model_type: 'camera_an_ninh', unit_cost_vnd: 1 },
      ],
    })
    const before = await fingerprint()
    const q = `scenario=${s.id}`
    for (const path of [
      `/api/metrics?${q}`,
      `/api/metrics?level=village&${q}`,
      `/api/priorities?${q}`,
      `/api/layers/models?${q}`,
      `/api/units/02671?${q}`,
      `/api/stats/coverage?${q}`,
      `/api/plans/costs?${q}`,
    ])
      expect((await getJson(ctx.app, path)).status, path).toBe(200)
    const plan = await send(ctx.app, 'POST', `/api/plans/optimize?${q}`, {
      model_type: 'camera_an_ninh',
      count: 2,
      communes: ['02671'],
    })
    expect(plan.status).toBe(200)
    // a request that fails inside the scenario rolls back as well
    expect((await getJson(ctx.app, `/api/metrics?types=nope&${q}`)).status).toBe(400)
    expect(await fingerprint()).toEqual(before)
    // nine requests, each applying the scenario in its own transaction: 11 s on the server, 39–62 s on the
    // embedded database (2 cores, load 1–10), where the pre-aggregates' upkeep of each change is slowest
  }, 180_000)

  it('shows a changed unit cost in the costs and the budget of a plan, not outside the scenario', async () => {
    const s = await create(ctx.app, {
      changes: [{ kind: 'set_cost', model_type: 'tieng_keng_an_ninh', unit_cost_vnd: 1_000_000 }],
    })
    const cost = (body: any) =>
      body.costs.find((c: any) => c.type_code === 'tieng_keng_an_ninh').unit_cost_vnd
    expect(cost((await getJson(ctx.app, `/api/plans/costs?scenario=${s.id}`)).body)).toBe(1_000_000)
    expect(cost((await getJson(ctx.app, '/api/plans/costs')).body)).not.toBe(1_000_000)
    const plan = await send(ctx.app, 'POST', `/api/plans/optimize?scenario=${s.id}`, {
      model_type: 'tieng_keng_an_ninh',
      budget: 3_000_000,
      communes: ['02647'],
    })
    expect(plan.body.parameters).toMatchObject({ count: 3, unit_cost_vnd: 1_000_000 })
  })

  it('turns a plan into a scenario: its sites are covered under it', async () => {
    const req = { model_type: 'to_bao_ve_antt', count: 3, communes: ['02647'] }
    const plan = await send(ctx.app, 'POST', '/api/plans/optimize', req)
    const sites = plan.body.selected.map((x: any) => x.code)
    const s = await create(ctx.app, {
      name: 'Kế hoạch 3 tổ',
      from_plan: { model_type: req.model_type, sites },
    })
    expect(s.changes).toEqual(
      sites.map((v: string) => ({
        kind: 'add_model',
        model_type: 'to_bao_ve_antt',
        village_code: v,
        lead_org_code: 'police',
      })),
    )
    const again = await send(ctx.app, 'POST', `/api/plans/optimize?scenario=${s.id}`, req)
    expect(again.body.before.villages_covered).toBe(plan.body.after.villages_covered)
    for (const v of sites) expect(again.body.already_covered).toContain(v)
  })

  it('keeps scenarios per user, shares them on request, audits every change', async () => {
    const mine = await create(ctx.app, { name: 'riêng' })
    const leader = await signIn(ctx.raw, 'leader')
    expect((await getJson(leader, `/api/scenarios/${mine.id}`)).status).toBe(404)
    expect((await getJson(leader, `/api/metrics?scenario=${mine.id}`)).status).toBe(404)
    expect((await getJson(leader, '/api/scenarios')).body.scenarios.some((x: any) => x.id === mine.id)).toBe(
      false,
    )
    const shared = await send(ctx.app, 'PATCH', `/api/scenarios/${mine.id}`, { shared: true, name: 'chung' })
    expect(shared.status).toBe(200)
    expect(shared.body.scenario).toMatchObject({ shared: true, name: 'chung', owner: 'planner' })
    expect(shared.body.scenario.updated_at > mine.updated_at).toBe(true)
    expect((await getJson(leader, `/api/scenarios/${mine.id}`)).status).toBe(200)
    expect((await getJson(leader, `/api/metrics?scenario=${mine.id}`)).status).toBe(200)
    const notYours = await send(leader, 'PATCH', `/api/scenarios/${mine.id}`, { name: 'của tôi' })
    expect(notYours.status).toBe(403)
    expect((await send(leader, 'DELETE', `/api/scenarios/${mine.id}`)).status).toBe(403)
    expect((await send(ctx.app, 'DELETE', `/api/scenarios/${mine.id}`)).status).toBe(200)
    expect((await getJson(ctx.app, `/api/scenarios/${mine.id}`)).status).toBe(404)
    const admin = await signIn(ctx.raw, 'admin')
    const log = await getJson(admin, '/api/audit?limit=50')
    const actions = log.body.entries
      .filter((e: any) => e.target === `scenario:${mine.id}`)
      .map((e: any) => e.action)
    expect(actions.sort()).toEqual(['scenario_create', 'scenario_delete', 'scenario_update'])
  })

  it('holds a steward to the ward inside scenarios', async () => {
    const steward = await signIn(ctx.raw, 'steward')
    const own = await uncoveredVillage('02647')
    const other = await uncoveredVillage('02671')
    const ok = await send(steward, 'POST', '/api/scenarios', {
      name: 'phường',
      changes: [{ kind: 'add_model', model_type: 'to_hoa_giai', village_code: own.code }],
    })
    expect(ok.status).toBe(201)
    const metrics = await getJson(steward, `/api/metrics?scenario=${ok.body.scenario.id}`)
    expect(metrics.body.rows.map((r: any) => r.code)).toEqual(['02647'])
    const outside = await send(steward, 'POST', '/api/scenarios', {
      name: 'xã khác',
      changes: [
        { kind: 'add_model', model_type: 'to_hoa_giai', village_code: own.code },
        { kind: 'add_model', model_type: 'to_hoa_giai', village_code: other.code },
      ],
    })
    expect(outside.status).toBe(403)
    expect(outside.body.error.details[0].field).toBe('changes[1].village_code')
    const foreign = (await getJson(ctx.app, '/api/layers/models?commune=02671')).body.features[0].properties
    const dissolve = await send(steward, 'POST', '/api/scenarios', {
      name: 'giải thể',
      changes: [{ kind: 'dissolve_model', model_id: foreign.id }],
    })
    expect(dissolve.status).toBe(404)
    expect(dissolve.body.error.details[0].field).toBe('changes[0].model_id')
    // a planner's shared scenario that touches another ward is not even listed in the ward: its changes would
    // name villages and models outside it; opened by its id it is missing, as a private one is
    const wide = await create(ctx.app, {
      name: 'toàn tỉnh',
      shared: true,
      changes: [{ kind: 'add_model', model_type: 'to_hoa_giai', village_code: other.code }],
    })
    const fromPlan = await create(ctx.app, {
      name: 'kế hoạch',
      shared: true,
      from_plan: { model_type: 'to_hoa_giai', sites: [other.code] },
    })
    const inWard = await create(ctx.app, {
      name: 'trong phường',
      shared: true,
      changes: [{ kind: 'add_model', model_type: 'to_hoa_giai', village_code: own.code }],
    })
    const listed = (await getJson(steward, '/api/scenarios')).body.scenarios.map((x: any) => x.id)
    expect(listed).toContain(inWard.id)
    expect(listed).not.toContain(wide.id)
    expect(listed).not.toContain(fromPlan.id)
    for (const id of [wide.id, fromPlan.id]) {
      expect((await getJson(steward, `/api/scenarios/${id}`)).status).toBe(404)
      const opened = await getJson(steward, `/api/metrics?scenario=${id}`)
      expect(opened.status).toBe(404)
      expect(opened.body.error.details[0].field).toBe('scenario')
    }
    expect((await getJson(steward, `/api/metrics?scenario=${inWard.id}`)).status).toBe(200)
  })

  it.each(['viewer', 'briefer'] as const)('gives the %s no scenario at all', async (role) => {
    const s = await create(ctx.app, { name: 'chung', shared: true })
    const app = await signIn(ctx.raw, role)
    expect((await getJson(app, '/api/scenarios')).status).toBe(403)
    expect((await send(app, 'POST', '/api/scenarios', { name: 'x' })).status).toBe(403)
    for (const path of ['/api/metrics', '/api/priorities', '/api/stats/coverage']) {
      const res = await getJson(app, `${path}?scenario=${s.id}`)
      expect(res.status, path).toBe(403)
      expect(res.body.error.details[0].field).toBe('scenario')
    }
  })

  it('answers bad input with a 400 that names the field', async () => {
    const cases: [unknown, string][] = [
      [{ name: '' }, 'name'],
      [{ name: 'x', changes: [{ kind: 'grow_model' }] }, 'changes.0.kind'],
      [
        { name: 'x', changes: [{ kind: 'add_model', model_type: 'to_hoa_giai', village_code: '1' }] },
        'changes.0.village_code',
      ],
      [
        { name: 'x', changes: [{ kind: 'add_model', model_type: 'nope', village_code: '02647-001' }] },
        'changes[0].model_type',
      ],
      [
        { name: 'x', changes: [{ kind: 'add_model', model_type: 'to_hoa_giai', village_code: '02647-999' }] },
        'changes[0].village_code',
      ],
      [
        { name: 'x', changes: [{ kind: 'set_cost', model_type: 'to_hoa_giai', unit_cost_vnd: -1 }] },
        'changes.0.unit_cost_vnd',
      ],
      [{ name: 'x', from_plan: { model_type: 'to_hoa_giai', sites: [] } }, 'from_plan.sites'],
      [{ name: 'x', extra: 1 }, 'extra'],
    ]
    for (const [body, field] of cases) {
      const res = await send(ctx.app, 'POST', '/api/scenarios', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.details[0].field, JSON.stringify(body)).toBe(field)
    }
    for (const [q, status] of [
      ['abc', 400],
      ['0', 400],
      ['99999999999', 400],
      ['987654', 404],
    ] as const) {
      const res = await getJson(ctx.app, `/api/metrics?scenario=${q}`)
      expect(res.status, q).toBe(status)
      expect(res.body.error.details[0].field).toBe('scenario')
    }
    expect((await getJson(ctx.app, '/tiles/models/10/811/453.mvt?scenario=1')).status).toBe(400)
  })
})
