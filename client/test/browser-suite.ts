// The browser tests' shared set-up: one local server and one Chromium per describe block (vitest hooks). The
// helpers it builds on (browser.ts) need no test runner, so the screenshot and benchmark scripts use them too.
import { mkdirSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { type LocalServer, launchChromium, openSession, type Session, startLocalServer } from './browser.ts'

/** Where the browser tests leave their screenshots for people to look at. */
export const SHOTS = process.env.ANTT_SCREENSHOTS ?? '/tmp/antt-test-screenshots'

export interface BrowserSuite {
  readonly server: LocalServer
  readonly browser: Browser
  /** A recorded, signed-in page (see openSession), closed with the suite or, with closeEachTest, after its test. */
  session(viewport: { width: number; height: number }, locale?: string, username?: string): Promise<Session>
}

/**
 * One server and one browser for the tests of a describe block, started before them and closed after; call it
 * inside the block. Pages that draw WebGL on the CPU are costly: closeEachTest closes each test's pages when it ends.
 */
export function browserSuite(options: { closeEachTest?: boolean } = {}): BrowserSuite {
  let server: LocalServer | undefined
  let browser: Browser | undefined
  const sessions: Session[] = []
  const closeSessions = async () => {
    for (const s of sessions.splice(0)) await s.context.close().catch(() => {})
  }
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    server = await startLocalServer()
    browser = await launchChromium()
  }, 600_000) // the first start seeds the test database
  if (options.closeEachTest) afterEach(closeSessions)
  afterAll(async () => {
    await closeSessions()
    await browser?.close()
    await server?.close()
  })
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('the browser suite has not started: use it inside a test')
    return x
  }
  return {
    get server() {
      return started(server)
    },
    get browser() {
      return started(browser)
    },
    async session(viewport, locale = 'vi-VN', username) {
      const s = await openSession(started(browser), started(server).base, viewport, locale, username)
      sessions.push(s)
      return s
    },
  }
}
