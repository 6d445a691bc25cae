// Saved views and decks (api/src/routes/views.ts): typed calls with the session's CSRF token.
import { loadSession, request } from '../api/client.ts'
import type { SavedViewState } from './view-state.ts'

export interface SavedView {
  id: number
  title: string
  subtitle: string
  notes: string
  state: SavedViewState
  created_by: string
  updated_by: string
  created_at: string
  updated_at: string
}

export interface Deck {
  id: number
  title: string
  view_ids: number[]
  created_by: string
  updated_by: string
  updated_at: string
}

export interface Me {
  /** null when the API runs without accounts: everything is allowed */
  permissions: string[] | null
  username: string | null
}

/** The caller's permissions, from the page's one session cache. */
export async function whoAmI(): Promise<Me> {
  const user = await loadSession()
  return { permissions: user?.permissions ?? null, username: user?.username ?? null }
}

export const can = (m: Me, permission: string) => m.permissions === null || m.permissions.includes(permission)

export interface ViewFields {
  title: string
  subtitle: string
  notes: string
  state: SavedViewState
}

export const viewsApi = {
  list: () => request.get<{ views: SavedView[] }>('/api/views').then((r) => r.views),
  get: (id: number) => request.get<{ view: SavedView }>(`/api/views/${id}`).then((r) => r.view),
  create: (v: ViewFields) => request.post<{ view: SavedView }>('/api/views', v).then((r) => r.view),
  update: (id: number, patch: Partial<ViewFields>) =>
    request.patch<{ view: SavedView }>(`/api/views/${id}`, patch).then((r) => r.view),
  duplicate: (id: number) =>
    request.post<{ view: SavedView }>(`/api/views/${id}/duplicate`).then((r) => r.view),
  remove: (id: number) => request.delete<{ ok: true }>(`/api/views/${id}`),
}

export const decksApi = {
  list: () => request.get<{ decks: Deck[] }>('/api/decks').then((r) => r.decks),
  create: (title: string, viewIds: number[] = []) =>
    request.post<{ deck: Deck }>('/api/decks', { title, view_ids: viewIds }).then((r) => r.deck),
  update: (id: number, patch: { title?: string; view_ids?: number[] }) =>
    request.patch<{ deck: Deck }>(`/api/decks/${id}`, patch).then((r) => r.deck),
  remove: (id: number) => request.delete<{ ok: true }>(`/api/decks/${id}`),
}

/** A map export made in the browser, as reported to the audit log (api/src/routes/export.ts). */
export interface MapExportReport {
  format: 'png' | 'pdf'
  size: string
  title: string
  target: 'screen' | 'view' | 'deck'
  view_ids?: number[]
  deck_id?: number
  pages: number
  period?: { from: string; to: string }
  layers?: string[]
}

/** Records the export in the audit log; when the server runs without accounts there is no log to write. */
export async function reportExport(report: MapExportReport): Promise<void> {
  if ((await whoAmI()).permissions === null) return
  await request.post<{ ok: true }>('/api/export/audit', report)
}
