// Screenshots of the analytics views for people to look at:
// `npx tsx client/test/analytics-look.ts [base URL] [out dir] [name filter]`. Fails when a request leaves this machine.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { isLocal, launchChromium, openSession, unexpectedErrors, waitForMap } from './browser.ts'

const base = process.argv[2] ?? 'http://localhost:8080'
const out = process.argv[3] ?? '/tmp/antt-analytics-screens'
const only = process.argv[4]
mkdirSync(out, { recursive: true })

const BASE_LAYERS = 'border_belt,border_line,labels'
const views: { name: string; query: string; size: [number, number]; waitFor: string }[] = [
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
  for (const v of views) {
    if (only && !v.name.includes(only)) continue
    const s = await openSession(
      browser,
      base,
      { width: v.size[0], height: v.size[1] },
      v.query.includes('lang=en') ? 'en-GB' : 'vi-VN',
    )
    await s.page.goto(`${base}/?${v.query}`)
    try {
      await waitForMap(s.page)
      await s.page.waitForSelector(v.waitFor, { timeout: 120_000 })
    } catch (e) {
      console.warn(`${v.name}: ${String(e)}`)
    }
    await s.page.waitForTimeout(2500)
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
