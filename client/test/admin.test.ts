// Accounts and editing screens in a browser: user management, audit log, password change, sign-out, the
// steward's status form and the import wizard, against the built client and a seeded test database.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { waitForMap } from './browser.ts'
import { browserSuite, SHOTS } from './browser-suite.ts'

const VIEWPORT = { width: 1280, height: 720 }
const suite = browserSuite()

async function as(username: string): Promise<Page> {
  const s = await suite.session(VIEWPORT, 'vi-VN', username)
  await s.page.goto(`${suite.server.base}/?layers=choropleth`)
  // The first map and KPIs keep the page busy; a click sent before they settle can wait past its timeout on a
  // loaded machine, so each test starts from a dashboard that has finished drawing.
  await waitForMap(s.page)
  return s.page
}

async function openScreen(page: Page, screen: string) {
  await page.click('[data-testid="account-menu"]')
  await page.click(`[role="menu"] [data-screen="${screen}"]`)
}

async function signInWithForm(page: Page, username: string, password: string) {
  await page.waitForSelector('form input[name="username"]', { timeout: 60_000 })
  await page.fill('input[name="username"]', username)
  await page.fill('input[name="password"]', password)
  await page.click('form button[type="submit"]')
}

/** Sends `csv` through the import form as the file `name` and waits for the dry run's report. */
async function uploadCsv(page: Page, name: string, csv: string) {
  await page.setInputFiles('[data-testid="import-form"] input[type="file"]', {
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  })
  await page.click('[data-testid="import-upload"]')
  const report = page.locator('[data-testid="import-report"]')
  await report.waitFor({ timeout: 60_000 })
  return report
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) })

const submit = (page: Page, form: string) => page.click(`[data-testid="${form}"] button[type="submit"]`)

/** Submits `form`, waits for the problem shown next to `field` and keeps a screenshot (`name`) of it. */
async function submitRefused(page: Page, form: string, field: string, name: string) {
  await submit(page, form)
  await page.waitForSelector(`[data-error-for="${field}"]`)
  await shot(page, name)
}

