import type { Queryable } from '@antt/data/db'
import type { Principal } from './principal.ts'

export interface AuditEntry {
  action: string
  target?: string
  details?: Record<string, unknown>
}

/** Appends to the audit log: who, when (database clock), what, from where. */
export async function audit(
  q: Queryable,
  who: Pick<Principal, 'userId' | 'username'> | null,
  ip: string,
  e: AuditEntry,
) {
  await q.query(
    'insert into audit_log (user_id, username, action, target, details, ip) values ($1, $2, $3, $4, $5::jsonb, $6)',
    [
      who?.userId ?? null,
      who?.username ?? null,
      e.action,
      e.target ?? null,
      JSON.stringify(e.details ?? {}),
      ip,
    ],
  )
}

/** What a request's audit entry is written with: its transaction, its caller and the caller's address. */
export interface AuditDeps {
  db: Queryable
  principal: Pick<Principal, 'userId' | 'username'> | null
  ip: string
}

/** Appends an entry for what the request's own caller did. */
export function auditRequest(deps: AuditDeps, e: AuditEntry) {
  return audit(deps.db, deps.principal, deps.ip, e)
}
