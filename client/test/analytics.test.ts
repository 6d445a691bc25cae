// The analytics views in a real browser (built client, in-process API, seeded embedded database): hot-spot
// legend, priority weights in the address, bivariate key, change map, and the priority-based "why weak".
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  isLocal,
  type LocalServer,
  launchChromium,
  openSession,
  type Session,
  startLocalServer,
  unexpectedErrors,
  waitForMap,
} from './browser.ts'

const SHOTS = process.env.ANTT_SCREENSHOTS ?? '/tmp/antt-test-screenshots'
const COMMUNES = 99
const BASE_LAYERS = 'border_belt,border_line,labels'
/** The machine running the tests may be busy: the first map of a page can take minutes there. */
const LOAD_TIMEOUT = 240_000

let server: LocalServer
let base: string
let browser: Browser
const sessions: Session[] = []

async function signIn(lang: 'vi' | 'en', viewport = { width: 1280, height: 720 }): Promise<Session> {
  const s = await openSession(browser, base, viewport, lang === 'en' ? 'en-GB' : 'vi-VN')
  sessions.push(s)
  return s
}

async function open(query: string, viewport = { width: 1280, height: 720 }): Promise<Session> {
  const s = await signIn(query.includes('lang=en') ? 'en' : 'vi', viewport)
  await s.page.goto(`${base}/?${query}`)
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

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

describe('analytics views in a browser', { timeout: 480_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    server = await startLocalServer()
    base = server.base
    browser = await launchChromium()
  })

  // Each page draws WebGL on the CPU (SwiftShader): close it as soon as its test is done.
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.context.close().catch(() => {})
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows the hot-spot legend with its method and class counts that add up to the communes', async () => {
    const s = await open('')
    await s.page.locator('[data-layer="hotspots"] input[type="checkbox"]').check()
    const legend = s.page.getByTestId('legend-hotspots')
    await legend.locator('[data-class="not-significant"]').waitFor({ timeout: 120_000 })
    const method = (await s.page.getByTestId('hotspot-method').textContent()) ?? ''
    expect(method).toContain('Getis–Ord Gi*')
    expect(method).toMatch(/quân hậu \(queen\).*tính cả chính đơn vị/)
    expect(method).toContain('999 hoán vị')
    expect(method).toContain('FDR')
    const rows = await legend
      .locator('tr')
      .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.class))
    expect(rows).toEqual([
      'hot-99',
      'hot-95',
      'hot-90',
      'not-significant',
      'cold-90',
      'cold-95',
      'cold-99',
      'nodata',
    ])
    expect(sum(await legendCounts(s.page, 'legend-hotspots'))).toBe(COMMUNES)
    // One fill layer at a time: the thematic map made way.
    await s.page.waitForURL(/layers=[^&]*hotspots/)
    expect(new URL(s.page.url()).searchParams.get('layers')?.split(',')).not.toContain('choropleth')
    await s.page.screenshot({ path: `${SHOTS}/analytics-hotspots-vi-1280.png` })

    await s.page.locator('[data-view="lisa"]').click()
    await legend.locator('[data-class="HH"]').waitFor()
    expect(await legend.locator('[data-class="HH"] .interval').textContent()).toMatch(/^Cao – Cao/)
    expect((await s.page.getByTestId('hotspot-method').textContent()) ?? '').toContain('chuẩn hóa theo hàng')
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
    const cmp = (await (await s.context.request.get(`${base}/api/compare?level=commune`)).json()) as {
      rows: { code: string; name: string; change_class: string }[]
    }
    const rose = cmp.rows.find((r) => r.change_class === 'rise')!
    const hit = (await (
      await s.context.request.get(`${base}/api/search?q=${encodeURIComponent(rose.name)}&level=commune`)
    ).json()) as { results: { code: string; lon: number; lat: number }[] }
    const where = hit.results.find((r) => r.code === rose.code)!
    await s.page.goto(`${base}/?lang=en&layers=change,${BASE_LAYERS}&map=12/${where.lat}/${where.lon}`)
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
    expect(await s.page.locator('[data-period="b-from"]').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/)

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
})
