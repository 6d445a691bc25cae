// The analytics views in a real browser (built client, in-process API, seeded embedded database): hot-spot
// legend, priority weights in the address, bivariate key, change map, and the priority-based "why weak".
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { GI_CLASSES } from '../src/analytics/analytics-colors.ts'
import { isLocal, type Session, unexpectedErrors, waitForMap } from './browser.ts'
import { browserSuite, SHOTS } from './browser-suite.ts'

const COMMUNES = 99
const BASE_LAYERS = 'border_belt,border_line,labels'
/** The machine running the tests may be busy: the first map of a page can take minutes there. */
const LOAD_TIMEOUT = 240_000

// Each page draws WebGL on the CPU (SwiftShader): each test's pages close as soon as it is done.
const suite = browserSuite({ closeEachTest: true })

const signIn = (lang: 'vi' | 'en', viewport = { width: 1280, height: 720 }): Promise<Session> =>
  suite.session(viewport, lang === 'en' ? 'en-GB' : 'vi-VN')

async function open(query: string, viewport = { width: 1280, height: 720 }): Promise<Session> {
  const s = await signIn(query.includes('lang=en') ? 'en' : 'vi', viewport)
  await s.page.goto(`${suite.server.base}/?${query}`)
  await waitForMap(s.page, LOAD_TIMEOUT).catch(async (e) => {
    await s.page.screenshot({ path: `${SHOTS}/analytics-failed-load.png` }).catch(() => {})
    throw new Error(`${String(e)}\nconsole: ${s.consoleErrors.join(' | ')}\nfailed: ${s.failed.join(' | ')}`)
  })
  return s
}

/** The data-count of every row of a legend entry. */
const legendCounts = (page: Page, testId: string) =>
  page
    .locator(`[data-testid="${testId}"] td.count`)
    .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.count)))

