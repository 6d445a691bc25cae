// Saved views and decks (api/src/routes/views.ts): typed calls with the session's CSRF token.
import { ApiError } from '../api/client.ts'
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
  csrf: string | null
  username: string | null
}

let me: Promise<Me> | null = null

/** The caller's permissions and CSRF token (/api/auth/me), asked once per page. */
export function whoAmI(): Promise<Me> {
  me ??= fetch('/api/auth/me').then(
    async (r) => {
      if (!r.ok) return { permissions: null, csrf: null, username: null }
      const body = (await r.json()) as {
        user?: { permissions?: string[]; username?: string }
        csrf_token?: string
      }
      return {
        permissions: body.user?.permissions ?? [],
        csrf: body.csrf_token ?? null,
        username: body.user?.username ?? null,
      }
    },
    () => ({ permissions: null, csrf: null, username: null }),
  )
  return me
}

export const can = (m: Me, permission: string) => m.permissions === null || m.permissions.includes(permission)

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const { csrf } = await whoAmI()
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string }
  } | null
  if (!res.ok)
    throw new ApiError(res.status, json?.error?.code ?? 'http_error', json?.error?.message ?? res.statusText)
  return json as T
}

export interface ViewFields {
  title: string
  subtitle: string
  notes: string
  state: SavedViewState
}

export const viewsApi = {
  list: () => call<{ views: SavedView[] }>('GET', '/api/views').then((r) => r.views),
  get: (id: number) => call<{ view: SavedView }>('GET', `/api/views/${id}`).then((r) => r.view),
  create: (v: ViewFields) => call<{ view: SavedView }>('POST', '/api/views', v).then((r) => r.view),
  update: (id: number, patch: Partial<ViewFields>) =>
    call<{ view: SavedView }>('PATCH', `/api/views/${id}`, patch).then((r) => r.view),
  duplicate: (id: number) =>
    call<{ view: SavedView }>('POST', `/api/views/${id}/duplicate`).then((r) => r.view),
  remove: (id: number) => call<{ ok: true }>('DELETE', `/api/views/${id}`),
}

export const decksApi = {
  list: () => call<{ decks: Deck[] }>('GET', '/api/decks').then((r) => r.decks),
  create: (title: string, viewIds: number[] = []) =>
    call<{ deck: Deck }>('POST', '/api/decks', { title, view_ids: viewIds }).then((r) => r.deck),
  update: (id: number, patch: { title?: string; view_ids?: number[] }) =>
    call<{ deck: Deck }>('PATCH', `/api/decks/${id}`, patch).then((r) => r.deck),
  remove: (id: number) => call<{ ok: true }>('DELETE', `/api/decks/${id}`),
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
  await call<{ ok: true }>('POST', '/api/export/audit', report)
}
