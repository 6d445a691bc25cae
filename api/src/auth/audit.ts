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
