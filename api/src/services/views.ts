import { isoDate } from '@antt/contract'
// Saved map views and the decks (presentations) that order them: stored, listed, changed and audited.
import type { Queryable } from '@antt/data/db'
import { z } from 'zod'
import { audit } from '../auth/audit.ts'
import type { AppDeps } from '../context.ts'
import { badRequest, notFound } from '../http/errors.ts'

/** Largest saved state, in characters of JSON. */
export const MAX_STATE_CHARS = 32_768

/**
 * The map state a view stores. The period and language are checked; the rest belongs to the client and is
 * kept as given, within a size limit.
 */
const viewState = z
  .looseObject({
    period: z
      .object({ from: isoDate, to: isoDate })
      .strict()
      .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['from'] })
      .optional(),
    lang: z.enum(['vi', 'en']).optional(),
  })
  .refine(
    (s) => JSON.stringify(s).length <= MAX_STATE_CHARS,
    `state is larger than ${MAX_STATE_CHARS} characters`,
  )

const viewFields = {
  title: z.string().trim().min(1, 'must not be empty').max(200),
  subtitle: z.string().max(300).default(''),
  notes: z.string().max(5000).default(''),
  state: viewState,
}
export const newView = z.object(viewFields).strict()
export const viewPatch = z
  .object({
    title: viewFields.title.optional(),
    subtitle: z.string().max(300).optional(),
    notes: z.string().max(5000).optional(),
    state: viewState.optional(),
  })
  .strict()

const VIEW_COLUMNS = `id, title, subtitle, notes, state, created_by, updated_by,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at`

type ViewRow = Record<string, unknown> & { id: number }

export const listViews = (db: Queryable) =>
  db.query<ViewRow>(`select ${VIEW_COLUMNS} from saved_view order by updated_at desc, id desc`)

export async function getView(db: Queryable, id: number) {
  const [view] = await db.query<ViewRow>(`select ${VIEW_COLUMNS} from saved_view where id = $1`, [id])
  if (!view) throw notFound(`view ${id}`)
  return view
}

export async function createView({ db, principal, ip }: AppDeps, v: z.infer<typeof newView>) {
  const [view] = await db.query<ViewRow>(
    `insert into saved_view (title, subtitle, notes, state, created_by, updated_by) values ($1, $2, $3, $4::jsonb, $5, $5)
     returning ${VIEW_COLUMNS}`,
    [v.title, v.subtitle, v.notes, JSON.stringify(v.state), principal!.username],
  )
  await audit(db, principal, ip, {
    action: 'view_create',
    target: `view:${view.id}`,
    details: { title: v.title },
  })
  return view
}

export async function duplicateView({ db, principal, ip }: AppDeps, id: number) {
  const [view] = await db.query<ViewRow>(
    `insert into saved_view (title, subtitle, notes, state, created_by, updated_by)
     select left(title || ' (bản sao)', 200), subtitle, notes, state, $2, $2 from saved_view where id = $1
     returning ${VIEW_COLUMNS}`,
    [id, principal!.username],
  )
  if (!view) throw notFound(`view ${id}`)
  await audit(db, principal, ip, {
    action: 'view_create',
    target: `view:${view.id}`,
    details: { duplicate_of: id },
  })
  return view
}

export async function updateView({ db, principal, ip }: AppDeps, id: number, p: z.infer<typeof viewPatch>) {
  const [view] = await db.query<ViewRow>(
    `update saved_view set title = coalesce($2, title), subtitle = coalesce($3, subtitle), notes = coalesce($4, notes),
            state = coalesce($5::jsonb, state), updated_by = $6, updated_at = now()
     where id = $1 returning ${VIEW_COLUMNS}`,
    [
      id,
      p.title ?? null,
      p.subtitle ?? null,
      p.notes ?? null,
      p.state ? JSON.stringify(p.state) : null,
      principal!.username,
    ],
  )
  if (!view) throw notFound(`view ${id}`)
  await audit(db, principal, ip, {
    action: 'view_update',
    target: `view:${id}`,
    details: { fields: Object.keys(p) },
  })
  return view
}

export async function deleteView({ db, principal, ip }: AppDeps, id: number) {
  const gone = await db.query('delete from saved_view where id = $1 returning id', [id])
  if (!gone.length) throw notFound(`view ${id}`)
  await audit(db, principal, ip, { action: 'view_delete', target: `view:${id}` })
}

export const deckBody = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(200),
    view_ids: z.array(z.number().int().positive()).max(100).default([]),
  })
  .strict()
export const deckPatch = z
  .object({
    title: deckBody.shape.title.optional(),
    view_ids: z.array(z.number().int().positive()).max(100).optional(),
  })
  .strict()

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

type DeckRow = Record<string, unknown> & { id: number }

export const listDecks = (db: Queryable) =>
  db.query<DeckRow>(`${DECK_SELECT} order by d.updated_at desc, d.id desc`)

export async function getDeck(db: Queryable, id: number) {
  const [deck] = await db.query<DeckRow>(`${DECK_SELECT} where d.id = $1`, [id])
  if (!deck) throw notFound(`deck ${id}`)
  return deck
}

export async function createDeck({ db, principal, ip }: AppDeps, body: z.infer<typeof deckBody>) {
  const [row] = await db.query<{ id: number }>(
    'insert into deck (title, created_by, updated_by) values ($1, $2, $2) returning id',
    [body.title, principal!.username],
  )
  await setDeckViews(db, row.id, body.view_ids)
  await audit(db, principal, ip, {
    action: 'deck_create',
    target: `deck:${row.id}`,
    details: { title: body.title },
  })
  return getDeck(db, row.id)
}

export async function updateDeck(
  { db, principal, ip }: AppDeps,
  id: number,
  body: z.infer<typeof deckPatch>,
) {
  const updated = await db.query(
    'update deck set title = coalesce($2, title), updated_by = $3, updated_at = now() where id = $1 returning id',
    [id, body.title ?? null, principal!.username],
  )
  if (!updated.length) throw notFound(`deck ${id}`)
  if (body.view_ids) await setDeckViews(db, id, body.view_ids)
  await audit(db, principal, ip, { action: 'deck_update', target: `deck:${id}`, details: body })
  return getDeck(db, id)
}

export async function deleteDeck({ db, principal, ip }: AppDeps, id: number) {
  if (!(await db.query('delete from deck where id = $1 returning id', [id])).length)
    throw notFound(`deck ${id}`)
  await audit(db, principal, ip, { action: 'deck_delete', target: `deck:${id}` })
}
