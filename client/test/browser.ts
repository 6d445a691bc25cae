// Shared browser helpers for the screenshot script and the browser tests: Debian's Chromium through
// playwright-core, every request logged, and a sign-in when the API asks for one.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
}

/** True for addresses on this machine. */
export function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true
  const host = new URL(url).hostname
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1'
}

export interface Session {
  context: BrowserContext
  page: Page
  requests: string[]
  consoleErrors: string[]
  /** responses with status ≥ 400, as "status url" */
  failed: string[]
}

/** A page whose requests and console errors are recorded; signs in first when the API requires it. */
export async function openSession(
  browser: Browser,
  base: string,
  viewport: { width: number; height: number },
  locale = 'vi-VN',
): Promise<Session> {
  const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1 })
  const requests: string[] = []
  const consoleErrors: string[] = []
  const failed: string[] = []
  context.on('request', (r) => requests.push(r.url()))
  context.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`)
  })
  const me = await context.request.get(`${base}/api/auth/me`)
  if (me.status() === 401) {
    const res = await context.request.post(`${base}/api/auth/login`, {
      data: {
        username: process.env.ANTT_USER ?? 'leader',
        password: process.env.ANTT_PASSWORD ?? 'antt-demo-2025',
      },
    })
    if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`)
  }
  const page = await context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(String(e)))
  return { context, page, requests, consoleErrors, failed }
}

/** Waits until the map has drawn its data: KPI values filled, legend classes shown, map idle. */
export async function waitForMap(page: Page, timeout = 90_000) {
  await page.waitForFunction(
    () => {
      const kpi = document.querySelector('[data-kpi="incidents"] .kpi-value')
      return (
        kpi && kpi.textContent !== '–' && !document.querySelector('[data-testid="kpi-bar"][aria-busy="true"]')
      )
    },
    undefined,
    { timeout },
  )
  const layers = new URL(page.url()).searchParams.get('layers')
  if (layers === null || layers.split(',').includes('choropleth'))
    await page.waitForSelector('[data-testid="legend-choropleth"] [data-class="0"]', { timeout })
  await page.waitForTimeout(1500)
}

/** The basemap's tile probe may fail (the API then has no tiles and GeoJSON is used): not an error. */
export const OPTIONAL_PATHS = ['/tiles/communes/7/101/55.mvt']

/** Console errors other than the browser's report of an optional request that failed. */
export function unexpectedErrors(s: Session): string[] {
  const optionalFailures = s.failed.filter((f) => OPTIONAL_PATHS.some((p) => f.endsWith(p)))
  let allowance = optionalFailures.length
  return s.consoleErrors.filter((e) => {
    if (allowance > 0 && e.startsWith('Failed to load resource')) {
      allowance--
      return false
    }
    return true
  })
}
