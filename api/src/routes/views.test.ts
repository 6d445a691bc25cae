import { describe, expect, it } from 'vitest'
import { backends, expectRejected, getJson, signIn, useApp } from '../testing.ts'

const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})
const patch = (body: unknown) => ({ ...post(body), method: 'PATCH' })
const STATE = {
  camera: { lon: 104.0, lat: 22.3, zoom: 8 },
  period: { from: '2025-07-01', to: '2026-06-30' },
  lang: 'vi',
  layers: { choropleth: { metric: 'village_coverage' } },
}

describe.each(backends())('saved views and decks on the %s database', (backend) => {
  const ctx = useApp(backend, 'briefer')

  it('creates, renames, duplicates and deletes a view, recording who and when', async () => {
    const created = await getJson(
      ctx.app,
      '/api/views',
      post({ title: 'Độ bao phủ vùng biên', subtitle: 'Quý III', notes: 'Nhấn mạnh xã Y Tý', state: STATE }),
    )
    expect(created.status).toBe(201)
    expect(created.body.view).toMatchObject({
      title: 'Độ bao phủ vùng biên',
      created_by: 'briefer',
      state: STATE,
    })
    expect(created.body.view.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    const id = created.body.view.id
    const renamed = await getJson(ctx.app, `/api/views/${id}`, patch({ title: 'Bao phủ biên giới' }))
    expect(renamed.body.view).toMatchObject({ title: 'Bao phủ biên giới', subtitle: 'Quý III', state: STATE })
    const copy = await getJson(ctx.app, `/api/views/${id}/duplicate`, { method: 'POST' })
    expect(copy.status).toBe(201)
    expect(copy.body.view.id).not.toBe(id)
    expect((await getJson(ctx.app, `/api/views/${copy.body.view.id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await getJson(ctx.app, `/api/views/${copy.body.view.id}`)).status).toBe(404)
  })

  it('lets a planner keep a set of priority weights as a named view, and a viewer not', async () => {
    const planner = await signIn(ctx.raw, 'planner')
    const state = {
      ...STATE,
      analytics: { table: 'priority', weights: { incident_rate_eb: 0.6, border: 0.4 } },
    }
    const kept = await getJson(planner, '/api/views', post({ title: 'Trọng số biên giới', state }))
    expect(kept.status).toBe(201)
    expect(kept.body.view).toMatchObject({ created_by: 'planner', state })
    const list = await getJson(planner, '/api/views')
    expect(list.body.views.map((v: any) => v.title)).toContain('Trọng số biên giới')
    const viewer = await signIn(ctx.raw, 'viewer')
    expect((await getJson(viewer, '/api/views', post({ title: 'x', state }))).status).toBe(403)
  })

  it('makes a deck of views, reorders it and removes a view from it', async () => {
    const a = (await getJson(ctx.app, '/api/views', post({ title: 'A', state: STATE }))).body.view.id
    const b = (await getJson(ctx.app, '/api/views', post({ title: 'B', state: STATE }))).body.view.id
    const deck = await getJson(ctx.app, '/api/decks', post({ title: 'Giao ban tháng', view_ids: [a, b] }))
    expect(deck.status).toBe(201)
    expect(deck.body.deck.view_ids).toEqual([a, b])
    const reordered = await getJson(ctx.app, `/api/decks/${deck.body.deck.id}`, patch({ view_ids: [b, a] }))
    expect(reordered.body.deck.view_ids).toEqual([b, a])
    await getJson(ctx.app, `/api/views/${a}`, { method: 'DELETE' })
    expect((await getJson(ctx.app, `/api/decks/${deck.body.deck.id}`)).body.deck.view_ids).toEqual([b])
  })

  it.each([
    ['an unknown field', { title: 'x', state: STATE, colour: 'red' }, 'colour'],
    ['an empty title', { title: ' ', state: STATE }, 'title'],
    [
      'an invalid period',
      { title: 'x', state: { ...STATE, period: { from: '2026-02-30', to: '2026-03-01' } } },
      'state.period.from',
    ],
    [
      'a reversed period',
      { title: 'x', state: { ...STATE, period: { from: '2026-06-01', to: '2026-01-01' } } },
      'state.period.from',
    ],
    ['an oversized state', { title: 'x', state: { ...STATE, blob: 'x'.repeat(40_000) } }, 'state'],
    ['a state that is not an object', { title: 'x', state: [1, 2] }, 'state'],
  ])('rejects a view with %s, naming the field', async (_what, body, field) => {
    expectRejected(await getJson(ctx.app, '/api/views', post(body)), field)
  })

  it('rejects a deck that names a view that does not exist', async () => {
    const res = await getJson(ctx.app, '/api/decks', post({ title: 'x', view_ids: [99999999] }))
    expect(res.status).toBe(400)
    expect(res.body.error.details[0].field).toBe('view_ids')
    expect((await getJson(ctx.app, '/api/decks')).body.decks.every((d: any) => d.title !== 'x')).toBe(true)
  })

  it('keeps views from roles without the views permission', async () => {
    const viewer = await signIn(ctx.raw, 'viewer')
    expect((await viewer.request('/api/views')).status).toBe(403)
  })
})
