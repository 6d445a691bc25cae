import { rowId } from '@antt/contract'
// Saved views and decks: each route validates, calls services/views.ts, and answers what it returns.
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { json, params } from '../http/validate.ts'
import {
  createDeck,
  createView,
  deckBody,
  deckPatch,
  deleteDeck,
  deleteView,
  duplicateView,
  getDeck,
  getView,
  listDecks,
  listViews,
  newView,
  updateDeck,
  updateView,
  viewPatch,
} from '../services/views.ts'

const idParam = params(z.object({ id: rowId }))

export const views = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ views: await listViews(c.get('deps').db) }))
  .get('/:id', idParam, async (c) =>
    c.json({ view: await getView(c.get('deps').db, c.req.valid('param').id) }),
  )
  .post('/', json(newView), async (c) =>
    c.json({ view: await createView(c.get('deps'), c.req.valid('json')) }, 201),
  )
  .post('/:id/duplicate', idParam, async (c) =>
    c.json({ view: await duplicateView(c.get('deps'), c.req.valid('param').id) }, 201),
  )
  .patch('/:id', idParam, json(viewPatch), async (c) =>
    c.json({ view: await updateView(c.get('deps'), c.req.valid('param').id, c.req.valid('json')) }),
  )
  .delete('/:id', idParam, async (c) => {
    await deleteView(c.get('deps'), c.req.valid('param').id)
    return c.json({ ok: true })
  })

export const decks = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ decks: await listDecks(c.get('deps').db) }))
  .get('/:id', idParam, async (c) =>
    c.json({ deck: await getDeck(c.get('deps').db, c.req.valid('param').id) }),
  )
  .post('/', json(deckBody), async (c) =>
    c.json({ deck: await createDeck(c.get('deps'), c.req.valid('json')) }, 201),
  )
  .patch('/:id', idParam, json(deckPatch), async (c) =>
    c.json({ deck: await updateDeck(c.get('deps'), c.req.valid('param').id, c.req.valid('json')) }),
  )
  .delete('/:id', idParam, async (c) => {
    await deleteDeck(c.get('deps'), c.req.valid('param').id)
    return c.json({ ok: true })
  })
