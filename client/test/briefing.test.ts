// Briefing in a real browser: a briefer saves views, makes a deck, presents it with the keyboard, and
// exports a PNG and a PDF that are checked as files. The files are kept for people to look at.
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { isLocal, type Session, unexpectedErrors } from './browser.ts'
import { browserSuite } from './browser-suite.ts'

const OUT = process.env.ANTT_EXPORTS ?? '/tmp/antt-briefing'
const VIEW_A = {
  title: 'Độ bao phủ thôn — vùng biên Lào Cai',
  subtitle: 'Quý III/2025, các xã biên giới',
  notes: 'Nhấn mạnh các xã biên giới có độ bao phủ dưới 60%.',
}
const VIEW_B = {
  title: 'Vụ việc ma túy theo xã',
  subtitle: 'Mười hai tháng gần nhất',
  notes: 'Ma túy tập trung ở Bát Xát.',
}

const suite = browserSuite()
let s: Session
let page: Page

/** The query string as a sorted list, so two addresses compare by content. */
const query = (url: string) => [...new URL(url).searchParams.entries()].map(([k, v]) => `${k}=${v}`).sort()

async function waitForLegend(p: Page) {
  await p.waitForSelector('[data-testid="legend-choropleth"] [data-class="0"]', { timeout: 120_000 })
}

async function saveView(p: Page, v: typeof VIEW_A) {
  await p.getByTestId('save-view').click()
  const form = p.getByTestId('view-form')
  await form.locator('input[name="title"]').fill(v.title)
  await form.locator('input[name="subtitle"]').fill(v.subtitle)
  await form.locator('textarea[name="notes"]').fill(v.notes)
  await form.locator('button[type="submit"]').click()
  await p.locator('[data-testid="view-title"]', { hasText: v.title }).waitFor()
}

async function viewIds(): Promise<Record<string, number>> {
  const res = await s.context.request.get(`${suite.server.base}/api/views`)
  const body = (await res.json()) as { views: { id: number; title: string }[] }
  return Object.fromEntries(body.views.map((v) => [v.title, v.id]))
}
const deckOrder = async () =>
  (
    (await (await s.context.request.get(`${suite.server.base}/api/decks`)).json()) as {
      decks: { view_ids: number[] }[]
    }
  ).decks[0].view_ids
const listOrder = (p: Page) =>
  p
    .locator('[data-testid="deck-list"] li')
    .evaluateAll((lis) => lis.map((li) => Number((li as HTMLElement).dataset.viewId)))

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file)
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG')
  return [b.readUInt32BE(16), b.readUInt32BE(20)]
}

/**
 * The camera that fits `bounds` into a full-screen slide of width × height, inside the room the slide's
 * title bar, legend and controls leave (Presenter.tsx, slidePadding), on the Web Mercator plane.
 */
