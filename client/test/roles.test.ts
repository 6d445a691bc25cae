// Every role through every screen it may open, in one browser against one server: the map at both levels
// with each layer, the detail of a commune and of a village, the ranking and priority tables, the hot-spot,
// change and bivariate maps, time playback, the briefing panel and presenter, the export dialog, records,
// import, users and audit. Each screen must open with no page or console error and nothing blank; screens a
// role may not open must not be offered at all.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { OPTIONAL_PATHS, type Session, unexpectedErrors } from './browser.ts'
import { browserSuite, SHOTS } from './browser-suite.ts'

const TIMEOUT = 60_000

type Role = 'admin' | 'leader' | 'planner' | 'briefer' | 'steward' | 'viewer'

/** What each role may open, from the permission table of migration 012; everything else must be absent. */
interface Allowed {
  /** individual models (layer, detail list) */
  records: boolean
  /** saved views, the briefing panel and the presenter */
  views: boolean
  /** the PNG/PDF export dialog */
  export: boolean
  /** the records screen's editing forms and import */
  edit: boolean
  users: boolean
  audit: boolean
  /** the alert rules screen */
  alerts: boolean
}

// biome-ignore format: a matrix, one role a row
const MATRIX: Record<Role, Allowed> = {
  admin:   { records: true, views: true, export: true, edit: true, users: true, audit: true, alerts: true },
  leader:  { records: true, views: false, export: true, edit: false, users: false, audit: false, alerts: true },
  planner: { records: true, views: true, export: true, edit: false, users: false, audit: false, alerts: false },
  briefer: { records: false, views: true, export: true, edit: false, users: false, audit: false, alerts: false },
  steward: { records: true, views: false, export: true, edit: true, users: false, audit: false, alerts: false },
  viewer:  { records: false, views: false, export: false, edit: false, users: false, audit: false, alerts: false },
}

/** The analytic maps, each switched on in turn (each replaces the choropleth), with the legend that shows it drew. */
const ANALYTIC_LAYERS = ['hotspots', 'bivariate', 'change', 'emerging', 'standard']
/** The other layers, switched on together; `models` only for roles that read records. */
const OVERLAY_LAYERS = [
  'incidents',
  'models',
  'border_features',
  'area_classes',
  'border_belt',
  'border_line',
  'communes_2008',
  'labels',
]

const suite = browserSuite()

/** Distinct colours in a 32×32 sample of the map canvas: a drawn map has many, a blank one few. */
function mapColours(page: Page): Promise<number> {
  return page.evaluate(() => {
    const gl = document.querySelector('[data-testid="map"] canvas') as HTMLCanvasElement | null
    if (!gl) return 0
    const c = document.createElement('canvas')
    c.width = 32
    c.height = 32
    const ctx = c.getContext('2d') as CanvasRenderingContext2D
    ctx.drawImage(gl, 0, 0, 32, 32)
    const px = ctx.getImageData(0, 0, 32, 32).data
    const seen = new Set<number>()
    for (let i = 0; i < px.length; i += 4) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2])
    return seen.size
  })
}

/**
 * Distinct colours on screen in the part of the map above the open table, as the compositor shows it (the
 * canvas's own pixels can be whole while the screen is not: see the floating panels in styles.css).
 */
async function shownMapColours(page: Page): Promise<number> {
  const map = await page.getByTestId('map').boundingBox()
  const table = await page.getByTestId('ranking').boundingBox()
  if (!map || !table) return 0
  // the whole screen: a clip that leaves the table out is composited differently and hides the fault
  const png = (await page.screenshot()).toString('base64')
  // the middle of the top third of the free part, clear of the map's controls
  const box = { x: map.x + map.width * 0.3, y: map.y, width: map.width * 0.4, height: (table.y - map.y) / 3 }
  return page.evaluate(
    async ({ data, box }) => {
      const img = new Image()
      img.src = `data:image/png;base64,${data}`
      await img.decode()
      const c = document.createElement('canvas')
      c.width = 32
      c.height = 32
      const ctx = c.getContext('2d') as CanvasRenderingContext2D
      const k = img.width / window.innerWidth
      ctx.drawImage(img, box.x * k, box.y * k, box.width * k, box.height * k, 0, 0, 32, 32)
      const px = ctx.getImageData(0, 0, 32, 32).data
      const seen = new Set<number>()
      for (let i = 0; i < px.length; i += 4) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2])
      return seen.size
    },
    { data: png, box },
  )
}

