// Saved map views and the decks (presentations) that order them: stored, listed, changed and audited.
import type { Deck, deckBody, deckPatch, newView, SavedView, viewPatch } from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import type { z } from 'zod'
import { auditRequest } from '../auth/audit.ts'
import type { AppDeps } from '../context.ts'
import { badRequest, notFound } from '../http/errors.ts'

// The columns of an answer are read after a write (`returning id`, then select): a Citus cluster takes no
// function but an immutable one (to_char of a time) in the RETURNING clause of a write.
const VIEW_COLUMNS = `id, title, subtitle, notes, state, created_by, updated_by,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at`

export const listViews = (db: Queryable) =>
  db.query<SavedView>(`select ${VIEW_COLUMNS} from saved_view order by updated_at desc, id desc`)

export async function getView(db: Queryable, id: number) {
  const [view] = await db.query<SavedView>(`select ${VIEW_COLUMNS} from saved_view where id = $1`, [id])
  if (!view) throw notFound(`view ${id}`)
  return view
}

export async function createView(deps: AppDeps, v: z.output<typeof newView>) {
  const { db, principal } = deps
  const [written] = await db.query<{ id: number }>(
    `insert into saved_view (title, subtitle, notes, state, created_by, updated_by) values ($1, $2, $3, $4::jsonb, $5, $5)
     returning id`,
    [v.title, v.subtitle, v.notes, JSON.stringify(v.state), principal!.username],
  )
  const view = await getView(db, written.id)
  await auditRequest(deps, {
    action: 'view_create',
    target: `view:${view.id}`,
    details: { title: v.title },
  })
  return view
}

export async function duplicateView(deps: AppDeps, id: number) {
  const { db, principal } = deps
  const [written] = await db.query<{ id: number }>(
    `insert into saved_view (title, subtitle, notes, state, created_by, updated_by)
     select left(title || ' (bản sao)', 200), subtitle, notes, state, $2, $2 from saved_view where id = $1
     returning id`,
    [id, principal!.username],
  )
  if (!written) throw notFound(`view ${id}`)
  const view = await getView(db, written.id)
  await auditRequest(deps, {
    action: 'view_create',
    target: `view:${view.id}`,
    details: { duplicate_of: id },
  })
  return view
}

export async function updateView(deps: AppDeps, id: number, p: z.output<typeof viewPatch>) {
  const { db, principal } = deps
  const [written] = await db.query<{ id: number }>(
    `update saved_view set title = coalesce($2, title), subtitle = coalesce($3, subtitle), notes = coalesce($4, notes),
            state = coalesce($5::jsonb, state), updated_by = $6, updated_at = now()
     where id = $1 returning id`,
    [
      id,
      p.title ?? null,
      p.subtitle ?? null,
      p.notes ?? null,
      p.state ? JSON.stringify(p.state) : null,
      principal!.username,
    ],
  )
  if (!written) throw notFound(`view ${id}`)
  const view = await getView(db, written.id)
  await auditRequest(deps, {
    action: 'view_update',
    target: `view:${id}`,
    details: { fields: Object.keys(p) },
  })
  return view
}

export async function deleteView(deps: AppDeps, id: number) {
  const { db } = deps
  const gone = await db.query('delete from saved_view where id = $1 returning id', [id])
  if (!gone.length) throw notFound(`view ${id}`)
  await auditRequest(deps, { action: 'view_delete', target: `view:${id}` })
}

const DECK_SELECT = `select d.id, d.title, d.created_by, d.updated_by,
  to_char(d.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at,
  coalesce((select json_agg(dv.view_id order by dv.position) from deck_view dv where dv.deck_id = d.id), '[]') as view_ids
  from deck d`

async function setDeckViews(db: Queryable, deckId: number, viewIds: number[]) {
  const known = await db.query<{ id: number }>('select id from saved_view where id = any ($1::int[])', [
    viewIds,
  ])
  const missing = viewIds.filter((v) => !known.some((k) => k.id === v))
  if (missing.length) throw badRequest('view_ids', `unknown view ${missing.join(', ')}`)
  await db.query('delete from deck_view where deck_id = $1', [deckId])
  if (viewIds.length)
    await db.query(
      'insert into deck_view (deck_id, position, view_id) select $1, o - 1, v from unnest($2::int[]) with ordinality as t(v, o)',
      [deckId, viewIds],
    )
}

export const listDecks = (db: Queryable) =>
  db.query<Deck>(`${DECK_SELECT} order by d.updated_at desc, d.id desc`)

export async function getDeck(db: Queryable, id: number) {
  const [deck] = await db.query<Deck>(`${DECK_SELECT} where d.id = $1`, [id])
  if (!deck) throw notFound(`deck ${id}`)
  return deck
}

export async function createDeck(deps: AppDeps, body: z.output<typeof deckBody>) {
  const { db, principal } = deps
  const [row] = await db.query<{ id: number }>(
    'insert into deck (title, created_by, updated_by) values ($1, $2, $2) returning id',
    [body.title, principal!.username],
  )
  await setDeckViews(db, row.id, body.view_ids)
  await auditRequest(deps, {
    action: 'deck_create',
    target: `deck:${row.id}`,
    details: { title: body.title },
  })
  return getDeck(db, row.id)
}

export async function updateDeck(deps: AppDeps, id: number, body: z.output<typeof deckPatch>) {
  const { db, principal } = deps
  const updated = await db.query(
    'update deck set title = coalesce($2, title), updated_by = $3, updated_at = now() where id = $1 returning id',
    [id, body.title ?? null, principal!.username],
  )
  if (!updated.length) throw notFound(`deck ${id}`)
  if (body.view_ids) await setDeckViews(db, id, body.view_ids)
  await auditRequest(deps, { action: 'deck_update', target: `deck:${id}`, details: body })
  return getDeck(db, id)
}

export async function deleteDeck(deps: AppDeps, id: number) {
  const { db } = deps
  if (!(await db.query('delete from deck where id = $1 returning id', [id])).length)
    throw notFound(`deck ${id}`)
  await auditRequest(deps, { action: 'deck_delete', target: `deck:${id}` })
}
