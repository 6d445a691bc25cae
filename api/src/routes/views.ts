// Saved views and decks: each route validates, calls services/views.ts, and answers what it returns.
import { deck, deckBody, deckPatch, newView, okResult, savedView, viewPatch } from '@antt/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { describeTag, jsonAnswer } from '../http/describe.ts'
import { json, rowIdParam } from '../http/validate.ts'
import {
  createDeck,
  createView,
  deleteDeck,
  deleteView,
  duplicateView,
  getDeck,
  getView,
  listDecks,
  listViews,
  updateDeck,
  updateView,
} from '../services/views.ts'

const doc = describeTag('Views and decks')

const viewAnswer = jsonAnswer(z.object({ view: savedView }))
const deckAnswer = jsonAnswer(z.object({ deck }))
const deleted = jsonAnswer(okResult)

export const views = new Hono<AppEnv>()
  .get('/', doc('Saved map views', { 200: jsonAnswer(z.object({ views: z.array(savedView) })) }), async (c) =>
    c.json({ views: await listViews(c.get('deps').db) }),
  )
  .get('/:id', doc('One saved view', { 200: viewAnswer }), rowIdParam, async (c) =>
    c.json({ view: await getView(c.get('deps').db, c.req.valid('param').id) }),
  )
  .post('/', doc('Save a view', { 201: viewAnswer }), json(newView), async (c) =>
    c.json({ view: await createView(c.get('deps'), c.req.valid('json')) }, 201),
  )
  .post('/:id/duplicate', doc('Copy a saved view', { 201: viewAnswer }), rowIdParam, async (c) =>
    c.json({ view: await duplicateView(c.get('deps'), c.req.valid('param').id) }, 201),
  )
  .patch('/:id', doc('Change a saved view', { 200: viewAnswer }), rowIdParam, json(viewPatch), async (c) =>
    c.json({ view: await updateView(c.get('deps'), c.req.valid('param').id, c.req.valid('json')) }),
  )
  .delete('/:id', doc('Delete a saved view', { 200: deleted }), rowIdParam, async (c) => {
    await deleteView(c.get('deps'), c.req.valid('param').id)
    return c.json({ ok: true })
  })

export const decks = new Hono<AppEnv>()
  .get(
    '/',
    doc('Slide decks of saved views', { 200: jsonAnswer(z.object({ decks: z.array(deck) })) }),
    async (c) => c.json({ decks: await listDecks(c.get('deps').db) }),
  )
  .get('/:id', doc('One deck', { 200: deckAnswer }), rowIdParam, async (c) =>
    c.json({ deck: await getDeck(c.get('deps').db, c.req.valid('param').id) }),
  )
  .post('/', doc('Create a deck', { 201: deckAnswer }), json(deckBody), async (c) =>
    c.json({ deck: await createDeck(c.get('deps'), c.req.valid('json')) }, 201),
  )
  .patch(
    '/:id',
    doc('Rename a deck or reorder its views', { 200: deckAnswer }),
    rowIdParam,
    json(deckPatch),
    async (c) =>
      c.json({ deck: await updateDeck(c.get('deps'), c.req.valid('param').id, c.req.valid('json')) }),
  )
  .delete('/:id', doc('Delete a deck', { 200: deleted }), rowIdParam, async (c) => {
    await deleteDeck(c.get('deps'), c.req.valid('param').id)
    return c.json({ ok: true })
  })
