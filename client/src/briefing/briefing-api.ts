// Saved views and decks (api/src/routes/views.ts): typed calls with the session's CSRF token.
import type {
  SavedView as ApiSavedView,
  Deck,
  DeckPatch,
  MapExportReport,
  NewView,
  OkResult,
  ViewPatch,
} from '@antt/contract'
import { loadSession, request } from '../api/client.ts'
import type { SavedViewState } from './view-state.ts'

/** A saved view as the API answers it, its `state` in the form this client writes (view-state.ts). */
export type SavedView = Omit<ApiSavedView, 'state'> & { state: SavedViewState }

/** A new view's fields, its `state` in the form this client writes. */
export type ViewFields = Omit<NewView, 'state'> & { state: SavedViewState }

export const viewsApi = {
  list: () => request.get<{ views: SavedView[] }>('/api/views').then((r) => r.views),
  get: (id: number) => request.get<{ view: SavedView }>(`/api/views/${id}`).then((r) => r.view),
  create: (v: ViewFields) => request.post<{ view: SavedView }>('/api/views', v).then((r) => r.view),
  update: (id: number, patch: Omit<ViewPatch, 'state'> & { state?: SavedViewState }) =>
    request.patch<{ view: SavedView }>(`/api/views/${id}`, patch).then((r) => r.view),
  duplicate: (id: number) =>
    request.post<{ view: SavedView }>(`/api/views/${id}/duplicate`).then((r) => r.view),
  remove: (id: number) => request.delete<OkResult>(`/api/views/${id}`),
}

export const decksApi = {
  list: () => request.get<{ decks: Deck[] }>('/api/decks').then((r) => r.decks),
  create: (title: string, viewIds: number[] = []) =>
    request.post<{ deck: Deck }>('/api/decks', { title, view_ids: viewIds }).then((r) => r.deck),
  update: (id: number, patch: DeckPatch) =>
    request.patch<{ deck: Deck }>(`/api/decks/${id}`, patch).then((r) => r.deck),
  remove: (id: number) => request.delete<OkResult>(`/api/decks/${id}`),
}

/** Records a map export made in the browser in the audit log; when the server runs without accounts there is no log to write. */
export async function reportExport(report: MapExportReport): Promise<void> {
  if ((await loadSession()) === null) return
  await request.post<OkResult>('/api/export/audit', report)
}