function slideCamera([w, s, e, n]: [number, number, number, number], width: number, height: number) {
  const pad = { top: 110, bottom: 76, left: 40, right: Math.min(340, width * 0.3) }
  const x = (lon: number) => (lon + 180) / 360
  const y = (lat: number) => (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2
  const scale = Math.min(
    (width - pad.left - pad.right) / (x(e) - x(w)),
    (height - pad.top - pad.bottom) / (y(s) - y(n)),
  )
  const cx = (x(w) + x(e)) / 2 + (pad.right - pad.left) / 2 / scale
  const cy = (y(n) + y(s)) / 2 - (pad.top - pad.bottom) / 2 / scale
  return {
    zoom: Math.log2(scale / 512),
    lon: cx * 360 - 180,
    lat: (Math.atan(Math.sinh(Math.PI * (1 - 2 * cy))) * 180) / Math.PI,
  }
}

describe('briefing: saved views, decks, presentation and export', { timeout: 360_000 }, () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true })
    s = await suite.session({ width: 1440, height: 900 }, 'vi-VN', 'briefer')
    page = s.page
    await page.goto(
      `${suite.server.base}/?m=village_coverage&cls=jenks&k=5&layers=choropleth,border_belt,border_line,labels`,
    )
    await waitForLegend(page)
  })

  it('saves two views of the screen, with title, subtitle and notes', async () => {
    await page.getByTestId('briefing-open').click()
    await saveView(page, VIEW_A)
    // A second view: another metric, drug incidents only.
    await page.selectOption('[data-testid="metric-select"]', 'incidents')
    await page.click('[data-tab="filters"]')
    await page.locator('[data-filter="categories"] input[value="drugs"]').check()
    await page.waitForURL(/cats=drugs/)
    await saveView(page, VIEW_B)
    await expect.poll(() => page.locator('[data-testid="view-item"]').count()).toBe(2)
    const ids = await viewIds()
    const saved = (await (
      await s.context.request.get(`${suite.server.base}/api/views/${ids[VIEW_B.title]}`)
    ).json()) as {
      view: { state: { q: string; period?: unknown; bounds?: unknown }; created_by: string }
    }
    expect(saved.view.created_by).toBe('briefer')
    expect(saved.view.state.q).toContain('m=incidents')
    expect(saved.view.state.q).toContain('cats=drugs')
    expect(saved.view.state.period).toBeTruthy()
    expect(saved.view.state.bounds).toHaveLength(4)
  })

  it('makes a deck and reorders it with Alt+arrows and by dragging', async () => {
    const ids = await viewIds()
    await page.getByTestId('new-deck').click()
    await page.fill('input[name="deck-title"]', 'Giao ban công an tỉnh')
    await page.keyboard.press('Enter')
    await page.getByTestId('deck-editor').waitFor()
    for (const v of [VIEW_A, VIEW_B]) {
      await page.selectOption('[data-testid="deck-add-select"]', { label: v.title })
      await page.getByTestId('deck-add').click()
    }
    await expect.poll(() => listOrder(page)).toEqual([ids[VIEW_A.title], ids[VIEW_B.title]])
    await page.locator('[data-testid="deck-list"] li').first().focus()
    await page.keyboard.press('Alt+ArrowDown')
    await expect.poll(() => listOrder(page)).toEqual([ids[VIEW_B.title], ids[VIEW_A.title]])
    await expect.poll(() => page.getByTestId('deck-announce').textContent()).toContain('vị trí 2')
    await expect.poll(deckOrder).toEqual([ids[VIEW_B.title], ids[VIEW_A.title]])
    // Focus follows the moved item, so Alt+↑ takes it back.
    await page.keyboard.press('Alt+ArrowUp')
    await expect.poll(deckOrder).toEqual([ids[VIEW_A.title], ids[VIEW_B.title]])
    // the list stays as moved while the two saves come back (an older answer must not undo the move)
    await expect.poll(() => listOrder(page)).toEqual([ids[VIEW_A.title], ids[VIEW_B.title]])
    const items = page.locator('[data-testid="deck-list"] li')
    await items.nth(0).dragTo(items.nth(1))
    await expect.poll(deckOrder).toEqual([ids[VIEW_B.title], ids[VIEW_A.title]])
    await items.nth(1).dragTo(items.nth(0))
    await expect.poll(deckOrder).toEqual([ids[VIEW_A.title], ids[VIEW_B.title]])
    await page.screenshot({ path: join(OUT, 'panel-views-deck.png') })
  })

  it('renames, duplicates and deletes a view from the list', async () => {
    const item = (title: string) => page.locator('[data-testid="view-item"]', { hasText: title })
    await item(VIEW_B.title).locator('summary').click()
    await item(VIEW_B.title).locator('[data-action="duplicate"]').click()
    await expect.poll(() => page.locator('[data-testid="view-item"]').count()).toBe(3)
    const copyId = await page
      .locator('[data-testid="view-item"]', { hasText: '(bản sao)' })
      .getAttribute('data-view-id')
    const copy = page.locator(`[data-testid="view-item"][data-view-id="${copyId}"]`)
    await copy.locator('summary').click()
    await copy.locator('[data-action="edit"]').click()
    await copy.locator('input[name="title"]').fill('Bản nháp — sẽ xóa')
    await copy.locator('button[type="submit"]').click()
    const renamed = item('Bản nháp — sẽ xóa')
    await renamed.waitFor()
    await renamed.locator('summary').click()
    await renamed.locator('[data-action="delete"]').click()
    await renamed.locator('[data-action="confirm-delete"]').click()
    await expect.poll(() => page.locator('[data-testid="view-item"]').count()).toBe(2)
    expect(Object.keys(await viewIds()).sort()).toEqual([VIEW_A.title, VIEW_B.title].sort())
  })

  it('presents the deck, steps through it with the keyboard and leaves with Escape as the screen was', async () => {
    // A third screen state to come back to.
    await page.click('[data-tab="layers"]')
    await page.selectOption('[data-testid="metric-select"]', 'active_models')
    await page.waitForURL(/m=active_models/)
    await page.waitForTimeout(600)
    const before = page.url()
    await page.getByTestId('deck-present').click()
    const title = page.getByTestId('slide-title')
    await expect.poll(() => title.textContent()).toBe(VIEW_A.title)
    await expect.poll(() => page.getByTestId('slide-counter').textContent()).toBe('1 / 2')
    await page.waitForTimeout(3500)
    await page.screenshot({ path: join(OUT, 'present-slide-1.png') })
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => title.textContent()).toBe(VIEW_B.title)
    await expect.poll(() => page.getByTestId('slide-announce').textContent()).toContain('Trang 2/2')
    await expect.poll(() => new URL(page.url()).searchParams.get('cats')).toBe('drugs')
    await page.keyboard.press('PageUp')
    await expect.poll(() => title.textContent()).toBe(VIEW_A.title)
    await page.keyboard.press('PageDown')
    await expect.poll(() => title.textContent()).toBe(VIEW_B.title)
    await page.keyboard.press('n')
    await expect.poll(() => page.getByTestId('slide-notes').textContent()).toBe(VIEW_B.notes)
    await page.waitForTimeout(2500)
    await page.screenshot({ path: join(OUT, 'present-slide-2-notes.png') })
    // The notes in a window of their own (same origin, no network), closed when the presentation ends.
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('notes-window').click()])
    await expect.poll(() => popup.getByTestId('notes-window-content').textContent()).toContain(VIEW_B.notes)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('presenter').count()).toBe(0)
    await expect.poll(() => popup.isClosed()).toBe(true)
    await expect.poll(() => query(page.url())).toEqual(query(before))
    await expect.poll(() => page.getByTestId('metric-select').inputValue()).toBe('active_models')
  })

  it('frames the first slide to its saved extent the first time, at 1280×720 and at 1920×1080', async () => {
    const ids = await viewIds()
    const saved = (await (
      await s.context.request.get(`${suite.server.base}/api/views/${ids[VIEW_A.title]}`)
    ).json()) as { view: { state: { bounds: [number, number, number, number] } } }
    const camera = () => new URL(page.url()).searchParams.get('map')?.split('/').map(Number) ?? []
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width, height })
      await page.waitForTimeout(500)
      await page.getByTestId('deck-present').click()
      await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe(VIEW_A.title)
      const want = slideCamera(saved.view.state.bounds, width, height)
      // without going to another slide and back (which used to be the only way to get it framed)
      await expect.poll(() => camera()[0]).toBeCloseTo(want.zoom, 1)
      const [zoom, lat, lon] = camera()
      const pxPerDegree = (512 * 2 ** zoom) / 360
      expect(Math.abs(lon - want.lon) * pxPerDegree).toBeLessThan(3)
      expect(Math.abs(lat - want.lat) * pxPerDegree).toBeLessThan(4)
      await page.waitForTimeout(1500)
      await page.screenshot({ path: join(OUT, `present-first-slide-${width}.png`) })
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe(VIEW_B.title)
      await page.keyboard.press('ArrowLeft')
      await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe(VIEW_A.title)
      await expect.poll(() => camera()[0]).toBeCloseTo(zoom, 2)
      await page.keyboard.press('Escape')
      await expect.poll(() => page.getByTestId('presenter').count()).toBe(0)
    }
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.waitForTimeout(500)
  })

  it('exports a saved view as a PNG at A4 landscape, 300 dpi: 3508 × 2480 pixels, not blank', async () => {
    await page
      .locator('[data-testid="view-item"]', { hasText: VIEW_A.title })
      .locator('[data-action="export-png"]')
      .click()
    await expect.poll(() => page.getByTestId('export-size').inputValue()).toBe('a4-landscape-300')
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 300_000 }),
      page.getByTestId('export-run').click(),
    ])
    const file = join(OUT, 'view-a4-landscape-300.png')
    await download.saveAs(file)
    expect(pngSize(file)).toEqual([3508, 2480])
    const colours = await page.evaluate(async (b64) => {
      // (no fetch of a data: URL: the page's content security policy allows none)
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))
      const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
      const c = new OffscreenCanvas(img.width, img.height)
      const ctx = c.getContext('2d')!
      ctx.drawImage(img, 0, 0)
      const px = ctx.getImageData(0, 0, img.width, img.height).data
      const seen = new Set<number>()
      for (let i = 0; i < px.length; i += 4 * 97) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2])
      return seen.size
    }, readFileSync(file).toString('base64'))
    expect(colours).toBeGreaterThan(200)
    await page.getByTestId('export-dialog').getByRole('button', { name: 'Đóng' }).click()
  })

  it('exports the deck as an A4 PDF, one page per view, with the Vietnamese title as text', async () => {
    await page.getByTestId('deck-export-pdf').click()
    await page.selectOption('[data-testid="export-dpi"]', '150')
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 300_000 }),
      page.getByTestId('export-run').click(),
    ])
    const file = join(OUT, 'deck-a4-landscape.pdf')
    await download.saveAs(file)
    // pdf.js needs Promise.withResolvers (Node 22); Node 20 gets a stand-in.
    const P = Promise as unknown as { withResolvers?: () => unknown }
    P.withResolvers ??= () => {
      let resolve: unknown
      let reject: unknown
      const promise = new Promise((a, b) => {
        resolve = a
        reject = b
      })
      return { promise, resolve, reject }
    }
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const pdf = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)) }).promise
    expect(pdf.numPages).toBe(2)
    const first = await pdf.getPage(1)
    expect(first.view.map(Math.round)).toEqual([0, 0, 842, 595])
    const text = (await first.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('')
    expect(text).toContain(VIEW_A.title)
    expect(text).toContain('Dữ liệu minh họa / Demo data')
    const second = (await (await pdf.getPage(2)).getTextContent()).items
      .map((i) => ('str' in i ? i.str : ''))
      .join('')
    expect(second).toContain(VIEW_B.title)
    await page.getByTestId('export-dialog').getByRole('button', { name: 'Đóng' }).click()
  })

  it("wrote both exports to the audit log, with the briefer's name", async () => {
    const admin = await suite.session({ width: 1280, height: 720 }, 'vi-VN', 'admin')
    try {
      const res = await admin.context.request.get(`${suite.server.base}/api/audit?action=export&user=briefer`)
      expect(res.status()).toBe(200)
      const { entries } = (await res.json()) as {
        entries: { target: string; details: { size: string; pages: number; title: string } }[]
      }
      expect(entries.map((e) => [e.target, e.details.size, e.details.pages])).toEqual([
        ['map.pdf', 'a4-landscape-150', 2],
        ['map.png', 'a4-landscape-300', 1],
      ])
      expect(entries[1].details.title).toBe(VIEW_A.title)
    } finally {
      await admin.context.close()
    }
  })

  it('sent no request off this machine', () => {
    expect(s.requests.filter((u) => !isLocal(u))).toEqual([])
    expect(unexpectedErrors(s)).toEqual([])
  })
})
