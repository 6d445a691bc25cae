import { useEffect, useState } from 'react'
import type { Filters } from '../state/atlas-state.ts'

/** Thrown for non-2xx answers; carries the API's `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const cache = new Map<string, Promise<unknown>>()
const MAX_CACHED = 200

/** GET a JSON (or GeoJSON) resource; identical URLs share one request and its result. */
export function getJson<T>(url: string): Promise<T> {
  let hit = cache.get(url) as Promise<T> | undefined
  if (!hit) {
    hit = fetch(url, { headers: { accept: 'application/json' } }).then(async (res) => {
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as {
          error?: { code?: string; message?: string }
        } | null
        throw new ApiError(
          res.status,
          body?.error?.code ?? 'http_error',
          body?.error?.message ?? res.statusText,
        )
      }
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
