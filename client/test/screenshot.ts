// Screenshots of the dashboard and its analytics views for people to look at:
// `npx tsx client/test/screenshot.ts [base URL] [out dir] [part of a name]`. Fails when a request leaves this machine.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { isLocal, launchChromium, openSession, unexpectedErrors, waitForMap } from './browser.ts'

const base = process.argv[2] ?? 'http://localhost:8080'
const out = process.argv[3] ?? '/tmp/antt-screenshots'
const only = process.argv[4]
mkdirSync(out, { recursive: true })

const BASE_LAYERS = 'border_belt,border_line,labels'

interface View {
  name: string
  query: string
  size: [number, number]
  /** what to do before the picture */
  action?: 'hover-row' | 'filters'
  /** an element the picture must show, beyond the map itself */
  waitFor?: string
}

/** Window sizes by the width a view's name gives. */
const SIZES: Record<string, [number, number]> = { 1280: [1280, 720], 1920: [1920, 1080] }

/** A view named `<lang>-<width>[-<what>]`, in a window of that width. */
const view = (name: string, query: string, more: Pick<View, 'action' | 'waitFor'> = {}): View => ({
  name,
  query,
  size: SIZES[name.split('-')[1]],
  ...more,
})

const views: View[] = [
  view('vi-1280', ''),
  view('en-1280', 'lang=en'),
  view('vi-1920-detail', 'sel=02647&layers=choropleth,border_belt,border_line,labels,models'),
  view(
    'en-1920-table',
    'lang=en&table=1&m=village_coverage&cls=jenks&layers=choropleth,incidents,border_line,border_belt,labels&dens=hex',
  ),
  view('vi-1280-drill', 'lv=village&drill=02647&sel=02647&map=11.2/22.47/103.98'),
  view('vi-1280-filters', 'from=2026-03-01&to=2026-03-31&cats=drugs,smuggling&lv=village', {
    action: 'filters',
  }),
  view(
    'vi-1280-hex-z10',
    'layers=incidents,border_line,labels,models&lv=village&drill=02647&map=10.2/22.45/104.0',
  ),
  view('en-1280-table-hover', 'lang=en&table=1', { action: 'hover-row' }),
  view('vi-1920-heat', 'layers=incidents,border_line,border_features,area_classes,labels&dens=heatmap'),
  view('vi-1280-hotspots', `layers=hotspots,${BASE_LAYERS}&hsf=0`, {
    waitFor: '[data-testid="legend-hotspots"] [data-class="hot-99"]',
  }),
  view('en-1280-lisa', `lang=en&layers=hotspots,${BASE_LAYERS}&hsv=lisa&hsf=0`, {
    waitFor: '[data-testid="legend-hotspots"] [data-class="HH"]',
  }),
  view('vi-1280-bivariate', `layers=bivariate,${BASE_LAYERS}`, {
    waitFor: '[data-testid="legend-bivariate"] [data-cell]',
  }),
  view('en-1280-change', `lang=en&layers=change,${BASE_LAYERS}`, {
    waitFor: '[data-testid="legend-change"] [data-class="rise"]',
  }),
  view('vi-1280-priority', `layers=bivariate,${BASE_LAYERS}&table=1&tab=prio`, {
    waitFor: '[data-testid="priority-table"] tbody tr',
  }),
  view('vi-1280-priority-detail', `layers=hotspots,${BASE_LAYERS}&table=1&tab=prio&sel=02647`, {
    waitFor: '[data-testid="priority-why"]',
  }),
  view(
    'en-1920-priority-detail',
    `lang=en&layers=bivariate,${BASE_LAYERS}&table=1&tab=prio&sel=02746&pw=border:0.4`,
    { waitFor: '[data-testid="priority-why"]' },
  ),
  view('vi-1920-hotspots-detail', `layers=hotspots,${BASE_LAYERS}&sel=02746&hsf=0`, {
    waitFor: '[data-testid="priority-why"]',
  }),
  view('en-1920-hotspots-villages', `lang=en&layers=hotspots,${BASE_LAYERS}&lv=village&hsf=0`, {
    waitFor: '[data-testid="legend-hotspots"] [data-class="hot-99"]',
  }),
  view(
    'vi-1920-change-villages',
    `layers=change,${BASE_LAYERS}&lv=village&drill=02647&map=11.2/22.47/103.98`,
    { waitFor: '[data-testid="legend-change"] [data-class="rise"]' },
  ),
]

const browser = await launchChromium()
const outside: string[] = []
try {
  for (const v of views.filter((x) => !only || x.name.includes(only))) {
    const s = await openSession(
      browser,
      base,
      { width: v.size[0], height: v.size[1] },
      v.query.includes('lang=en') ? 'en-GB' : 'vi-VN',
    )
    await s.page.goto(`${base}/?${v.query}`)
    try {
      await waitForMap(s.page)
      if (v.waitFor) await s.page.waitForSelector(v.waitFor, { timeout: 120_000 })
    } catch (e) {
      console.warn(`${v.name}: ${String(e)}`)
    }
    if (v.query.includes('sel='))
      await s.page
        .waitForSelector('[data-testid="detail-name"]:not(:text("…"))', { timeout: 20_000 })
        .catch(() => {})
    if (v.action === 'filters') await s.page.click('[data-tab="filters"]')
    if (v.action === 'hover-row') await s.page.hover('[data-testid="ranking"] tbody tr:nth-child(3)')
    await s.page.waitForTimeout(1500)
    const file = join(out, `${v.name}.png`)
    await s.page.screenshot({ path: file })
    outside.push(...s.requests.filter((u) => !isLocal(u)))
    console.log(`${file}  (${s.requests.length} requests, console errors: ${unexpectedErrors(s).length})`)
    for (const e of unexpectedErrors(s).slice(0, 5)) console.log(`  console: ${e}`)
    for (const f of s.failed.slice(0, 5)) console.log(`  failed: ${f}`)
    await s.context.close()
  }
} finally {
  await browser.close()
}
if (outside.length) {
  console.error(`requests left localhost:\n${[...new Set(outside)].join('\n')}`)
  process.exit(1)
}
console.log('no request left localhost')
