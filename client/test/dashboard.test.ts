// The built dashboard (client/dist) in Debian's Chromium against the API on a seeded embedded database.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { isLocal, OPTIONAL_PATHS, type Session, unexpectedErrors, waitForMap } from './browser.ts'
import { browserSuite, SHOTS } from './browser-suite.ts'

const suite = browserSuite()

async function open(
  query = '',
  viewport = { width: 1280, height: 720 },
  wait: 'map' | 'page' = 'map',
): Promise<Session> {
  const s = await suite.session(viewport, query.includes('lang=en') ? 'en-GB' : 'vi-VN')
  await s.page.goto(`${suite.server.base}/${query ? `?${query}` : ''}`)
  if (wait === 'map') await waitForMap(s.page)
  else await s.page.waitForSelector('[data-testid="demo-badge"]', { timeout: 90_000 })
  return s
}

const kpi = async (page: Page, key: string) =>
  (await page.locator(`[data-kpi="${key}"] .kpi-value`).textContent()) ?? ''

/** Distinct colours in a 64×64 sample of the map's WebGL canvas (the drawing buffer is preserved). */
async function canvasColours(page: Page): Promise<number> {
  return page.evaluate(() => {
    const gl = document.querySelector('[data-testid="map"] canvas') as HTMLCanvasElement
    const c = document.createElement('canvas')
    c.width = 64
    c.height = 64
    const ctx = c.getContext('2d')!
    ctx.drawImage(gl, 0, 0, 64, 64)
    const px = ctx.getImageData(0, 0, 64, 64).data
    const seen = new Set<number>()
    for (let i = 0; i < px.length; i += 4) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2])
    return seen.size
  })
}

