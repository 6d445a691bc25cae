// Accounts, roles and the audit log, for the administration screens: every change is checked and audited.
import type {
  AuditEntry,
  auditQuery,
  newUser,
  Role,
  SessionUser,
  UserAccount,
  userPatch,
} from '@antt/contract'
import { createUser, hashPassword, randomPassword, setScope, verifyPassword } from '@antt/data'
import type { Queryable } from '@antt/data/db'
import type { z } from 'zod'
import { auditRequest } from '../auth/audit.ts'
import { passwordProblem } from '../auth/password-policy.ts'
import { revokeUserSessions } from '../auth/sessions.ts'
import type { AppDeps } from '../context.ts'
import { ApiError, badRequest, notFound } from '../http/errors.ts'

const USER_COLUMNS = `u.id, u.username, u.display_name, u.role_code as role, u.disabled,
  to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
  coalesce((select array_agg(commune_code order by commune_code) from user_scope s where s.user_id = u.id), '{}') as scope,
  coalesce((select array_agg(province_code order by province_code) from user_province_scope s where s.user_id = u.id), '{}') as provinces,
  (select to_char(max(created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from app_session a where a.user_id = u.id) as last_sign_in`

async function checkRoleAndScope(
  db: Queryable,
  { role, scope, provinces }: { role?: string; scope?: string[]; provinces?: string[] },
) {
  if (role && !(await db.query('select 1 from app_role where code = $1', [role])).length)
    throw badRequest('role', `unknown role ${role}`)
  for (const [field, table, codes] of [
    ['scope', 'commune', scope],
    ['provinces', 'province', provinces],
  ] as const) {
    if (!codes?.length) continue
    const known = await db.query<{ code: string }>(
      `select code from ${table} where code = any ($1::text[])`,
      [codes],
    )
    const missing = codes.filter((s) => !known.some((k) => k.code === s))
    if (missing.length) throw badRequest(field, `unknown ${table} ${missing.join(', ')}`)
  }
}

const findUser = async (db: Queryable, id: number) =>
  (await db.query<UserAccount>(`select ${USER_COLUMNS} from app_user u where u.id = $1`, [id]))[0]

/**
 * A new password, hashed; the account is unlocked. A statement of its own: a Citus cluster takes now() in an
 * UPDATE, not inside CASE or COALESCE.
 */
async function setPassword(db: Queryable, id: number, password: string) {
  await db.query(
    `update app_user set password_hash = $2, password_changed_at = now(), failed_attempts = 0, locked_until = null
     where id = $1`,
    [id, await hashPassword(password)],
  )
}

/**
 * A hash of a random password, made once: a sign-in for an unknown or disabled user verifies against it,
 * so the answer takes as long as for a known user and the timing does not tell which user names exist.
 */
let dummyHash: Promise<string> | undefined
const dummyPasswordHash = () => {
  dummyHash ??= hashPassword(randomPassword())
  return dummyHash
}

/** Failed sign-ins before the account itself is locked in the database, and for how long. */
const ACCOUNT_LOCK_AFTER = 10
const ACCOUNT_LOCK_MINUTES = 15

export type SignIn =
  | { ok: true; userId: number }
  /** `lockedFor`: seconds until a locked account may try again */
  | { ok: false; lockedFor: number | null }

/**
 * Checks a user name and password in the same time whether or not the account exists or may sign in; counts
 * a known account's failures and locks it after ACCOUNT_LOCK_AFTER of them, and clears the count on success.
 */
export async function checkSignIn(db: Queryable, username: string, password: string): Promise<SignIn> {
  const [user] = await db.query<{
    id: number
    password_hash: string
    disabled: boolean
    locked_for: number | null
  }>(
    `select id, password_hash, disabled, ceil(extract(epoch from locked_until - now()))::int as locked_for
     from app_user where username = $1`,
    [username],
  )
  if (user?.locked_for && user.locked_for > 0) return { ok: false, lockedFor: user.locked_for }
  const usable = user && !user.disabled
  const verified = await verifyPassword(password, usable ? user.password_hash : await dummyPasswordHash())
  if (usable && verified) {
    await db.query('update app_user set failed_attempts = 0, locked_until = null where id = $1', [user.id])
    return { ok: true, userId: user.id }
  }
  if (user) {
    // the lock's end worked out first: Citus takes no stable function (now()) inside a CASE of a write
    const [{ until }] = await db.query<{ until: string }>(
      'select (now() + make_interval(mins => $1))::text as until',
      [ACCOUNT_LOCK_MINUTES],
    )
    await db.query(
      `update app_user set failed_attempts = failed_attempts + 1,
         locked_until = case when failed_attempts + 1 >= $2 then $3::timestamptz end
       where id = $1`,
      [user.id, ACCOUNT_LOCK_AFTER, until],
    )
  }
  return { ok: false, lockedFor: null }
}

