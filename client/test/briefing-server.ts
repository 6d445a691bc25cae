// The built client served by the in-process API over a seeded test database, and a browser signed in as a
// given demo account: shared by the briefing tests and the look script.
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import type { Browser, BrowserContext, Page } from 'playwright-core'

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

export async function startLocalServer(): Promise<LocalServer> {
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

export interface SignedIn {
  context: BrowserContext
  page: Page
  requests: string[]
  errors: string[]
}

/** A browser context signed in as `username` (demo password unless ANTT_PASSWORD is set). */
export async function signedIn(
  browser: Browser,
  base: string,
  username: string,
  viewport = { width: 1440, height: 900 },
): Promise<SignedIn> {
  const context = await browser.newContext({
    viewport,
    locale: 'vi-VN',
    deviceScaleFactor: 1,
    acceptDownloads: true,
  })
  const requests: string[] = []
  const errors: string[] = []
  context.on('request', (r) => requests.push(r.url()))
  const res = await context.request.post(`${base}/api/auth/login`, {
    data: { username, password: process.env.ANTT_PASSWORD ?? 'antt-demo-2025' },
  })
  if (!res.ok()) throw new Error(`sign-in as ${username} failed: ${res.status()} ${await res.text()}`)
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  return { context, page, requests, errors }
}
