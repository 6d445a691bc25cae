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

const views: View[] = [
  { name: 'vi-1280', query: '', size: [1280, 720] },
  { name: 'en-1280', query: 'lang=en', size: [1280, 720] },
  {
    name: 'vi-1920-detail',
    query: 'sel=02647&layers=choropleth,border_belt,border_line,labels,models',
    size: [1920, 1080],
  },
  {
    name: 'en-1920-table',
    query:
      'lang=en&table=1&m=village_coverage&cls=jenks&layers=choropleth,incidents,border_line,border_belt,labels&dens=hex',
    size: [1920, 1080],
  },
  {
    name: 'vi-1280-drill',
    query: 'lv=village&drill=02647&sel=02647&map=11.2/22.47/103.98',
    size: [1280, 720],
  },
  {
    name: 'vi-1280-filters',
    query: 'from=2026-03-01&to=2026-03-31&cats=drugs,smuggling&lv=village',
    size: [1280, 720],
    action: 'filters',
  },
  {
    name: 'vi-1280-hex-z10',
    query: 'layers=incidents,border_line,labels,models&lv=village&drill=02647&map=10.2/22.45/104.0',
    size: [1280, 720],
  },
  { name: 'en-1280-table-hover', query: 'lang=en&table=1', size: [1280, 720], action: 'hover-row' },
  {
    name: 'vi-1920-heat',
    query: 'layers=incidents,border_line,border_features,area_classes,labels&dens=heatmap',
    size: [1920, 1080],
  },
  {
    name: 'vi-1280-hotspots',
    query: `layers=hotspots,${BASE_LAYERS}&hsf=0`,
    size: [1280, 720],
    waitFor: '[data-testid="legend-hotspots"] [data-class="hot-99"]',
  },
  {
    name: 'en-1280-lisa',
    query: `lang=en&layers=hotspots,${BASE_LAYERS}&hsv=lisa&hsf=0`,
    size: [1280, 720],
    waitFor: '[data-testid="legend-hotspots"] [data-class="HH"]',
  },
  {
    name: 'vi-1280-bivariate',
    query: `layers=bivariate,${BASE_LAYERS}`,
    size: [1280, 720],
    waitFor: '[data-testid="legend-bivariate"] [data-cell]',
  },
  {
    name: 'en-1280-change',
    query: `lang=en&layers=change,${BASE_LAYERS}`,
    size: [1280, 720],
    waitFor: '[data-testid="legend-change"] [data-class="rise"]',
  },
  {
    name: 'vi-1280-priority',
    query: `layers=bivariate,${BASE_LAYERS}&table=1&tab=prio`,
    size: [1280, 720],
    waitFor: '[data-testid="priority-table"] tbody tr',
  },
  {
    name: 'vi-1280-priority-detail',
    query: `layers=hotspots,${BASE_LAYERS}&table=1&tab=prio&sel=02647`,
    size: [1280, 720],
    waitFor: '[data-testid="priority-why"]',
  },
  {
    name: 'en-1920-priority-detail',
    query: `lang=en&layers=bivariate,${BASE_LAYERS}&table=1&tab=prio&sel=02746&pw=border:0.4`,
    size: [1920, 1080],
    waitFor: '[data-testid="priority-why"]',
  },
  {
    name: 'vi-1920-hotspots-detail',
    query: `layers=hotspots,${BASE_LAYERS}&sel=02746&hsf=0`,
    size: [1920, 1080],
    waitFor: '[data-testid="priority-why"]',
  },
  {
    name: 'en-1920-hotspots-villages',
    query: `lang=en&layers=hotspots,${BASE_LAYERS}&lv=village&hsf=0`,
    size: [1920, 1080],
    waitFor: '[data-testid="legend-hotspots"] [data-class="hot-99"]',
  },
  {
    name: 'vi-1920-change-villages',
    query: `layers=change,${BASE_LAYERS}&lv=village&drill=02647&map=11.2/22.47/103.98`,
    size: [1920, 1080],
    waitFor: '[data-testid="legend-change"] [data-class="rise"]',
  },
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
