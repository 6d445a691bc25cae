// Shared helpers for the browser tests and the screenshot scripts: the built client served by the in-process
// API over a seeded test database, Debian's Chromium through playwright-core, every request logged, and a
// sign-in as a demo account.
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

// Loaded by name at run time, so the client's type check does not take in the server's sources.
const API_MODULE = '@antt/api'
const TESTING_MODULE = '@antt/data/testing'
type ApiModule = {
  createApp(
    db: unknown,
    opts: { clientDir?: string },
  ): { fetch: (req: Request) => Response | Promise<Response> }
}
type TestingModule = { openTestDb(backend: 'embedded'): Promise<unknown>; closeTestDbs(): Promise<void> }

export const CLIENT_DIST = fileURLToPath(new URL('../dist/', import.meta.url))

export interface LocalServer {
  base: string
  close(): Promise<void>
}

/** The built client and the API on a copy of the seeded embedded test database, on a free local port. */
export async function startLocalServer(): Promise<LocalServer> {
  if (!existsSync(`${CLIENT_DIST}index.html`))
    throw new Error(`no built client in ${CLIENT_DIST}: run the README's test command, or npx pnpm@10 build`)
  const { createApp } = (await import(API_MODULE)) as ApiModule
  const testing = (await import(TESTING_MODULE)) as TestingModule
  const db = await testing.openTestDb('embedded')
  const app = createApp(db, { clientDir: CLIENT_DIST })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => server.once('listening', r))
  return {
    base: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise((r) => server.close(r))
      await testing.closeTestDbs()
    },
  }
}

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

/**
 * A page whose requests and console errors are recorded, signed in as `username` (demo password unless
 * ANTT_PASSWORD is set); without a username, signs in as ANTT_USER (default leader) when the API asks.
 */
export async function openSession(
  browser: Browser,
  base: string,
  viewport: { width: number; height: number },
  locale = 'vi-VN',
  username?: string,
): Promise<Session> {
  const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1, acceptDownloads: true })
  const requests: string[] = []
  const consoleErrors: string[] = []
  const failed: string[] = []
  context.on('request', (r) => requests.push(r.url()))
  context.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`)
  })
  if (username || (await context.request.get(`${base}/api/auth/me`)).status() === 401) {
    const user = username ?? process.env.ANTT_USER ?? 'leader'
    const res = await context.request.post(`${base}/api/auth/login`, {
      data: { username: user, password: process.env.ANTT_PASSWORD ?? 'antt-demo-2025' },
    })
    if (!res.ok()) throw new Error(`sign-in as ${user} failed: ${res.status()} ${await res.text()}`)
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
