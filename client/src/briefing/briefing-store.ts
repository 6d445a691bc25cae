import { useSyncExternalStore } from 'react'
import { type Deck, decksApi, type SavedView, viewsApi } from './briefing-api.ts'

/** Saved views and decks as last loaded, shared by the panel, the deck editor and the presenter. */
export interface BriefingData {
  views: SavedView[]
  decks: Deck[]
  loaded: boolean
  error: string | null
}

let data: BriefingData = { views: [], decks: [], loaded: false, error: null }
const listeners = new Set<() => void>()
const set = (patch: Partial<BriefingData>) => {
  data = { ...data, ...patch }
  for (const l of listeners) l()
}

export async function reloadBriefing(): Promise<void> {
  try {
    const [views, decks] = await Promise.all([viewsApi.list(), decksApi.list()])
    set({ views, decks, loaded: true, error: null })
  } catch (e) {
    set({ loaded: true, error: (e as Error).message })
  }
}

/** Runs a change against the API, then reloads; the error, if any, is kept for the panel to show. */
export async function mutate<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    const out = await run()
    await reloadBriefing()
    return out
  } catch (e) {
    set({ error: (e as Error).message })
    return undefined
  }
}

export function clearBriefingError() {
  set({ error: null })
}

export function briefingData(): BriefingData {
  return data
}

export function useBriefing(): BriefingData {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => data,
  )
}

/** The views of a deck in its order (views deleted since are skipped). */
export function deckViews(deck: Deck, views: readonly SavedView[]): SavedView[] {
  const byId = new Map(views.map((v) => [v.id, v]))
  return deck.view_ids.map((id) => byId.get(id)).filter((v): v is SavedView => Boolean(v))
}