/** The signed-in user as /api/auth/login answers it: role, permissions and scope. */
export async function sessionUser(db: Queryable, id: number): Promise<SessionUser> {
  const [me] = await db.query<SessionUser>(
    `select u.username, u.display_name, u.role_code as role,
            coalesce((select array_agg(permission_code order by permission_code) from role_permission rp where rp.role_code = u.role_code), '{}') as permissions,
            user_scope_communes(u.id) as scope
     from app_user u where u.id = $1`,
    [id],
  )
  return me
}

/** Changes the caller's own password after checking the current one (named fields on a bad answer). */
export async function changeOwnPassword(
  db: Queryable,
  user: { userId: number; username: string },
  current: string,
  next: string,
) {
  const [row] = await db.query<{ password_hash: string }>(
    'select password_hash from app_user where id = $1',
    [user.userId],
  )
  if (!row || !(await verifyPassword(current, row.password_hash)))
    throw badRequest('current_password', 'wrong password')
  const problem = passwordProblem(next, user.username)
  if (problem) throw badRequest('new_password', problem)
  await setPassword(db, user.userId, next)
  await revokeUserSessions(db, user.userId)
}

export const listUsers = (db: Queryable) =>
  db.query<UserAccount>(`select ${USER_COLUMNS} from app_user u order by u.username`)

export async function addUser(deps: AppDeps, body: z.infer<typeof newUser>) {
  const { db, principal } = deps
  await checkRoleAndScope(db, body)
  const problem = passwordProblem(body.password, body.username)
  if (problem) throw badRequest('password', problem)
  if ((await db.query('select 1 from app_user where username = $1', [body.username])).length)
    throw new ApiError(409, 'conflict', `username: ${body.username} exists`, [
      { field: 'username', problem: 'already taken' },
    ])
  const id = await createUser(db, { ...body, role_code: body.role, created_by: principal!.username })
  await auditRequest(deps, {
    action: 'user_create',
    target: body.username,
    details: { role: body.role, scope: body.scope, provinces: body.provinces },
  })
  return findUser(db, id)
}

/** Changes an account; a change of role, scope, password or state signs it out everywhere. */
export async function changeUser(deps: AppDeps, id: number, body: z.infer<typeof userPatch>) {
  const { db, principal } = deps
  const before = await findUser(db, id)
  if (!before) throw notFound(`user ${id}`)
  await checkRoleAndScope(db, body)
  if (id === principal!.userId && (body.disabled || (body.role && body.role !== 'admin')))
    throw badRequest(body.disabled ? 'disabled' : 'role', 'you cannot disable or demote your own account')
  if (body.password) {
    const problem = passwordProblem(body.password, before.username)
    if (problem) throw badRequest('password', problem)
  }
  await db.query(
    `update app_user set display_name = coalesce($2, display_name), role_code = coalesce($3, role_code),
              disabled = coalesce($4, disabled)
       where id = $1`,
    [id, body.display_name ?? null, body.role ?? null, body.disabled ?? null],
  )
  if (body.password) await setPassword(db, id, body.password)
  await setScope(db, id, { communes: body.scope, provinces: body.provinces })
  if (body.disabled || body.role || body.password || body.scope || body.provinces)
    await revokeUserSessions(db, id)
  const { password: _p, ...changed } = body
  await auditRequest(deps, {
    action: 'user_update',
    target: before.username,
    details: {
      before: {
        role: before.role,
        scope: before.scope,
        provinces: before.provinces,
        disabled: before.disabled,
        display_name: before.display_name,
      },
      changed,
      password_reset: !!body.password,
    },
  })
  return findUser(db, id)
}

export async function listRoles(db: Queryable) {
  return {
    roles: await db.query<Role>(
      `select r.code, r.name_vi, r.name_en, coalesce(array_agg(rp.permission_code order by rp.permission_code) filter (where rp.permission_code is not null), '{}') as permissions
       from app_role r left join role_permission rp on rp.role_code = r.code group by r.code order by r.sort`,
    ),
    permissions: await db.query<{ code: string; description: string }>(
      'select code, description from permission order by code',
    ),
  }
}

export const auditEntries = (db: Queryable, q: z.infer<typeof auditQuery>) =>
  db.query<AuditEntry>(
    `select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, username, action, target, details, ip
     from audit_log
     where ($1::text is null or action = $1) and ($2::text is null or username = $2) and ($3::bigint is null or id < $3)
     order by id desc limit $4`,
    [q.action ?? null, q.user ?? null, q.before_id ?? null, q.limit],
  )
