import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { backends, expectRejected, getJson, type SignedInApp, signIn, useApp } from '../testing.ts'

const PERIOD = { from: '2025-07-01', to: '2026-06-30' }

const post = (app: SignedInApp, path: string, body: unknown) =>
  getJson(app, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

/** The objective recomputed from the answer's own demand, coverage and existing coverage. */
function recomputedObjective(body: any): number {
  const already = new Set<string>(body.already_covered)
  const reached = new Set<string>()
  for (const s of body.selected) for (const v of body.coverage[s.code]) if (!already.has(v)) reached.add(v)
  return [...reached].reduce((sum, v) => sum + body.demand[v], 0)
}

describe.each(backends())('plans on the %s database', (backend) => {
  const ctx = useApp(backend, 'planner')
  /** The answer to a plan of PERIOD, which must be 200. */
  const planned = async (form: 'optimize' | 'cover', body: Record<string, unknown>) => {
    const res = await post(ctx.app, `/api/plans/${form}`, { ...body, ...PERIOD })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }

  it('places five grassroots teams where the most residents are newly covered, as the contract says', async () => {
    const body = await planned('optimize', {
      level: 'village',
      model_type: 'to_bao_ve_antt',
      count: 5,
      budget: null,
      demand: 'population',
      communes: ['02647', '02671', '02683'],
      include: [],
      exclude: [],
      time_limit_s: 10,
    })
    expect(body.status).toBe('optimal')
    expect(body.solver).toBe('highs')
    expect(body.gap).toBe(0)
    expect(body.selected).toHaveLength(5)
    expect(body.objective).toBe(recomputedObjective(body))
    expect(body.objective).toBeGreaterThanOrEqual(body.greedy_objective)
    expect(body.selected.reduce((s: number, x: any) => s + x.gain, 0)).toBe(body.objective)
    // numbered by marginal gain
    const gains = body.selected.map((s: any) => s.gain)
    expect(gains).toEqual([...gains].sort((a, b) => b - a))
    // a village-wide type: each site covers itself, never an already covered village
    const already = new Set(body.already_covered)
    for (const s of body.selected) {
      expect(body.coverage[s.code]).toEqual([s.code])
      expect(already.has(s.code)).toBe(false)
      expect(s.only).toEqual([s.code])
    }
    expect(body.after.demand_covered - body.before.demand_covered).toBe(body.objective)
    expect(body.after.villages_covered - body.before.villages_covered).toBe(5)
    expect(body.curve.map((p: any) => p.k)).toEqual([1, 2, 3, 4, 5])
    expect(body.curve[4].optimal).toBe(body.objective)
    for (const p of body.curve) if (p.optimal !== null) expect(p.optimal).toBeGreaterThanOrEqual(p.greedy)
  })

  it('weighs villages by the need part of their priority score when demand is need', async () => {
    const communes = ['02647', '02671', '02683']
    const body = await planned('optimize', {
      model_type: 'to_bao_ve_antt',
      count: 3,
      demand: 'need',
      communes,
    })
    const prio = await getJson(ctx.app, `/api/priorities?level=village&from=${PERIOD.from}&to=${PERIOD.to}`)
    const need = new Map<string, number>(prio.body.rows.map((r: any) => [r.code, r.need]))
    const [n] = await ctx.db.query<{ n: number }>(
      'select count(*)::int as n from village where valid_to is null and commune_code = any ($1)',
      [communes],
    )
    expect(Object.keys(body.demand)).toHaveLength(n.n)
    for (const [code, w] of Object.entries(body.demand)) expect(w, code).toBeCloseTo(need.get(code) ?? 0, 9)
    expect(Object.values(body.demand).some((w) => (w as number) > 0)).toBe(true)
    expect(body.objective).toBeCloseTo(recomputedObjective(body), 9)
    // a village-wide type: the optimum is the three uncovered villages of highest need
    const already = new Set(body.already_covered)
    const open = Object.entries(body.demand)
      .filter(([code]) => !already.has(code))
      .map(([, w]) => w as number)
      .sort((x, y) => y - x)
    expect(body.objective).toBeCloseTo(open[0] + open[1] + open[2], 9)
  })

  it('covers a whole commune with a commune-wide type: one site per commune, covered communes left out', async () => {
    const communes = ['02647', '02671', '02683']
    const body = await planned('optimize', {
      model_type: 'clb_phong_chong_ma_tuy',
      count: 2,
      demand: 'population',
      communes,
    })
    const villages = await ctx.db.query<{ code: string; commune_code: string }>(
      'select code, commune_code from village where valid_to is null and commune_code = any ($1) order by code',
      [communes],
    )
    const of = (commune: string) => villages.filter((v) => v.commune_code === commune).map((v) => v.code)
    const already = new Set<string>(body.already_covered)
    // coverage is commune by commune: a commune is covered in full or not at all
    for (const c of communes) {
      const inside = of(c).filter((v) => already.has(v)).length
      expect([0, of(c).length], c).toContain(inside)
    }
    expect(body.selected).toHaveLength(2)
    const chosen = body.selected.map((s: any) => s.commune_code)
    expect(new Set(chosen).size).toBe(chosen.length)
    for (const s of body.selected) {
      expect([...body.coverage[s.code]].sort()).toEqual(of(s.commune_code))
      expect(already.has(s.code)).toBe(false)
    }
    expect(body.objective).toBe(recomputedObjective(body))
  })

  it('covers by radius exactly the villages PostGIS puts within radius_m of each site', async () => {
    const body = await planned('optimize', {
      model_type: 'camera_an_ninh',
      count: 4,
      radius_m: 1500,
      demand: 'incidents',
      communes: ['02647', '02671'],
    })
    expect(body.parameters.radius_m).toBe(1500)
    expect(body.objective).toBe(recomputedObjective(body))
    for (const s of body.selected.slice(0, 2)) {
      const rows = await ctx.db.query<{ code: string; d: number }>(
        `select v.code, ST_Distance(s.point::geography, v.point::geography) as d
         from village s, village v where s.code = $1 and v.commune_code in ('02647', '02671') order by v.code`,
        [s.code],
      )
      const within = rows.filter((r) => r.d <= 1500).map((r) => r.code)
      expect([...body.coverage[s.code]].sort()).toEqual(within)
      expect(within.length).toBeLessThan(rows.length)
    }
    // demand = incidents of the period per village
    const [n] = await ctx.db.query<{ n: number }>(
      `select count(*)::int as n from incident where village_code is not null and commune_code in ('02647', '02671')
       and occurred_on between $1 and $2`,
      [PERIOD.from, PERIOD.to],
    )
    expect(Object.values(body.demand).reduce((a: number, b) => a + (b as number), 0)).toBe(n.n)
  })

  it('keeps locks and re-solves: a site forced in stays, the best site forced out goes', async () => {
    const base = { model_type: 'camera_an_ninh', count: 3, radius_m: 1000, communes: ['02647'], ...PERIOD }
    const first = await post(ctx.app, '/api/plans/optimize', base)
    const top = first.body.selected[0].code
    const candidates = Object.keys(first.body.coverage)
    const forced = candidates.find((c) => !first.body.selected.some((s: any) => s.code === c)) as string
    const again = await post(ctx.app, '/api/plans/optimize', { ...base, include: [forced], exclude: [top] })
    expect(again.status).toBe(200)
    const codes = again.body.selected.map((s: any) => s.code)
    expect(codes).toContain(forced)
    expect(codes).not.toContain(top)
    expect(again.body.selected[0]).toMatchObject({ code: forced, locked: true })
    expect(again.body.objective).toBeLessThanOrEqual(first.body.objective)
  })

  it('exports the plan as XLSX with the sites in order, their communes, type, cost and gain, audited', async () => {
    const plan = { model_type: 'tieng_keng_an_ninh', count: 3, communes: ['02647'], ...PERIOD }
    const solved = await post(ctx.app, '/api/plans/optimize', plan)
    const sites = solved.body.selected.map((s: any) => s.code)
    const res = await ctx.app.request('/api/plans/export', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ plan, sites, lang: 'vi' }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/antt-plan-tieng_keng_an_ninh-.*\.xlsx/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const ws = wb.getWorksheet('Điểm đề xuất')
    const rows = [2, 3, 4].map((r) => ws?.getRow(r).values as unknown[])
    expect(rows.map((r) => r[2])).toEqual(sites)
    expect(rows.map((r) => r[8])).toEqual(solved.body.selected.map((s: any) => s.gain))
    expect(rows[0][5]).toBe('Phường Lào Cai')
    expect(rows[0][6]).toBe('Tiếng kẻng an ninh')
    expect(rows[0][7]).toBe(solved.body.parameters.unit_cost_vnd)
    const admin = await signIn(ctx.raw, 'admin')
    const log = await getJson(admin, '/api/audit?action=export&limit=5')
    expect(log.body.entries.some((e: any) => e.target === 'plan.xlsx' && e.username === 'planner')).toBe(true)
  })

  it('buys as many models as the budget allows at the unit cost', async () => {
    const costs = await getJson(ctx.app, '/api/plans/costs')
    const cost = costs.body.costs.find((c: any) => c.type_code === 'tieng_keng_an_ninh').unit_cost_vnd
    const body = await planned('optimize', {
      model_type: 'tieng_keng_an_ninh',
      budget: cost * 3.5,
      communes: ['02647'],
    })
    expect(body.parameters.count).toBe(3)
    expect(body.parameters.total_cost_vnd).toBe(3 * cost)
  })

  it('answers bad input with 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ model_type: 'no_such_type', count: 2 }, 'model_type'],
      [{ model_type: 'to_hoa_giai', count: 0 }, 'count'],
      [{ model_type: 'to_hoa_giai', count: 2.5 }, 'count'],
      [{ model_type: 'camera_an_ninh', count: 2, radius_m: 20001 }, 'radius_m'],
      [{ model_type: 'camera_an_ninh', count: 2, radius_m: -1 }, 'radius_m'],
      [{ model_type: 'to_hoa_giai', count: 2, budget: 1e9 }, 'budget'],
      [{ model_type: 'to_hoa_giai' }, 'count'],
      [{ model_type: 'to_hoa_giai', budget: 10 }, 'budget'],
      [{ model_type: 'to_hoa_giai', count: 2, demand: 'votes' }, 'demand'],
      [{ model_type: 'to_hoa_giai', count: 2, communes: ['99999'] }, 'communes'],
      [{ model_type: 'to_hoa_giai', count: 2, communes: ['02647'], include: ['02671-001'] }, 'include'],
      [
        { model_type: 'to_hoa_giai', count: 1, communes: ['02647'], include: ['02647-001', '02647-002'] },
        'include',
      ],
      [
        {
          model_type: 'to_hoa_giai',
          count: 2,
          communes: ['02647'],
          include: ['02647-001'],
          exclude: ['02647-001'],
        },
        'exclude',
      ],
      [{ model_type: 'to_hoa_giai', count: 2, time_limit_s: 0 }, 'time_limit_s'],
      [{ model_type: 'to_hoa_giai', count: 2, level: 'commune' }, 'level'],
      [{ model_type: 'to_hoa_giai', count: 2, from: '2026-05-01', to: '2026-01-01' }, 'from'],
      [{ model_type: 'to_hoa_giai', count: 2, colour: 'red' }, 'colour'],
    ]
    for (const [body, field] of cases) {
      expectRejected(await post(ctx.app, '/api/plans/optimize', body), field, JSON.stringify(body))
    }
  })

  it('finds the fewest models that cover every village of a commune, and says when a target is out of reach', async () => {
    const body = await planned('cover', {
      model_type: 'to_bao_ve_antt',
      target: 'all',
      share: 1,
      communes: ['02671'],
    })
    expect(body.status).toBe('optimal')
    // one village-wide model per uncovered village, no fewer
    expect(body.models).toBe(body.target.villages - body.target.covered_before)
    // a village-wide type: each site newly covers its own village, which the map marks
    for (const site of body.selected) expect(site.covers).toEqual([site.code])
    expect(body.target.covered_after).toBe(body.target.villages)
    const out = await post(ctx.app, '/api/plans/cover', {
      model_type: 'to_bao_ve_antt',
      target: 'all',
      share: 1,
      communes: ['02671'],
      exclude: [body.selected[0].code],
      ...PERIOD,
    })
    expect(out.body.status).toBe('infeasible')
    expect(out.body.models).toBeNull()
    expect(out.body.target.reachable).toBe(out.body.target.needed - 1)
  })

  it('brings border villages to a share with no more cameras than greedy, and reaches the share', async () => {
    const border = await ctx.db.query<{ commune_code: string }>(
      `select commune_code from commune_area_class where class_code = 'border' order by 1 limit 4`,
    )
    const body = await planned('cover', {
      model_type: 'camera_an_ninh',
      radius_m: 2000,
      target: 'border',
      share: 0.4,
      communes: border.map((b) => b.commune_code),
    })
    expect(body.status).toBe('optimal')
    expect(body.models).toBeLessThanOrEqual(body.greedy_models)
    expect(body.target.covered_after).toBeGreaterThanOrEqual(Math.ceil(0.4 * body.target.villages))
    expect(body.after.border_villages_covered).toBe(body.target.covered_after)
  })

  it("keeps a steward's plan inside the steward's ward", async () => {
    const steward = await signIn(ctx.raw, 'steward')
    const { status, body } = await post(steward, '/api/plans/optimize', {
      model_type: 'camera_an_ninh',
      count: 3,
      radius_m: 5000,
      ...PERIOD,
    })
    expect(status).toBe(200)
    const codes = [...Object.keys(body.demand), ...Object.values(body.coverage).flat()] as string[]
    expect(codes.length).toBeGreaterThan(0)
    expect(codes.every((c) => c.startsWith('02647-'))).toBe(true)
    for (const s of body.selected) expect(s.commune_code).toBe('02647')
    const other = await post(steward, '/api/plans/optimize', {
      model_type: 'camera_an_ninh',
      count: 1,
      communes: ['02671'],
    })
    expect(other.status).toBe(400)
    expect(other.body.error.details[0].field).toBe('communes')
  })

  it('lets planners and administrators edit unit costs, audited, and nobody else', async () => {
    const put = (app: SignedInApp, cost: unknown) =>
      getJson(app, '/api/plans/costs/to_tuan_tra', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ unit_cost_vnd: cost }),
      })
    const before = (await getJson(ctx.app, '/api/plans/costs')).body.costs.find(
      (c: any) => c.type_code === 'to_tuan_tra',
    ).unit_cost_vnd
    const res = await put(ctx.app, before + 1000)
    expect(res.status).toBe(200)
    expect(res.body.cost).toMatchObject({
      type_code: 'to_tuan_tra',
      unit_cost_vnd: before + 1000,
      updated_by: 'planner',
    })
    expect((await put(ctx.app, -5)).body.error.details[0].field).toBe('unit_cost_vnd')
    expect((await put(await signIn(ctx.raw, 'leader'), 1)).status).toBe(403)
    expect((await put(await signIn(ctx.raw, 'steward'), 1)).status).toBe(403)
    const admin = await signIn(ctx.raw, 'admin')
    expect((await put(admin, before)).status).toBe(200)
    const log = await getJson(admin, '/api/audit?action=unit_cost_update')
    const entries = log.body.entries.filter((e: any) => e.target === 'model_type:to_tuan_tra')
    expect(entries.length).toBeGreaterThanOrEqual(2)
  })

  it('is for roles that see incident records: briefer and viewer are refused', async () => {
    for (const role of ['briefer', 'viewer'] as const) {
      const app = await signIn(ctx.raw, role)
      const res = await post(app, '/api/plans/optimize', { model_type: 'to_hoa_giai', count: 1 })
      expect(res.status, role).toBe(403)
      expect((await getJson(app, '/api/plans/costs')).status, role).toBe(403)
    }
    const leader = await signIn(ctx.raw, 'leader')
    const res = await post(leader, '/api/plans/optimize', {
      model_type: 'to_hoa_giai',
      count: 1,
      communes: ['02647'],
      demand: 'incidents',
    })
    expect(res.status).toBe(200)
  })
  it('never gives incident demand to an aggregate-only role, even one granted plan', async () => {
    await ctx.db.query(`insert into role_permission (role_code, permission_code) values ('viewer', 'plan')`)
    try {
      const viewer = await signIn(ctx.raw, 'viewer')
      const body = { model_type: 'to_hoa_giai', count: 1, communes: ['02647'], ...PERIOD }
      const refused = await post(viewer, '/api/plans/optimize', { ...body, demand: 'incidents' })
      expect(refused.status).toBe(403)
      expect(refused.body.error.details[0].field).toBe('demand')
      expect((await post(viewer, '/api/plans/optimize', { ...body, demand: 'population' })).status).toBe(200)
    } finally {
      await ctx.db.query(
        `delete from role_permission where role_code = 'viewer' and permission_code = 'plan'`,
      )
    }
  })
})
