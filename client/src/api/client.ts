// The one HTTP client of the interface: cached GETs for the map and panels, state-changing calls with the
// session's CSRF token, API errors with the fields they name, and the signed-in user asked once per page.
import type { ErrorBody, FieldProblem, SessionUser } from '@antt/contract'
import { useEffect, useState } from 'react'
import type { Filters } from '../state/atlas-state.ts'

export type { FieldProblem, SessionUser }

/** Thrown for non-2xx answers; carries the API's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** per-field problems (error.details[].field), so forms can show them in place */
    readonly details: FieldProblem[] = [],
  ) {
    super(message)
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null
  return new ApiError(
    res.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? res.statusText,
    body?.error?.details ?? [],
  )
}

const cache = new Map<string, Promise<unknown>>()
const MAX_CACHED = 200

/** GET a JSON (or GeoJSON) resource; identical URLs share one request and its result. */
export function getJson<T>(url: string): Promise<T> {
  let hit = cache.get(url) as Promise<T> | undefined
  if (!hit) {
    hit = fetch(url, { headers: { accept: 'application/json' } }).then(async (res) => {
      if (!res.ok) throw await errorOf(res)
      return (await res.json()) as T
    })
    hit.catch(() => cache.delete(url))
    cache.set(url, hit)
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string)
  }
  return hit
}

/** A query string from defined, non-empty values (arrays comma-joined, order kept). */
export function qs(
  params: Record<string, string | number | boolean | readonly string[] | null | undefined>,
): string {
  const parts: string[] = []
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') continue
    if (Array.isArray(v)) {
      if (v.length) parts.push(`${k}=${v.map(encodeURIComponent).join(',')}`)
    } else parts.push(`${k}=${encodeURIComponent(String(v))}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

/** The filter part of /api/metrics, /api/units/:code and the layer endpoints. */
export function filterParams(period: { from: string | null; to: string | null }, f: Filters) {
  return {
    from: period.from,
    to: period.to,
    types: f.types,
    statuses: f.statuses,
    orgs: f.orgs,
    categories: f.categories,
    classes: f.classes,
  }
}

export interface Loadable<T> {
  data: T | undefined
  error: Error | undefined
  loading: boolean
}

/**
 * Loads `url` (null: nothing) and keeps the previous data while the next one loads, so panels and the
 * map do not flash empty on a filter change.
 */
export function useApi<T>(url: string | null): Loadable<T> {
  const [state, setState] = useState<{ url: string | null; data?: T; error?: Error }>({ url: null })
  useEffect(() => {
    if (!url) return
    let live = true
    getJson<T>(url).then(
      (data) => live && setState({ url, data }),
      (error: Error) => live && setState((s) => ({ url, data: s.data, error })),
    )
    return () => {
      live = false
    }
  }, [url])
  return {
    data: url ? state.data : undefined,
    error: state.url === url ? state.error : undefined,
    loading: url !== null && state.url !== url,
  }
}

/** Probes an optional endpoint once (layers still being added to the API): true when it answers 2xx. */
const probes = new Map<string, Promise<boolean>>()
export function probe(url: string): Promise<boolean> {
  let p = probes.get(url)
  if (!p) {
    p = fetch(url, { method: 'GET' })
      .then((r) => {
        r.body?.cancel().catch(() => {})
        return r.ok
      })
      .catch(() => false)
    probes.set(url, p)
  }
  return p
}

let csrf: string | null = null
export const setCsrf = (token: string | null) => {
  csrf = token
}

/** The session's CSRF token, asked of /api/auth/me when not yet known. */
export async function csrfToken(): Promise<string | null> {
  if (csrf) return csrf
  const r = await fetch('/api/auth/me', { headers: { accept: 'application/json' } })
  if (r.ok) csrf = ((await r.json()) as { csrf_token?: string }).csrf_token ?? null
  return csrf
}

async function send<T>(method: string, url: string, body?: BodyInit, type?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (type) headers['content-type'] = type
  if (method !== 'GET') {
    const token = await csrfToken()
    if (token) headers['x-csrf-token'] = token
  }
  const res = await fetch(url, { method, headers, body })
  if (!res.ok) throw await errorOf(res)
  return (await res.json().catch(() => null)) as T
}

/** Uncached calls for the admin, records and planning screens. */
export const request = {
  get: <T>(url: string) => send<T>('GET', url),
  post: <T>(url: string, body?: unknown) =>
    send<T>('POST', url, body === undefined ? undefined : JSON.stringify(body), 'application/json'),
  patch: <T>(url: string, body: unknown) => send<T>('PATCH', url, JSON.stringify(body), 'application/json'),
  delete: <T>(url: string) => send<T>('DELETE', url),
  /** multipart upload (the browser sets the boundary) */
  form: <T>(url: string, form: FormData) => send<T>('POST', url, form),
}

let current: Promise<SessionUser | null> | null = null

/** The signed-in user (/api/auth/me), asked once per page; null when the API runs without accounts. */
export function loadSession(): Promise<SessionUser | null> {
  current ??= fetch('/api/auth/me', { headers: { accept: 'application/json' } }).then(
    async (r) => {
      if (!r.ok) return null
      const body = (await r.json()) as { user: SessionUser; csrf_token?: string }
      setCsrf(body.csrf_token ?? null)
      return body.user
    },
    () => null,
  )
  return current
}

export function useSession(): SessionUser | null {
  const [user, setUser] = useState<SessionUser | null>(null)
  useEffect(() => {
    let live = true
    loadSession().then((u) => live && setUser(u))
    return () => {
      live = false
    }
  }, [])
  return user
}

/**
 * Whether `user` holds `permission`; null is the API running without accounts, where everything is allowed.
 * A screen that is shown to signed-in users only (the account menu, the planner tab) asks for a user first.
 */
export const may = (user: SessionUser | null, permission: string) =>
  user === null || user.permissions.includes(permission)

/**
 * Whether the signed-in user holds `permission`: undefined until the session is known, true when the API
 * runs without accounts. For screens and layers that a role may not open, so they are not even offered.
 */
export function useMay(permission: string): boolean | undefined {
  const [allowed, setAllowed] = useState<boolean | undefined>(undefined)
  useEffect(() => {
    let live = true
    loadSession().then((u) => live && setAllowed(may(u, permission)))
    return () => {
      live = false
    }
  }, [permission])
  return allowed
}

/** Ends the session and reloads, so the sign-in screen comes back. */
export async function signOut() {
  await request.post('/api/auth/logout').catch(() => {})
  window.location.reload()
}