describe('the dashboard in a browser', { timeout: 180_000 }, () => {
  it('loads with no console errors, draws the map and sends no request off this machine', async () => {
    const s = await open()
    await s.page.screenshot({ path: `${SHOTS}/load-vi-1280.png` })
    expect(unexpectedErrors(s)).toEqual([])
    expect(s.failed.filter((f) => !OPTIONAL_PATHS.some((p) => f.endsWith(p)))).toEqual([])
    expect(s.requests.filter((u) => !isLocal(u))).toEqual([])
    expect(await canvasColours(s.page)).toBeGreaterThan(8)
  })

  it('shows the demo-data badge and Vietnamese labels by default', async () => {
    const s = await open('', undefined, 'page')
    await expect(s.page.getByTestId('demo-badge').textContent()).resolves.toBe('Dữ liệu minh họa')
    await expect(s.page.locator('[data-kpi="incidents"] .kpi-label').textContent()).resolves.toMatch(
      /Vụ việc/i,
    )
  })

  it('lists legend classes whose counts add up to the 99 communes', async () => {
    const s = await open()
    const counts = await s.page
      .locator('[data-testid="legend-choropleth"] td.count')
      .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.count)))
    expect(counts.length).toBeGreaterThanOrEqual(3)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(99)
  })

  it('updates the KPI bar when an incident category filter changes', async () => {
    const s = await open()
    const before = await kpi(s.page, 'incidents')
    await s.page.click('[data-tab="filters"]')
    await s.page.locator('[data-filter="categories"] input[value="drugs"]').check()
    await s.page.waitForFunction(
      (b) => document.querySelector('[data-kpi="incidents"] .kpi-value')?.textContent !== b,
      before,
      { timeout: 60_000 },
    )
    const after = await kpi(s.page, 'incidents')
    expect(Number(after.replace(/\D/g, ''))).toBeLessThan(Number(before.replace(/\D/g, '')))
    // The address follows within 150 ms of the change; the KPI can be quicker.
    await expect.poll(() => s.page.url()).toContain('cats=drugs')
  })

  it('shows the English interface with ?lang=en', async () => {
    const s = await open('lang=en')
    await s.page.screenshot({ path: `${SHOTS}/load-en-1280.png` })
    await expect(s.page.locator('[data-kpi="incidents"] .kpi-label').textContent()).resolves.toMatch(
      /^incidents$/i,
    )
    await expect(s.page.locator('[data-tab="layers"]').textContent()).resolves.toBe('Layers')
    await expect(s.page.getByTestId('demo-badge').textContent()).resolves.toBe('Demo data')
  })

  it('switches language with the header button', async () => {
    const s = await open()
    await s.page.getByTestId('lang-switch').click()
    await expect(s.page.locator('[data-tab="filters"]').textContent()).resolves.toBe('Filters')
    await s.page.waitForURL(/lang=en/)
  })

  it('opens the detail panel with the Vietnamese name of a clicked commune', async () => {
    // Centre the map inside Phường Lào Cai (its label point) and click the centre.
    const s = await suite.session({ width: 1280, height: 720 })
    const hit = (await (
      await s.context.request.get(`${suite.server.base}/api/search?q=lao%20cai&level=commune`)
    ).json()) as {
      results: { code: string; lon: number; lat: number }[]
    }
    const laoCai = hit.results.find((r) => r.code === '02647')!
    await s.page.goto(`${suite.server.base}/?map=12/${laoCai.lat}/${laoCai.lon}`)
    await waitForMap(s.page)
    const box = (await s.page.getByTestId('map').boundingBox())!
    await s.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await s.page.waitForSelector('[data-testid="detail-name"]:text-is("Lào Cai")', { timeout: 90_000 })
    expect(s.page.url()).toContain('sel=02647')
    await s.page.screenshot({ path: `${SHOTS}/detail-vi-1280.png` })
  })

  it('restores the same view from a copied address', async () => {
    const query = 'lang=en&m=village_coverage&cls=jenks&k=4&sel=02647&cats=drugs,theft&table=1&map=9/22.3/104'
    const a = await open(query)
    await a.page.waitForSelector('[data-testid="detail-name"]:text-is("Lào Cai")', { timeout: 90_000 })
    const url = a.page.url()
    const b = await open(new URL(url).search.slice(1))
    await b.page.waitForSelector('[data-testid="detail-name"]:text-is("Lào Cai")', { timeout: 90_000 })
    const legend = (p: Page) => p.getByTestId('legend-choropleth').textContent()
    expect(await legend(b.page)).toBe(await legend(a.page))
    expect(await kpi(b.page, 'incidents')).toBe(await kpi(a.page, 'incidents'))
    expect(await b.page.getByTestId('ranking').isVisible()).toBe(true)
    expect(await b.page.getByTestId('metric-select').inputValue()).toBe('village_coverage')
    expect(new URL(b.page.url()).searchParams.get('map')).toBe('9/22.3/104')
  })

  it('shows the village itself from a ?sel= link opened at commune level, not only its commune', async () => {
    const s = await open('sel=02701-003')
    await s.page.waitForSelector('[data-testid="detail-name"]', { timeout: 90_000 })
    // a commune is fitted at zoom 12 at most; the village's own outline is fitted closer
    const zoom = () => Number(new URL(s.page.url()).searchParams.get('map')?.split('/')[0] ?? 0)
    await expect.poll(zoom, { timeout: 60_000 }).toBeGreaterThan(12.2)
    expect(s.requests.some((u) => u.includes('level=village') && u.includes('commune=02701'))).toBe(true)
    expect(new URL(s.page.url()).searchParams.get('lv')).toBeNull()
    await s.page.screenshot({ path: `${SHOTS}/sel-village-at-commune-level.png` })
  })

  it('switches the incident rate between raw and smoothed in the legend and marks small numbers', async () => {
    const s = await open()
    await s.page.locator('[data-testid="rate-switch"] [data-rate="incident_rate_eb"]').click()
    await s.page.waitForURL(/m=incident_rate_eb/)
    await expect.poll(() => s.page.getByTestId('metric-select').inputValue()).toBe('incident_rate_eb')
    const metrics = (await (
      await s.context.request.get(`${suite.server.base}/api/metrics?level=commune`)
    ).json()) as {
      rows: { incident_rate_flagged: boolean | null }[]
    }
    const flagged = metrics.rows.filter((r) => r.incident_rate_flagged).length
    await expect
      .poll(() =>
        s.page
          .locator('[data-testid="legend-choropleth"] [data-class="small-numbers"] td.mark-count')
          .getAttribute('data-count'),
      )
      .toBe(String(flagged))
    await s.page.screenshot({ path: `${SHOTS}/rate-smoothed-1280.png` })
    await s.page.locator('[data-testid="rate-switch"] [data-rate="incident_rate_per_1000"]').click()
    await expect.poll(() => new URL(s.page.url()).searchParams.get('m')).toBeNull()
  })

  it('maps the standard set of models for a viewer: communes by share, villages met or lacking', async () => {
    const s = await suite.session({ width: 1280, height: 720 }, 'vi-VN', 'viewer')
    await s.page.goto(`${suite.server.base}/?layers=standard,border_line,labels`)
    const counts = () =>
      s.page
        .locator('[data-testid="legend-standard"] td.count')
        .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.count)))
    await s.page.waitForSelector('[data-testid="legend-standard"] [data-class="q3"]', { timeout: 90_000 })
    expect((await counts()).reduce((a, b) => a + b, 0)).toBe(99)
    await s.page.goto(`${suite.server.base}/?layers=standard,border_line,labels&lv=village&drill=02701`)
    await s.page.waitForSelector('[data-testid="legend-standard"] [data-class="met"]', { timeout: 90_000 })
    const villages = (await (
      await s.context.request.get(
        `${suite.server.base}/api/units?level=village&commune=02701&properties=code&geometry=point`,
      )
    ).json()) as { features: unknown[] }
    await expect.poll(async () => (await counts()).reduce((a, b) => a + b, 0)).toBe(villages.features.length)
    await s.page.screenshot({ path: `${SHOTS}/standard-villages-viewer.png` })
    expect(unexpectedErrors(s)).toEqual([])
  })
})