/** Nothing blank: the header, the KPI values and a drawn map are there, and no panel has failed. */
async function expectWhole(page: Page, screen: string) {
  expect(await page.locator('[data-panel-error]').count(), `${screen}: a panel failed`).toBe(0)
  expect(await page.locator('header.header').count(), `${screen}: header`).toBe(1)
  const kpi = await page.locator('[data-kpi="incidents"] .kpi-value').textContent()
  expect(kpi, `${screen}: KPI`).toMatch(/\d/)
}

const present = (page: Page, selector: string) => page.locator(selector).count()

async function walk(role: Role, s: Session) {
  const may = MATRIX[role]
  const { page } = s
  const visited: string[] = []
  const step = async (screen: string, run: () => Promise<void>) => {
    const t0 = Date.now()
    try {
      await run()
    } catch (e) {
      await page.screenshot({ path: `${SHOTS}/roles-${role}-failed.png` })
      const message = `${role}, ${screen}: ${(e as Error).message}`
      console.log(message)
      throw new Error(message)
    }
    if (process.env.ROLES_TIMING) console.log(role, screen, Date.now() - t0)
    await expectWhole(page, screen)
    visited.push(screen)
  }

  // The map at commune level, with the header's controls as the role allows.
  await step('map-commune', async () => {
    await page.goto(`${suite.server.base}/`)
    await page.waitForSelector('[data-testid="legend-choropleth"] [data-class="0"]', { timeout: TIMEOUT })
    await page.waitForSelector('[data-testid="account-menu"]', { timeout: TIMEOUT })
    // the header's buttons follow the session, which may come a moment after the account menu
    await expect.poll(() => present(page, '[data-testid="briefing-open"]')).toBe(may.views ? 1 : 0)
    await expect
      .poll(() => present(page, '[data-testid="export-png"]'))
      .toBe(may.export && !may.views ? 1 : 0)
    await expect.poll(() => mapColours(page), { timeout: TIMEOUT }).toBeGreaterThan(8)
  })

  // Each analytic map on, then off again.
  for (const id of ANALYTIC_LAYERS)
    await step(`layer ${id}`, async () => {
      const box = page.locator(`[data-layer="${id}"] .layer-toggle input`)
      await box.setChecked(true, { timeout: TIMEOUT })
      await page
        .locator(`[data-testid="legend-${id}"] [data-class], [data-testid="legend-${id}"] [data-cell]`)
        .first()
        .waitFor({ timeout: TIMEOUT })
      await box.setChecked(false, { timeout: TIMEOUT })
    })

  // The other layers all on, drawn without a note that they are unavailable; the models layer is not even
  // offered to a role that may not read records.
  await step('layers', async () => {
    const offered = await page
      .locator('[data-layer]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.layer))
    expect(offered.includes('models'), 'models layer offered').toBe(may.records)
    const layers = OVERLAY_LAYERS.filter((id) => id !== 'models' || may.records)
    for (const id of layers)
      await page.locator(`[data-layer="${id}"] .layer-toggle input`).setChecked(true, { timeout: TIMEOUT })
    await page.waitForSelector('[data-testid="density-busy"]', { state: 'detached', timeout: TIMEOUT })
    expect(await present(page, '.layer-note'), 'a layer is unavailable').toBe(0)
    await page.screenshot({ path: `${SHOTS}/roles-${role}-layers.png` })
    for (const id of layers)
      if (!['border_belt', 'border_line', 'labels'].includes(id))
        await page.locator(`[data-layer="${id}"] .layer-toggle input`).setChecked(false, { timeout: TIMEOUT })
  })

  // The analytic maps replace the choropleth: back to it.
  await step('layer choropleth', async () => {
    await page.locator('[data-layer="choropleth"] .layer-toggle input').setChecked(true)
    await page.locator('[data-testid="legend-choropleth"] [data-class="0"]').waitFor({ timeout: TIMEOUT })
  })

  // The ranking, then the priority table.
  await step('ranking', async () => {
    await page.getByTestId('table-toggle').click()
    await page.locator('[data-testid="ranking"] tbody tr').first().waitFor({ timeout: TIMEOUT })
    // the map stays drawn above the floating table (the fault showed on a screen 900 pixels tall)
    const size = page.viewportSize()
    await page.setViewportSize({ width: 1280, height: 900 })
    await expect.poll(() => shownMapColours(page), { timeout: TIMEOUT }).toBeGreaterThan(8)
    if (size) await page.setViewportSize(size)
  })
  await step('priority', async () => {
    await page.locator('[data-table-tab="priority"]').click()
    await page.locator('[data-testid="priority-table"] tbody tr').first().waitFor({ timeout: TIMEOUT })
    await page.locator('[data-table-tab="metrics"]').click()
  })

  // The red KPI opens the list of the weak areas it counts; one of them opens in the detail panel.
  await step('weak areas', async () => {
    const kpi = page.locator('[data-kpi="weak"]')
    const n = Number(((await kpi.locator('.kpi-value').textContent()) ?? '').replace(/\D/g, ''))
    // a steward's one ward may have no weak area: then the KPI is a plain figure, not a button
    if (n === 0) {
      expect(await present(page, 'button[data-kpi="weak"]')).toBe(0)
      return
    }
    await kpi.click()
    const items = page.locator('[data-testid="weak-list"] li button')
    expect(await items.count()).toBe(n)
    const name = await items.first().locator('.weak-name').textContent()
    await items.first().click()
    await page.waitForSelector(`[data-testid="detail-name"]:text-is("${name}")`, { timeout: TIMEOUT })
  })

  // A commune found by search: its detail, with the model list or, for an aggregate-only role, the count.
  await step('detail-commune', async () => {
    await page.locator('.search input').fill('lao cai')
    await page.locator('.search-results button[data-code="02647"]').click()
    await page.waitForSelector('[data-testid="detail-name"]:text-is("Lào Cai")', { timeout: TIMEOUT })
    await page.locator('.detail-section').first().waitFor()
    expect(await present(page, '[data-testid="models-withheld"]')).toBe(may.records ? 0 : 1)
    expect(new URL(page.url()).searchParams.get('sel')).toBe('02647')
    // the address opens the same selection again, whole (it once kept a blank page for aggregate-only roles)
    await page.reload()
    await page.waitForSelector('[data-testid="detail-name"]:text-is("Lào Cai")', { timeout: TIMEOUT })
    await page.locator('.detail-section').first().waitFor({ timeout: TIMEOUT })
    // the ranking row of the selection is in sight
    await expect
      .poll(() =>
        page.locator('[data-testid="ranking"] tr[data-code="02647"]').evaluate((tr) => {
          const body = (tr.closest('.ranking-scroll') as HTMLElement).getBoundingClientRect()
          const r = tr.getBoundingClientRect()
          return r.top >= body.top && r.bottom <= body.bottom
        }),
      )
      .toBe(true)
  })

  // One of its villages: the map drills down to village level.
  await step('detail-village', async () => {
    await page.locator('.detail .mini-table tr.clickable').first().click()
    await page.waitForSelector('[data-testid="detail-name"]:text-matches("^Tổ dân phố")', {
      timeout: TIMEOUT,
    })
    await page.waitForURL(/lv=village/)
    await page.locator('[data-testid="legend-choropleth"] td.count').first().waitFor({ timeout: TIMEOUT })
    await page.getByRole('button', { name: /Toàn tỉnh/ }).click()
    await page.getByTestId('table-toggle').click()
  })

  await step('playback', async () => {
    const play = page.getByTestId('playback-play')
    await play.click()
    await expect
      .poll(() => page.getByTestId('playback-month').textContent(), { timeout: TIMEOUT })
      .toMatch(/\d/)
    // the classes are locked for the run, and it says so
    await expect.poll(() => present(page, '.playback-lock'), { timeout: TIMEOUT }).toBe(1)
    // stopped while it steps: the page redraws each month, so the click does not wait on it, the test does
    await play.click({ noWaitAfter: true })
    await expect.poll(() => play.getAttribute('aria-pressed'), { timeout: TIMEOUT }).toBe('false')
    await page.getByTestId('playback-close').click()
  })

  if (may.views)
    await step('briefing and presenter', async () => {
      await page.getByTestId('briefing-open').click()
      await page.getByTestId('briefing-panel').waitFor()
      await page.getByTestId('save-view').click()
      const form = page.getByTestId('view-form')
      await form.locator('input[name="title"]').fill(`Xem thử (${role})`)
      await form.locator('button[type="submit"]').click()
      const item = page.locator('[data-testid="view-item"]', { hasText: `Xem thử (${role})` })
      await item.waitFor({ timeout: TIMEOUT })
      await item.locator('summary').click()
      await item.locator('[data-action="present"]').click()
      await expect
        .poll(() => page.getByTestId('slide-title').textContent(), { timeout: TIMEOUT })
        .toBe(`Xem thử (${role})`)
      await page.keyboard.press('Escape')
      await expect.poll(() => present(page, '[data-testid="presenter"]')).toBe(0)
    })

  if (may.export)
    await step('export dialog', async () => {
      await page.getByTestId(may.views ? 'export-screen-png' : 'export-png').click()
      const dialog = page.getByTestId('export-dialog')
      await dialog.waitFor({ timeout: TIMEOUT })
      await dialog.getByRole('button', { name: 'Đóng' }).click()
      await expect.poll(() => present(page, '[data-testid="export-dialog"]')).toBe(0)
      if (may.views) await page.getByTestId('briefing-open').click()
    })

  // The account menu offers exactly the screens the role may open.
  const screens = [
    ...(may.edit ? ['records'] : []),
    ...(may.users ? ['users'] : []),
    ...(may.audit ? ['audit'] : []),
    ...(may.alerts ? ['alerts'] : []),
    'password',
    ...(!may.edit && may.export ? ['export'] : []),
  ]
  await page.getByTestId('account-menu').click()
  const offered = await page
    .locator('.adm-menu [data-screen]')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.screen))
  expect(offered.sort()).toEqual([...screens].sort())
  await page.getByTestId('account-menu').click()
  for (const screen of screens.filter((x) => x !== 'password')) {
    await step(`screen ${screen}`, async () => {
      await page.getByTestId('account-menu').click()
      await page.locator(`.adm-menu [data-screen="${screen}"]`).click()
      const id = screen === 'export' ? 'records' : screen
      const dialog = page.getByTestId(`screen-${id}`)
      await dialog.waitFor({ timeout: TIMEOUT })
      if (screen === 'users') await page.getByTestId('users-table').locator('tbody tr').first().waitFor()
      if (screen === 'audit') await dialog.locator('tbody tr').first().waitFor({ timeout: TIMEOUT })
      if (id === 'records') {
        // the screen fills in once its kinds have loaded
        await dialog.locator('[data-records-tab]').first().waitFor({ timeout: TIMEOUT })
        const tabs = await dialog
          .locator('[data-records-tab]')
          .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.recordsTab))
        expect(tabs.includes('import')).toBe(may.edit)
        if (may.edit) {
          await dialog.locator('[data-records-tab="import"]').click()
          await page.getByTestId('import-form').waitFor()
        }
      }
      await page.keyboard.press('Escape')
      await expect.poll(() => present(page, `[data-testid="screen-${id}"]`)).toBe(0)
    })
  }

  await page.screenshot({ path: `${SHOTS}/roles-${role}.png` })
  return visited
}

describe('every role through every screen it may open', { timeout: 900_000 }, () => {
  it.each(Object.keys(MATRIX) as Role[])(
    '%s: every allowed screen opens whole, the others are not offered',
    async (role) => {
      const s = await suite.session({ width: 1280, height: 720 }, 'vi-VN', role)
      const visited = await walk(role, s)
      expect(visited).toContain('detail-village')
      expect(unexpectedErrors(s)).toEqual([])
      expect(s.failed.filter((f) => !OPTIONAL_PATHS.some((p) => f.endsWith(p)))).toEqual([])
      await s.context.close()
    },
  )
})
