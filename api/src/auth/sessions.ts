import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '@antt/data/db'
import { DATA_VERSION_SQL } from '../services/catalog.ts'
import type { Permission } from './permissions.ts'
import type { Principal } from './principal.ts'

export const SESSION_COOKIE = 'antt_session'
/** Sessions last 12 hours from sign-in. */
export const SESSION_HOURS = 12

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

export async function createSession(q: Queryable, userId: number, ip: string, userAgent: string) {
  const token = randomBytes(32).toString('base64url')
  const csrf = randomBytes(24).toString('base64url')
  // the expiry computed first and written as such: Citus takes no stable function (to_char of a timestamptz)
  // in the RETURNING of a write to one of its tables
  const [{ expires_at: expiresAt }] = await q.query<{ expires_at: string }>(
    `select to_char((now() + make_interval(hours => $1)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as expires_at`,
    [SESSION_HOURS],
  )
  await q.query(
    `insert into app_session (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
     values ($1, $2, $3, $4::timestamptz, $5, $6)`,
    [tokenHash(token), userId, csrf, expiresAt, ip, userAgent.slice(0, 300)],
  )
  return { token, csrf, expiresAt }
}

/**
 * The live session's principal, or null (unknown, expired, revoked, or the user is disabled), looked up on
 * every request so that a sign-out, a password change or a lock holds at once in every process. The data
 * version the request's caches are checked against comes in the same round trip.
 */
export async function loadPrincipal(
  q: Queryable,
  token: string,
): Promise<{ principal: Principal; dataVersion: string } | null> {
  const hash = tokenHash(token)
  const [row] = await q.query<{
    id: number
    username: string
    display_name: string
    role_code: string
    db_role: Principal['dbRole']
    permissions: Permission[]
    scope: string[] | null
    csrf_token: string
    data_version: string
  }>(
    `select ${DATA_VERSION_SQL} as data_version, u.id, u.username, u.display_name, u.role_code, r.db_role, s.csrf_token,
            (select array_agg(permission_code) from role_permission rp where rp.role_code = u.role_code) as permissions,
            user_scope_communes(u.id) as scope
     from app_session s join app_user u on u.id = s.user_id join app_role r on r.code = u.role_code
     where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now() and not u.disabled`,
    [hash],
  )
  if (!row) return null
  return {
    principal: {
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role_code,
      dbRole: row.db_role,
      permissions: new Set(row.permissions ?? []),
      scope: row.scope,
      csrfToken: row.csrf_token,
      sessionHash: hash,
    },
    dataVersion: row.data_version,
  }
}

export async function revokeSession(q: Queryable, hash: string): Promise<void> {
  await q.query('update app_session set revoked_at = now() where token_hash = $1 and revoked_at is null', [
    hash,
  ])
}

export async function revokeUserSessions(q: Queryable, userId: number): Promise<void> {
  await q.query('update app_session set revoked_at = now() where user_id = $1 and revoked_at is null', [
    userId,
  ])
}
