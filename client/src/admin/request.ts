// State-changing calls for the admin and records screens: the session's CSRF token, and API errors kept
// with the fields they name (error.details[].field) so forms can show them in place.
import { ApiError } from '../api/client.ts'

export interface FieldProblem {
  field?: string
  problem: string
  /** the problem in Vietnamese, where the API gives it (imports) */
  problem_vi?: string
}

/** An API error with its per-field details. */
export class RequestError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: FieldProblem[],
  ) {
    super(status, code, message)
  }
}

let csrf: string | null = null
export const setCsrf = (token: string | null) => {
  csrf = token
}

async function csrfToken(): Promise<string | null> {
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
  const json = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: FieldProblem[] }
  } | null
  if (!res.ok)
    throw new RequestError(
      res.status,
      json?.error?.code ?? 'http_error',
      json?.error?.message ?? res.statusText,
      json?.error?.details ?? [],
    )
  return json as T
}

export const request = {
  get: <T>(url: string) => send<T>('GET', url),
  post: <T>(url: string, body?: unknown) =>
    send<T>('POST', url, body === undefined ? undefined : JSON.stringify(body), 'application/json'),
  patch: <T>(url: string, body: unknown) => send<T>('PATCH', url, JSON.stringify(body), 'application/json'),
  delete: <T>(url: string) => send<T>('DELETE', url),
  /** multipart upload (the browser sets the boundary) */
  form: <T>(url: string, form: FormData) => send<T>('POST', url, form),
}
