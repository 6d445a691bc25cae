import { useEffect, useState } from 'react'
import { request, setCsrf } from './request.ts'

export interface SessionUser {
  username: string
  display_name: string
  role: string
  permissions: string[]
  /** commune codes; null for the whole province */
  scope: string[] | null
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
 * Whether the signed-in user holds permission `p`: undefined until the session is known, true when the API
 * runs without accounts. For screens and layers that a role may not open, so they are not even offered.
 */
export function useMay(p: string): boolean | undefined {
  const [may, setMay] = useState<boolean | undefined>(undefined)
  useEffect(() => {
    let live = true
    loadSession().then((u) => live && setMay(u === null || u.permissions.includes(p)))
    return () => {
      live = false
    }
  }, [p])
  return may
}

export const hasPermission = (u: SessionUser | null, p: string) => !!u?.permissions.includes(p)

/** Ends the session and reloads, so the sign-in screen comes back. */
export async function signOut() {
  await request.post('/api/auth/logout').catch(() => {})
  window.location.reload()
}
