import type { Permission } from './permissions.ts'

/** Who is calling, as resolved from the session cookie. */
export interface Principal {
  userId: number
  username: string
  displayName: string
  role: string
  /** database role the request runs as (migration 012) */
  dbRole: 'antt_reader' | 'antt_reader_points' | 'antt_editor' | 'antt_admin'
  permissions: Set<Permission>
  /** commune codes the caller may see; null = the whole province */
  scope: string[] | null
  csrfToken: string
  sessionHash: string
}

export const can = (p: Principal | null, perm: Permission) => p?.permissions.has(perm) ?? false
