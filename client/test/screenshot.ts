// Screenshots of the dashboard for people to look at: `npx tsx client/test/screenshot.ts [base URL] [out dir]`.
// Fails when any request leaves this machine.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { isLocal, launchChromium, openSession, unexpectedErrors, waitForMap } from './browser.ts'

const base = process.argv[2] ?? 'http://localhost:8080'
const out = process.argv[3] ?? '/tmp/antt-screenshots'
mkdirSync(out, { recursive: true })

const views: { name: string; query: string; size: [number, number]; action?: 'hover-row' | 'filters' }[] = [
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
]

const browser = await launchChromium()
const outside: string[] = []
try {
  const only = process.env.ONLY?.split(',')
  for (const v of views.filter((x) => !only || only.includes(x.name))) {
    const s = await openSession(
      browser,
      base,
      { width: v.size[0], height: v.size[1] },
      v.query.includes('lang=en') ? 'en-GB' : 'vi-VN',
    )
    await s.page.goto(`${base}/?${v.query}`)
    try {
      await waitForMap(s.page)
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