/** Unit codes of the priority table, top to bottom. */
const tableOrder = (page: Page) =>
  page
    .locator('[data-testid="priority-table"] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.code ?? ''))

/**
 * Sets the planner's form (the model type first, then the other fields given, by data-field), solves, and
 * waits for the results; answers the panel.
 */
async function solvePlan(page: Page, fields: { model_type: string } & Record<string, string>) {
  const panel = page.getByTestId('plan-panel')
  await panel.waitFor({ timeout: 120_000 })
  for (const [field, value] of Object.entries(fields)) {
    const input = panel.locator(`[data-field="${field}"]`)
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value)
    else await input.fill(value)
  }
  await panel.locator('[data-action="solve"]').click()
  await page.getByTestId('plan-results').waitFor({ timeout: 180_000 })
  return panel
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

describe('analytics views in a browser', { timeout: 480_000 }, () => {
  it('shows the hot-spot legend with its method and class counts that add up to the communes', async () => {
    const s = await open('')
    await s.page.locator('[data-layer="hotspots"] input[type="checkbox"]').check()
    const legend = s.page.getByTestId('legend-hotspots')
    await legend.locator('[data-class="not-significant"]').waitFor({ timeout: 120_000 })
    const method = (await s.page.getByTestId('legend-hotspots-notes').textContent()) ?? ''
    expect(method).toContain('Getis–Ord Gi*')
    expect(method).toMatch(/quân hậu \(queen\).*tính cả chính đơn vị/)
    expect(method).toContain('999 hoán vị')
    expect(method).toContain('FDR')
    const rows = await legend
      .locator('tr')
      .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.class))
    expect(rows).toEqual([...GI_CLASSES, 'nodata'])
    expect(sum(await legendCounts(s.page, 'legend-hotspots'))).toBe(COMMUNES)
    // On the demo data nothing is significant at 95 % after FDR: the legend says so first (under its title, in
    // sight on a projector's 720 pixels), with how many units without the correction and the switch to them.
    const none = legend.getByTestId('hotspot-none')
    const said = (await none.textContent()) ?? ''
    const raw = Number(/FDR; (\d+) đơn vị nếu không hiệu chỉnh/.exec(said)?.[1])
    expect(raw).toBeGreaterThan(0)
    expect(await none.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true)
    await legend.getByTestId('hotspot-fdr-off').click()
    await none.waitFor({ state: 'detached', timeout: 120_000 })
    const at95 = async () => {
      const counts = await legendCounts(s.page, 'legend-hotspots')
      return counts[0] + counts[1] + counts[5] + counts[6]
    }
    await expect.poll(at95, { timeout: 120_000 }).toBe(raw)
    await s.page.locator('[data-layer="hotspots"] [data-field="fdr"]').check()
    await none.waitFor({ timeout: 120_000 })
    // One fill layer at a time: the thematic map made way.
    await s.page.waitForURL(/layers=[^&]*hotspots/)
    expect(new URL(s.page.url()).searchParams.get('layers')?.split(',')).not.toContain('choropleth')
    await s.page.screenshot({ path: `${SHOTS}/analytics-hotspots-vi-1280.png` })

    await s.page.locator('[data-view="lisa"]').click()
    await legend.locator('[data-class="HH"]').waitFor()
    expect(await legend.locator('[data-class="HH"] .interval').textContent()).toMatch(/^Cao – Cao/)
    expect((await s.page.getByTestId('legend-hotspots-notes').textContent()) ?? '').toContain(
      'chuẩn hóa theo hàng',
    )
    expect(sum(await legendCounts(s.page, 'legend-hotspots'))).toBe(COMMUNES)
    expect(unexpectedErrors(s), s.failed.join('\n')).toEqual([])
    expect(s.requests.filter((u) => !isLocal(u))).toEqual([])
  })

  it('reorders the priority table and writes the weights into the address when a weight changes', async () => {
    const s = await open('table=1&tab=prio')
    const table = s.page.getByTestId('priority-table')
    await table.locator('tbody tr').first().waitFor({ timeout: 120_000 })
    await s.page.waitForFunction(
      () => !document.querySelector('[data-testid="priority-table"][aria-busy="true"]'),
    )
    const before = await tableOrder(s.page)
    expect(before).toHaveLength(COMMUNES)
    expect(await table.locator('tbody tr').first().locator('.contrib-bar span').count()).toBeGreaterThan(1)

    // Strategic area to the highest weight, by keyboard as a user would.
    const slider = s.page.locator('[data-weight="strategic"] input[type="range"]')
    await slider.focus()
    await s.page.keyboard.press('End')
    await s.page.waitForURL(/pw=strat(:|%3A)1\b/)
    await s.page.waitForFunction(
      () => !document.querySelector('[data-testid="priority-table"][aria-busy="true"]'),
    )
    const after = await tableOrder(s.page)
    expect(after).not.toEqual(before)
    expect(after.slice().sort()).toEqual(before.slice().sort())
    const share = Number(
      await s.page.locator('[data-weight="strategic"] .weight-share').getAttribute('data-share'),
    )
    expect(share).toBeCloseTo(1 / 1.95, 6)
    await s.page.screenshot({ path: `${SHOTS}/analytics-priority-vi-1280.png` })

    // The address restores the weights and the order.
    await s.page.reload()
    await waitForMap(s.page, LOAD_TIMEOUT)
    await table.locator('tbody tr').first().waitFor({ timeout: 120_000 })
    await s.page.waitForFunction(
      () => !document.querySelector('[data-testid="priority-table"][aria-busy="true"]'),
    )
    expect(await slider.inputValue()).toBe('1')
    expect(await tableOrder(s.page)).toEqual(after)

    await s.page.getByTestId('weights-reset').click()
    await s.page.waitForFunction(() => !window.location.search.includes('pw='))
    await s.page.waitForFunction(
      () => !document.querySelector('[data-testid="priority-table"][aria-busy="true"]'),
    )
    expect(await tableOrder(s.page)).toEqual(before)
  })

  it('shows the bivariate key as nine cells with counts for the communes and named quadrants', async () => {
    const s = await open(`layers=bivariate,${BASE_LAYERS}`)
    const legend = s.page.getByTestId('legend-bivariate')
    await legend.locator('[data-cell]').first().waitFor({ timeout: 120_000 })
    const cells = await legend
      .locator('[data-cell]')
      .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.count)))
    expect(cells).toHaveLength(9)
    expect(sum(cells)).toBeLessThanOrEqual(COMMUNES)
    expect(sum(cells)).toBeGreaterThan(COMMUNES - 5)
    expect(await legend.locator('[data-quadrant="highNeedLowCoverage"]').textContent()).toContain(
      'Nhu cầu cao – bao phủ thấp',
    )
    expect(await legend.textContent()).toContain('Độ bao phủ thôn')
    await s.page.screenshot({ path: `${SHOTS}/analytics-bivariate-vi-1280.png` })
  })

  it('shows significant rises and falls on the change map, with the rate ratio in the tooltip', async () => {
    // Centre the map on a commune whose rate rose significantly, to hover it.
    const s = await signIn('en')
    const cmp = (await (
      await s.context.request.get(`${suite.server.base}/api/compare?level=commune`)
    ).json()) as {
      rows: { code: string; name: string; change_class: string }[]
    }
    const rose = cmp.rows.find((r) => r.change_class === 'rise')!
    const hit = (await (
      await s.context.request.get(
        `${suite.server.base}/api/search?q=${encodeURIComponent(rose.name)}&level=commune`,
      )
    ).json()) as { results: { code: string; lon: number; lat: number }[] }
    const where = hit.results.find((r) => r.code === rose.code)!
    await s.page.goto(
      `${suite.server.base}/?lang=en&layers=change,${BASE_LAYERS}&map=12/${where.lat}/${where.lon}`,
    )
    await waitForMap(s.page, LOAD_TIMEOUT)

    const legend = s.page.getByTestId('legend-change')
    await legend.locator('[data-class="rise"]').waitFor({ timeout: 120_000 })
    expect(await legend.locator('[data-class="rise"] .interval').textContent()).toBe('Significant rise')
    expect(await legend.locator('[data-class="fall"] .interval').textContent()).toBe('Significant fall')
    const count = async (cls: string) =>
      Number(await legend.locator(`[data-class="${cls}"] td.count`).getAttribute('data-count'))
    expect(await count('rise')).toBeGreaterThan(0)
    expect(await count('fall')).toBeGreaterThan(0)
    expect(sum(await legendCounts(s.page, 'legend-change'))).toBe(COMMUNES)
    // The period pickers hold the API's default periods.
    expect(await s.page.locator('[data-period="b-from"]').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/)

    const box = (await s.page.getByTestId('map').boundingBox())!
    await s.page.mouse.move(box.x + box.width / 2 - 5, box.y + box.height / 2 - 5)
    await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    const tip = s.page.locator('.tooltip')
    await tip.waitFor({ timeout: 30_000 })
    expect(await tip.textContent()).toMatch(/Rate ratio B\/A: \d/)
    expect(await tip.textContent()).toContain('Significant rise')
    await s.page.screenshot({ path: `${SHOTS}/analytics-change-en-1280.png` })
  })

  it('explains a selected commune by the parts that added most to its priority score', async () => {
    const s = await open(`layers=hotspots,${BASE_LAYERS}&sel=02647`, { width: 1920, height: 1080 })
    const why = s.page.getByTestId('priority-why')
    await why.waitFor({ timeout: 120_000 })
    const parts = why.locator('[data-testid="why-parts"] li')
    expect(await parts.count()).toBeGreaterThan(0)
    expect(await parts.first().textContent()).toMatch(/\d+(,\d)? điểm$/)
    expect(await why.textContent()).toMatch(/Hạng \d+\/99/)
    await s.page.screenshot({ path: `${SHOTS}/analytics-detail-vi-1920.png` })
  })
  it('shows emerging hot spots with the rule of each category and the sparkline of a selected commune', async () => {
    const s = await signIn('en')
    const api = (await (
      await s.context.request.get(
        `${suite.server.base}/api/stats/emerging?level=commune&metric=incidents&permutations=199`,
      )
    ).json()) as { rows: { code: string; category: string; series: { hot: boolean | null }[] }[] }
    const unit = api.rows.find((r) => r.category !== 'no-pattern')!
    await s.page.goto(`${suite.server.base}/?lang=en&layers=emerging,${BASE_LAYERS}&sel=${unit.code}`)
    await waitForMap(s.page, LOAD_TIMEOUT)
    const legend = s.page.getByTestId('legend-emerging')
    await legend.locator('[data-class="no-pattern"]').waitFor({ timeout: 120_000 })
    expect(sum(await legendCounts(s.page, 'legend-emerging'))).toBe(COMMUNES)
    const row = legend.locator(`[data-class="${unit.category}"]`)
    expect(Number(await row.locator('td.count').getAttribute('data-count'))).toBeGreaterThan(0)
    expect(await row.locator('.rule').textContent()).toMatch(/significant/)
    const spark = s.page.getByTestId('emerging-sparkline')
    await spark.waitFor({ timeout: 120_000 })
    expect(await spark.getAttribute('data-category')).toBe(unit.category)
    expect(await spark.locator('circle').count()).toBe(unit.series.filter((b) => b.hot !== null).length)
    expect(await spark.textContent()).toMatch(/Mann–Kendall trend z = -?\d/)
    await s.page.screenshot({ path: `${SHOTS}/analytics-emerging-en-1280.png` })
    await spark.scrollIntoViewIfNeeded()
    await spark.screenshot({ path: `${SHOTS}/analytics-emerging-sparkline-en.png` })

    await s.page.getByTestId('lang-switch').click()
    await legend.locator('h3', { hasText: 'Điểm nóng mới nổi' }).waitFor()
    await s.page.screenshot({ path: `${SHOTS}/analytics-emerging-vi-1280.png` })
    expect(unexpectedErrors(s), s.failed.join('\n')).toEqual([])
  })
  it('lists alerts in the header inbox and opens one on the map at its unit with its layer', async () => {
    const s = await suite.session({ width: 1280, height: 720 }, 'en-GB', 'admin')
    const me = (await (await s.context.request.get(`${suite.server.base}/api/auth/me`)).json()) as {
      csrf_token: string
    }
    const headers = { 'x-csrf-token': me.csrf_token }
    const made = await s.context.request.post(`${suite.server.base}/api/alerts/rules`, {
      headers,
      data: {
        name: 'Incident spike',
        condition: 'incident_spike',
        threshold: 3,
        area: { all: true },
        level: 'commune',
        notify: { roles: ['admin'] },
      },
    })
    expect(made.status()).toBe(201)
    const run = (await (
      await s.context.request.post(`${suite.server.base}/api/alerts/evaluate`, { headers })
    ).json()) as {
      fired: number
    }
    expect(run.fired).toBeGreaterThan(0)
    await s.page.goto(`${suite.server.base}/?lang=en`)
    await waitForMap(s.page, LOAD_TIMEOUT)
    const count = s.page.getByTestId('alert-unread')
    await count.waitFor({ timeout: 60_000 })
    expect(Number(await count.getAttribute('data-count'))).toBe(run.fired)
    await s.page.getByTestId('alert-inbox').click()
    const first = s.page.locator('.alert-list li').first()
    expect(await first.textContent()).toMatch(/incidents in \d{4}-\d{2}, significantly above/)
    await s.page.screenshot({ path: `${SHOTS}/alerts-inbox-en-1280.png` })
    const code = await first.getAttribute('data-alert')
    expect(code).not.toBeNull()
    await first.locator('button').click()
    await s.page.waitForURL(/sel=\d{5}/)
    const url = new URL(s.page.url())
    expect(url.searchParams.get('layers')?.split(',')).toContain('incidents')
    await s.page.getByTestId('detail-panel').waitFor()
    await expect.poll(async () => Number(await count.getAttribute('data-count'))).toBe(run.fired - 1)
    await s.page.screenshot({ path: `${SHOTS}/alerts-opened-en-1280.png` })
  })
  it('lets a leader make an alert rule in the account menu, and names the field at fault', async () => {
    const s = await signIn('en')
    await s.page.goto(`${suite.server.base}/?lang=en`)
    await waitForMap(s.page, LOAD_TIMEOUT)
    await s.page.getByTestId('account-menu').click()
    await s.page.locator('[data-screen="alerts"]').click()
    const form = s.page.getByTestId('alert-rule-form')
    // one province served: its communes and classes are the choices, not a list of provinces
    await form.locator('select[name="area"]').waitFor()
    const areaForms = await form
      .locator('select[name="area"] option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
    expect(areaForms).toEqual(['all', 'classes', 'communes'])
    await form.locator('input[name="name"]').fill('Border coverage')
    await form.locator('input[name="threshold"]').fill('1.5')
    await form.locator('button[type="submit"]').click()
    await expect.poll(() => form.locator('[role="alert"]').textContent()).toMatch(/^threshold: /)
    await form.locator('input[name="threshold"]').fill('0.9')
    await form.locator('button[type="submit"]').click()
    const row = s.page.getByTestId('alert-rules').locator('tr', { hasText: 'Border coverage' })
    await row.waitFor()
    expect(await row.textContent()).toContain('Village coverage below')
    await s.page.screenshot({ path: `${SHOTS}/alerts-rules-en-1280.png` })
  })
  it('plans new cameras: numbered sites on the map, KPIs, the curve, why each site, a lock, re-solve and XLSX', async () => {
    const s = await open(`lang=en&table=1&tab=plan&layers=${BASE_LAYERS}`, { width: 1600, height: 1000 })
    const panel = await solvePlan(s.page, { model_type: 'camera_an_ninh', count: '6', radius_m: '1500' })
    const results = s.page.getByTestId('plan-results')
    expect(await results.locator('.plan-status').getAttribute('data-status')).toBe('optimal')
    expect(await results.locator('.plan-status').textContent()).toMatch(/Optimal \(HiGHS, proved\)/)
    const sites = panel.locator('tbody tr[data-site]')
    expect(await sites.count()).toBe(6)
    expect(await panel.locator('.site-badge').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6'])
    // village coverage after the plan is above the coverage before
    const cells = await results.locator('[data-kpi="village_coverage"] td').allTextContents()
    expect(Number.parseFloat(cells[2])).toBeGreaterThan(Number.parseFloat(cells[1]))
    expect(await s.page.getByTestId('plan-curve').locator('circle').count()).toBeGreaterThan(0)
    // why the first site: what it alone covers
    await sites.first().click()
    expect(await s.page.getByTestId('plan-why').textContent()).toMatch(/only through this site/)
    await s.page.waitForTimeout(1500)
    await s.page.screenshot({ path: `${SHOTS}/plan-en-1600.png` })

    // leave the best site out and solve again: it is gone, the rest re-numbered
    const top = await sites.first().getAttribute('data-site')
    await sites.first().locator('[data-action="exclude"]').click()
    expect(await panel.getByTestId('plan-locks').textContent()).toContain('1 left out')
    await panel.locator('[data-action="solve"]').click()
    await s.page.waitForFunction(
      (code) => !document.querySelector(`[data-testid="plan-panel"] tr[data-site="${code}"]`),
      top,
      { timeout: 180_000 },
    )
    expect(await panel.locator('tbody tr[data-site]').count()).toBe(6)

    const download = s.page.waitForEvent('download')
    await panel.locator('[data-action="export-xlsx"]').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^antt-plan-camera_an_ninh-\d{4}-\d{2}-\d{2}\.xlsx$/)
    // the same plan in Vietnamese
    await s.page.getByRole('button', { name: 'Tiếng Việt' }).click()
    await s.page.getByText('Tối ưu (HiGHS, đã chứng minh)').waitFor({ timeout: 30_000 })
    expect(await panel.locator('th').allTextContents()).toContain('Điểm đề xuất (thôn)')
    await s.page.waitForTimeout(1000)
    await s.page.screenshot({ path: `${SHOTS}/plan-vi-1600.png` })
    expect(s.requests.every(isLocal)).toBe(true)
    expect(unexpectedErrors(s)).toEqual([])
  })

  it('saves a plan as a briefing view that a briefer opens and presents: numbered sites and the figures before and after', async () => {
    const planner = await suite.session({ width: 1440, height: 900 }, 'vi-VN', 'planner')
    await planner.page.goto(`${suite.server.base}/?table=1&tab=plan&layers=choropleth,${BASE_LAYERS}`)
    await waitForMap(planner.page, LOAD_TIMEOUT)
    const panel = await solvePlan(planner.page, {
      model_type: 'to_bao_ve_antt',
      count: '4',
      demand: 'incidents',
    })
    const sites = await panel
      .locator('tbody tr[data-site]')
      .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.site))
    expect(sites).toHaveLength(4)
    await panel.locator('[data-action="plan-to-view"]').click()
    // the table closes for the slide; the form proposes a title naming the plan
    const form = planner.page.getByTestId('view-form')
    await form.waitFor()
    expect(await form.locator('input[name="title"]').inputValue()).toBe(
      'Phương án 4 Tổ bảo vệ ANTT ở cơ sở mới',
    )
    await planner.page.getByTestId('plan-card').waitFor()
    await form.locator('button[type="submit"]').click()
    await form.waitFor({ state: 'detached' })
    const saved = await planner.page.evaluate(async () => (await (await fetch('/api/views')).json()).views)
    const view = saved.find((v: any) => v.title === 'Phương án 4 Tổ bảo vệ ANTT ở cơ sở mới')
    expect(view.state.plan.sites.map((x: any) => x.code)).toEqual(sites)
    // demand by incidents: no count of incidents is kept in the view a briefer will open
    expect(view.state.plan.before.demand_covered).toBeNull()
    expect(view.state.plan.after.demand_covered).toBeNull()
    expect(JSON.stringify(view.state.plan)).not.toMatch(/"gain"|"covers"|"only_demand"/)

    const briefer = await suite.session({ width: 1280, height: 720 }, 'vi-VN', 'briefer')
    await briefer.page.goto(`${suite.server.base}/`)
    await waitForMap(briefer.page, LOAD_TIMEOUT)
    await briefer.page.getByRole('button', { name: 'Bản đồ đã lưu' }).click()
    const item = briefer.page.locator(`[data-view-id="${view.id}"]`)
    await item.locator('[data-action="open"]').click()
    const card = briefer.page.getByTestId('plan-card')
    await card.waitFor({ timeout: 60_000 })
    expect(await card.locator('.plan-card-sites li').count()).toBe(4)
    expect(
      await card.locator('[data-kpi]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.kpi)),
    ).toEqual(['village_coverage', 'population_covered', 'border_village_coverage'])
    await briefer.page.waitForTimeout(1500)
    await briefer.page.screenshot({ path: `${SHOTS}/plan-view-briefer-1280.png` })
    await item.locator('[data-action="present"]').click()
    const presenter = briefer.page.getByTestId('presenter')
    await presenter.waitFor()
    await presenter.getByTestId('plan-card').waitFor()
    expect(await presenter.getByTestId('slide-title').textContent()).toBe(
      'Phương án 4 Tổ bảo vệ ANTT ở cơ sở mới',
    )
    await briefer.page.waitForTimeout(3000)
    await briefer.page.screenshot({ path: `${SHOTS}/plan-view-present-1280.png` })
    // leaving the presentation puts the screen back as it was: the plan's card from the opened view
    await briefer.page.keyboard.press('Escape')
    await presenter.waitFor({ state: 'detached' })
    await card.locator('button').click()
    await card.waitFor({ state: 'detached' })
    expect(unexpectedErrors(briefer)).toEqual([])
    expect(unexpectedErrors(planner)).toEqual([])
  })

  it('turns a plan into a scenario: the banner, the changed KPIs beside the actual ones, and back', async () => {
    // coverage by one type, so that each proposed site adds exactly one covered village
    const s = await open(
      `table=1&tab=plan&types=to_bao_ve_antt&m=village_coverage&layers=choropleth,${BASE_LAYERS}`,
      {
        width: 1600,
        height: 1000,
      },
    )
    const panel = s.page.getByTestId('plan-panel')
    await panel.waitFor({ timeout: 120_000 })
    const kpi = s.page.locator('[data-kpi="villages"]')
    const covered = async () =>
      Number((await kpi.locator('.kpi-sub').textContent())?.split('/')[0].replace(/\D/g, ''))
    await s.page.waitForFunction(() => !document.querySelector('.kpi-bar.is-loading'))
    const before = await covered()
    await solvePlan(s.page, { model_type: 'to_bao_ve_antt', count: '8' })
    await panel.locator('[data-action="plan-to-scenario"]').click()

    const banner = s.page.getByTestId('scenario-banner')
    await banner.waitFor({ timeout: 60_000 })
    expect(await banner.textContent()).toMatch(
      /Kịch bản: Kế hoạch: 8 × Tổ bảo vệ ANTT ở cơ sở — số liệu giả định/,
    )
    expect(new URL(s.page.url()).searchParams.get('scn')).toMatch(/^\d+$/)
    await kpi.getByTestId('kpi-actual').waitFor({ timeout: 60_000 })
    await s.page.waitForFunction(() => !document.querySelector('.kpi-bar.is-loading'))
    expect(await covered()).toBe(before + 8)
    expect(await kpi.getByTestId('kpi-actual').textContent()).toMatch(/\(thực tế \d+(,\d+)? ?%\)/)
    expect(await s.page.locator('[data-kpi="models"] [data-testid="kpi-actual"]').textContent()).toMatch(
      /thực tế/,
    )
    expect(await panel.locator('[data-field="scenario"]').inputValue()).toBe(
      new URL(s.page.url()).searchParams.get('scn'),
    )
    await panel.locator('.plan-form').evaluate((form) => form.scrollTo(0, 0))
    await s.page.waitForTimeout(4000)
    await s.page.screenshot({ path: `${SHOTS}/scenario-vi-1600.png` })

    // the other question of the planner: the fewest models for 90 % of the border villages
    await panel.locator('[data-goal="cover"]').click()
    await panel.locator('[data-field="share"]').fill('90')
    await panel.locator('[data-action="solve"]').click()
    const cover = s.page.getByTestId('cover-results')
    await cover.waitFor({ timeout: 180_000 })
    expect(await cover.locator('.plan-status').getAttribute('data-status')).toBe('optimal')
    expect(await cover.locator('.plan-status').textContent()).toMatch(
      /Thôn biên giới: cần ít nhất \d+ mô hình mới/,
    )
    expect(await panel.locator('tbody tr[data-site]').count()).toBeGreaterThan(0)
    await panel.locator('.plan-form').evaluate((form) => form.scrollTo(0, 0))
    await s.page.waitForTimeout(4000)
    await s.page.screenshot({ path: `${SHOTS}/cover-vi-1600.png` })

    // back to the records: no banner, no second figure
    await banner.locator('[data-action="leave-scenario"]').click()
    await banner.waitFor({ state: 'detached' })
    await s.page.waitForFunction(() => !document.querySelector('[data-testid="kpi-actual"]'))
    await s.page.waitForFunction(() => !document.querySelector('.kpi-bar.is-loading'))
    expect(await covered()).toBe(before)
    // the address is written a moment after the change
    await s.page.waitForFunction(() => !new URLSearchParams(window.location.search).has('scn'))
    expect(s.requests.every(isLocal)).toBe(true)
    expect(unexpectedErrors(s)).toEqual([])
  })
})
