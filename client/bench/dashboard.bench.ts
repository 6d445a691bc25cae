// Dashboard benchmark in headless Chromium (not a test): `npx tsx client/bench/dashboard.bench.ts [base URL]`
// against a running server that serves the built client. Prints LCP, time to the first map render, the
// time from a filter change to the updated map, and the gzipped size of each JavaScript chunk.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { launchChromium, openSession, waitForMap } from '../test/browser.ts'

const base = process.argv[2] ?? 'http://localhost:8080'
const RUNS = Number(process.env.RUNS ?? 5)
const dist = fileURLToPath(new URL('../dist/assets/', import.meta.url))

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const browser = await launchChromium()
const lcp: number[] = []
const firstMap: number[] = []
const filterToMap: number[] = []
const filterToKpi: number[] = []
try {
  for (let run = 0; run < RUNS; run++) {
    const s = await openSession(browser, base, { width: 1280, height: 720 })
    // tsx keeps function names with a __name helper that does not exist in the page
    await s.page.addInitScript('window.__name = (f) => f')
    await s.page.goto(`${base}/`)
    await waitForMap(s.page)
    const load = await s.page.evaluate(
      () =>
        new Promise<{ lcp: number; firstMap: number }>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries()
            const marks = performance.getEntriesByName('atlas:layers')
            resolve({
              lcp: entries[entries.length - 1].startTime,
              firstMap: marks.length ? marks[0].startTime : Number.NaN,
            })
          }).observe({ type: 'largest-contentful-paint', buffered: true })
        }),
    )
    lcp.push(load.lcp)
    firstMap.push(load.firstMap)
    // Filter change: one incident category on, then time until the map has new layers and the KPI changed.
    await s.page.click('[data-tab="filters"]')
    const categories = ['drugs', 'theft', 'smuggling', 'assault', 'dispute']
    for (const cat of categories.slice(0, 2)) {
      const before = await s.page.locator('[data-kpi="incidents"] .kpi-value').textContent()
      const t = await s.page.evaluate(
        ({ cat, before }) =>
          new Promise<{ map: number; kpi: number }>((resolve) => {
            const t0 = performance.now()
            const marksBefore = performance.getEntriesByName('atlas:layers').length
            const input = document.querySelector(
              `[data-filter="categories"] input[value="${cat}"]`,
            ) as HTMLInputElement
            input.click()
            let map = Number.NaN
            const poll = () => {
              const marks = performance.getEntriesByName('atlas:layers')
              const kpiNow = document.querySelector('[data-kpi="incidents"] .kpi-value')?.textContent
              if (Number.isNaN(map) && marks.length > marksBefore && kpiNow !== before)
                map = marks[marks.length - 1].startTime - t0
              if (!Number.isNaN(map)) {
                requestAnimationFrame(() => resolve({ map, kpi: performance.now() - t0 }))
                return
              }
              requestAnimationFrame(poll)
            }
            poll()
          }),
        { cat, before },
      )
      filterToMap.push(t.map)
      filterToKpi.push(t.kpi)
      // Let the map finish drawing (software WebGL here: about 0.7 s a frame) before the next change,
      // so one change's drawing is not counted in the next one's time.
      await s.page.waitForTimeout(3000)
    }
    await s.context.close()
  }
} finally {
  await browser.close()
}

const ms = (x: number) => `${Math.round(x)} ms`
console.log(`runs: ${RUNS} (1280×720, headless Chromium with SwiftShader)`)
console.log(`LCP: median ${ms(median(lcp))} (all: ${lcp.map(ms).join(', ')})`)
console.log(`first map render (layers handed to the map): median ${ms(median(firstMap))}`)
console.log(
  `filter change → map updated: median ${ms(median(filterToMap))} (all: ${filterToMap.map(ms).join(', ')})`,
)
console.log(`filter change → next frame after KPI and map: median ${ms(median(filterToKpi))}`)
let total = 0
for (const f of readdirSync(dist).filter((f) => f.endsWith('.js') || f.endsWith('.css'))) {
  const raw = readFileSync(join(dist, f))
  const gz = gzipSync(raw).length
  if (f.endsWith('.js')) total += gz
  console.log(`${f}: ${(raw.length / 1024).toFixed(0)} KiB, gzip ${(gz / 1024).toFixed(0)} KiB`)
}
console.log(`JavaScript total gzip: ${(total / 1024).toFixed(0)} KiB`)
