import type { Deck } from '@antt/contract'
import { sharedValue } from '../state/shared-value.ts'
import { decksApi, type SavedView, viewsApi } from './briefing-api.ts'

/** Saved views and decks as last loaded, shared by the panel, the deck editor and the presenter. */
export interface BriefingData {
  views: SavedView[]
  decks: Deck[]
  loaded: boolean
  error: string | null
}

const data = sharedValue<BriefingData>({ views: [], decks: [], loaded: false, error: null })
const set = data.patch

// Answers can arrive out of order (two quick moves in a deck): only the latest reload started is kept,
// so an older list never overwrites a newer one.
let lastReload = 0

export async function reloadBriefing(): Promise<void> {
  const mine = ++lastReload
  try {
    const [views, decks] = await Promise.all([viewsApi.list(), decksApi.list()])
    if (mine === lastReload) set({ views, decks, loaded: true, error: null })
  } catch (e) {
    if (mine === lastReload) set({ loaded: true, error: (e as Error).message })
  }
}

// Changes are sent one after another, in the order they were made, so the server ends in the last one; the
// lists are reloaded once the last pending change is done (an earlier reload would undo a move just made).
let queue: Promise<unknown> = Promise.resolve()
let pending = 0
let failed: string | null = null

/** Runs a change against the API after the changes before it, then reloads; an error is kept for the panel. */
export function mutate<T>(run: () => Promise<T>): Promise<T | undefined> {
  pending++
  const next = queue.then(async () => {
    try {
      return await run()
    } catch (e) {
      failed = (e as Error).message
      set({ error: failed })
      return undefined
    } finally {
      if (--pending === 0) {
        const error = failed
        failed = null
        await reloadBriefing()
        if (error) set({ error }) // the reload does not hide why a change failed
      }
    }
  })
  queue = next
  return next
}

export function clearBriefingError() {
  set({ error: null })
}

export const briefingData = (): BriefingData => data.get()
export const useBriefing = (): BriefingData => data.use()

/** The views of a deck in its order (views deleted since are skipped). */
export function deckViews(deck: Deck, views: readonly SavedView[]): SavedView[] {
  const byId = new Map(views.map((v) => [v.id, v]))
  return deck.view_ids.map((id) => byId.get(id)).filter((v): v is SavedView => Boolean(v))
}