describe('accounts and editing screens', { timeout: 180_000 }, () => {
  it('lets an administrator create a user scoped to a commune, list it, and read the audit entry', async () => {
    const page = await as('admin')
    await openScreen(page, 'users')
    await page.waitForSelector('[data-testid="users-table"] tr[data-username="steward"]')
    await page.click('[data-testid="user-new"]')
    await page.fill('[data-testid="user-form"] input[name="username"]', 'canbo.bacha')
    await page.fill('[data-testid="user-form"] input[name="display_name"]', 'Cán bộ xã Bắc Hà')
    await page.selectOption('[data-testid="user-form"] select[name="role"]', 'steward')
    await page.fill('[data-testid="scope-filter"]', '02647')
    await page.check('[data-testid="scope-list"] input[value="02647"]')
    // a weak password is refused next to its field
    await page.fill('[data-testid="user-form"] input[name="password"]', 'short')
    await submitRefused(page, 'user-form', 'password', 'admin-user-form-error')
    await page.fill('[data-testid="user-form"] input[name="password"]', 'Mat-khau-moi-2025')
    await submit(page, 'user-form')
    const row = page.locator('[data-testid="users-table"] tr[data-username="canbo.bacha"]')
    await row.waitFor()
    expect(await row.textContent()).toContain('Lào Cai')
    await shot(page, 'admin-users')

    await page.click('[data-testid="screen-users"] [aria-label]')
    await openScreen(page, 'audit')
    const entry = page.locator('[data-testid="audit-table"] tr[data-action="user_create"]').first()
    await entry.waitFor()
    expect(await entry.textContent()).toContain('canbo.bacha')
    expect(await entry.textContent()).toContain('Tạo tài khoản') // the action in words, in the UI's language
    await shot(page, 'admin-audit')
  })

  it('shows a steward only the screens their permissions allow', async () => {
    const page = await as('steward')
    await page.click('[data-testid="account-menu"]')
    const screens = await page
      .locator('[role="menu"] [data-screen]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-screen')))
    expect(screens).toEqual(['records', 'password'])
    await page.keyboard.press('Escape')
    // The map opens on the steward's one ward, not the whole province (whose scale bar reads 30 km).
    const scaleKm = async () => {
      const text = (await page.locator('.maplibregl-ctrl-scale').textContent()) ?? ''
      const [, n, unit] = /([\d.,]+)\s*(km|m)/.exec(text) ?? []
      return n === undefined ? Number.NaN : Number(n.replace(',', '.')) / (unit === 'm' ? 1000 : 1)
    }
    await expect.poll(scaleKm, { timeout: 90_000 }).toBeLessThanOrEqual(5)
  })

  it('changes a password, after which the new one signs in', async () => {
    // not signed in: the sign-in form is part of what is tested (the browser closes the context with the suite)
    const context = await suite.browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' })
    const page = await context.newPage()
    await page.goto(`${suite.server.base}/?layers=choropleth`)
    await signInWithForm(page, 'viewer', 'antt-demo-2025')
    await page.waitForSelector('[data-testid="account-menu"]', { timeout: 60_000 })
    await openScreen(page, 'password')
    await page.fill('input[name="current_password"]', 'wrong-password-1')
    await page.fill('input[name="new_password"]', 'Mat-khau-xem-2026')
    await page.fill('input[name="repeat"]', 'Mat-khau-xem-2026')
    await submitRefused(page, 'password-form', 'current_password', 'admin-password-error')
    await page.fill('input[name="current_password"]', 'antt-demo-2025')
    await submit(page, 'password-form')
    await page.waitForSelector('[data-testid="password-changed"]')
    await page.click('[data-testid="password-changed"] button')
    await signInWithForm(page, 'viewer', 'antt-demo-2025')
    await page.waitForSelector('.signin .error-text')
    await signInWithForm(page, 'viewer', 'Mat-khau-xem-2026')
    await page.waitForSelector('.signin', { state: 'detached', timeout: 60_000 })
    const me = await context.request.get(`${suite.server.base}/api/auth/me`)
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('viewer')
  })

  it('signs out back to the sign-in screen', async () => {
    const page = await as('leader')
    await page.click('[data-testid="account-menu"]')
    await page.click('[data-testid="sign-out"]')
    await page.waitForSelector('.signin form input[name="username"]', { timeout: 30_000 })
    const me = await page.context().request.get(`${suite.server.base}/api/auth/me`)
    expect(me.status()).toBe(401)
  })

  it('lets a steward dissolve a model only with a reason', async () => {
    const page = await as('steward')
    await openScreen(page, 'records')
    await page.click('[data-records-tab="status"]')
    const form = page.locator('[data-testid="status-form"]')
    await form.locator('select[name="model_id"] option:nth-child(2)').waitFor({ state: 'attached' })
    const model = await form.locator('select[name="model_id"] option:nth-child(2)').getAttribute('value')
    await form.locator('select[name="model_id"]').selectOption(model as string)
    await form.locator('select[name="status"]').selectOption('dissolved')
    await form.locator('button[type="submit"]').click()
    await form.locator('[data-error-for="reason"]').waitFor()
    await shot(page, 'records-status-error')
    await form.locator('textarea[name="reason"]').fill('Sáp nhập vào tổ tự quản khác')
    await form.locator('button[type="submit"]').click()
    await form.locator('[data-testid="saved"]').waitFor()
    const r = await page.context().request.get(`${suite.server.base}/api/records/models/${model}`)
    expect(((await r.json()) as { model: { status: string } }).model.status).toBe('dissolved')
  })

  it('imports a CSV through the dry-run report and a commit', async () => {
    const page = await as('steward')
    await openScreen(page, 'records')
    await page.click('[data-records-tab="import"]')
    await page.selectOption('[data-testid="import-form"] select[name="kind"]', 'outreach')
    const header = 'Ngày tổ chức,Chủ đề,Mã xã,Số người tham dự'
    const bad = `\uFEFF${header}\n12/04/2025,Phòng chống ma tuý,02647,85\n13/04/2025,An toàn giao thông,99999,40\n`
    const report = await uploadCsv(page, 'tuyen-truyen-loi.csv', bad)
    expect(await report.locator('[data-count="rows"] dd').textContent()).toBe('2')
    expect(Number(await report.locator('[data-count="errors"] dd').textContent())).toBeGreaterThan(0)
    const firstError = report.locator('[data-testid="import-errors"] tbody tr').first().locator('td')
    expect(await firstError.nth(0).textContent()).toBe('3')
    expect(await firstError.nth(1).textContent()).toBe('Mã xã') // the file's own header, not the field key
    expect(await page.locator('[data-testid="import-commit"]').isDisabled()).toBe(true)
    await shot(page, 'records-import-errors')

    await page.click('[data-testid="import-report"] .adm-actions .btn:not(.btn-primary)')
    const good = `\uFEFF${header}\n12/04/2025,Phòng chống ma tuý,02647,85\n13/04/2025,An toàn giao thông,02647,40\n`
    await uploadCsv(page, 'tuyen-truyen.csv', good)
    expect(await report.locator('[data-count="create"] dd').textContent()).toBe('2')
    await page.click('[data-testid="import-commit"]')
    await page.waitForSelector('[data-testid="import-committed"]', { timeout: 60_000 })
    expect(await report.getAttribute('data-status')).toBe('committed')
    await shot(page, 'records-import-committed')
  })
})
