import { describe, expect, it } from 'vitest'
import { backends, getJson, signIn, useApp } from '../testing.ts'

const PDF = {
  format: 'pdf',
  size: 'a4-landscape-150',
  title: 'Tình hình biên giới quý III',
  target: 'deck',
  deck_id: 4,
  view_ids: [7, 8],
  pages: 2,
  period: { from: '2025-07-01', to: '2026-06-30' },
  layers: ['choropleth', 'border_line'],
}

describe.each(backends())('map exports in the audit log on the %s database', (backend) => {
  const ctx = useApp(backend)

  const post = (app: typeof ctx.app, body: unknown) =>
    getJson(app, '/api/export/audit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('records who exported which map, how, and from where', async () => {
    const briefer = await signIn(ctx.raw, 'briefer')
    expect((await post(briefer, PDF)).status).toBe(201)
    const log = await getJson(ctx.app, '/api/audit?action=export&user=briefer&limit=1')
    expect(log.status).toBe(200)
    const [entry] = log.body.entries
    expect(entry).toMatchObject({ username: 'briefer', action: 'export', target: 'map.pdf' })
    expect(entry.details).toMatchObject({ ...PDF, kind: 'map' })
    expect(entry.ip).toBeTruthy()
  })

  it('names the field of a bad report and records nothing', async () => {
    const before = await getJson(ctx.app, '/api/audit?action=export&limit=1000')
    const bad: [unknown, string][] = [
      [{ ...PDF, format: 'svg' }, 'format'],
      [{ ...PDF, size: 'A4 300 dpi' }, 'size'],
      [{ ...PDF, title: '' }, 'title'],
      [{ ...PDF, pages: 0 }, 'pages'],
      [{ ...PDF, format: 'png' }, 'pages'],
      [{ ...PDF, deck_id: undefined }, 'deck_id'],
      [{ ...PDF, period: { from: '2025-02-30', to: '2026-01-01' } }, 'period.from'],
      [{ ...PDF, layers: ["x'; drop table audit_log; --"] }, 'layers.0'],
      [{ ...PDF, user: 'someone else' }, 'user'],
    ]
    for (const [body, field] of bad) {
      const res = await post(ctx.app, body)
      expect(res.status, field).toBe(400)
      expect(
        res.body.error.details.map((d: { field: string }) => d.field),
        field,
      ).toContain(field)
    }
    const after = await getJson(ctx.app, '/api/audit?action=export&limit=1000')
    expect(after.body.entries.length).toBe(before.body.entries.length)
  })

  it('is refused to a role that may not export, and to a request without the CSRF token', async () => {
    const viewer = await signIn(ctx.raw, 'viewer')
    expect((await post(viewer, PDF)).status).toBe(403)
    const noToken = await ctx.app.request('/api/export/audit', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': '' },
      body: JSON.stringify(PDF),
    })
    expect(noToken.status).toBe(403)
  })
})
