// Saved map views and the decks that order them (/api/views, /api/decks), and the report of a map exported in
// the browser (/api/export/audit).
import { z } from 'zod'
import { isoDate } from './params.ts'
import { count, named } from './registry.ts'

/** Largest saved state, in characters of JSON. */
export const MAX_STATE_CHARS = 32_768

/** `{ ok: true }`: what a deletion or a report answers. */
export const okResult = named('Ok', z.object({ ok: z.literal(true) }))
export type OkResult = z.infer<typeof okResult>

/**
 * The map state a view stores. The period and language are checked; the rest belongs to the client and is
 * kept as given, within a size limit.
 */
export const viewState = z
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
  .meta({ description: 'the map state; period and lang are checked, the rest is kept as the client gave it' })

const viewTitle = z.string().trim().min(1, 'must not be empty').max(200)
const viewSubtitle = z.string().max(300)
const viewNotes = z.string().max(5000)

/** Body of POST /api/views. */
export const newView = z
  .object({
    title: viewTitle,
    subtitle: viewSubtitle.default(''),
    notes: viewNotes.default(''),
    state: viewState,
  })
  .strict()
export type NewView = z.input<typeof newView>

/** Body of PATCH /api/views/{id}. */
export const viewPatch = z
  .object({
    title: viewTitle.optional(),
    subtitle: viewSubtitle.optional(),
    notes: viewNotes.optional(),
    state: viewState.optional(),
  })
  .strict()
export type ViewPatch = z.input<typeof viewPatch>

const stamp = z.string().meta({ format: 'date-time' })

export const savedView = named(
  'SavedView',
  z.object({
    id: count,
    title: z.string(),
    subtitle: z.string(),
    notes: z.string(),
    state: viewState,
    created_by: z.string(),
    updated_by: z.string(),
    created_at: stamp,
    updated_at: stamp,
  }),
)
export type SavedView = z.infer<typeof savedView>

const viewIds = z.array(z.number().int().positive()).max(100)

/** Body of POST /api/decks. */
export const deckBody = z.object({ title: viewTitle, view_ids: viewIds.default([]) }).strict()
/** Body of PATCH /api/decks/{id}. */
export const deckPatch = z.object({ title: viewTitle.optional(), view_ids: viewIds.optional() }).strict()
export type DeckPatch = z.input<typeof deckPatch>

export const deck = named(
  'Deck',
  z.object({
    id: count,
    title: z.string(),
    view_ids: z.array(count).meta({ description: 'the saved views in the order shown' }),
    created_by: z.string(),
    updated_by: z.string(),
    updated_at: stamp,
  }),
)
export type Deck = z.infer<typeof deck>

/**
 * A map exported in the browser (PNG or PDF, rendered there at the target resolution): the client reports
 * it before it hands the file over, so every export is in the audit log like the record exports.
 */
export const mapExportBody = z
  .object({
    format: z.enum(['png', 'pdf']),
    /** the size chosen in the export dialog, e.g. "screen", "hd", "a4-landscape-300" */
    size: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a size id such as a4-landscape-300'),
    title: z.string().trim().min(1).max(300),
    target: z.enum(['screen', 'view', 'deck']),
    view_ids: z.array(z.number().int().positive()).max(200).optional(),
    deck_id: z.number().int().positive().optional(),
    pages: z.number().int().min(1).max(200),
    period: z.object({ from: isoDate, to: isoDate }).strict().optional(),
    layers: z
      .array(z.string().regex(/^[a-z0-9_]{1,40}$/))
      .max(40)
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.target === 'deck' && b.deck_id === undefined)
      ctx.addIssue({ code: 'custom', path: ['deck_id'], message: 'required when target is deck' })
    if (b.format === 'png' && b.pages !== 1)
      ctx.addIssue({ code: 'custom', path: ['pages'], message: 'a PNG has one page' })
  })
export type MapExportReport = z.input<typeof mapExportBody>
