import {
  type Login,
  login,
  loginBody,
  type Me,
  me,
  okResult,
  passwordBody,
  passwordChanged,
  type SessionUser,
} from '@antt/contract'
import { hashPassword, randomPassword, verifyPassword } from '@antt/data'
import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { audit } from '../auth/audit.ts'
import { passwordProblem } from '../auth/password-policy.ts'
import type { SignInLimiter } from '../auth/rate-limit.ts'
import {
  createSession,
  revokeSession,
  revokeUserSessions,
  SESSION_COOKIE,
  SESSION_HOURS,
} from '../auth/sessions.ts'
import type { AppEnv } from '../context.ts'
import { describeRoute, jsonAnswer } from '../http/describe.ts'
import { ApiError } from '../http/errors.ts'
import { json } from '../http/validate.ts'

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

export function authRoutes(limiter: SignInLimiter) {
  return new Hono<AppEnv>()
    .post(
      '/login',
      describeRoute({
        tag: 'Accounts',
        summary: 'Sign in: sets the session cookie and returns the CSRF token',
        responses: { 200: jsonAnswer(login) },
        errors: [401, 429],
      }),
      json(loginBody),
      async (c) => {
        const { db, ip } = c.get('deps')
        const { username, password } = c.req.valid('json')
        const keys = { user: username, address: ip }
        const tooLate = (wait: number) => {
          c.header('Retry-After', String(wait))
          return new ApiError(429, 'too_many_attempts', `too many failed sign-ins; try again in ${wait} s`)
        }
        const wait = limiter.retryAfter(keys)
        if (wait > 0) throw tooLate(wait)

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
        if (user?.locked_for && user.locked_for > 0) throw tooLate(user.locked_for)
        const usable = user && !user.disabled
        const verified = await verifyPassword(
          password,
          usable ? user.password_hash : await dummyPasswordHash(),
        )
        const ok = usable && verified
        if (!ok) {
          limiter.fail(keys)
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
          await audit(db, null, ip, { action: 'login_failed', target: username })
          throw new ApiError(401, 'invalid_credentials', 'wrong user name or password')
        }
        limiter.succeed(keys)
        await db.query('update app_user set failed_attempts = 0, locked_until = null where id = $1', [
          user.id,
        ])
        const session = await createSession(db, user.id, ip, c.req.header('user-agent') ?? '')
        await audit(db, { userId: user.id, username }, ip, { action: 'login' })
        setCookie(c, SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'Strict',
          secure: process.env.COOKIE_SECURE === 'true' || new URL(c.req.url).protocol === 'https:',
          path: '/',
          maxAge: SESSION_HOURS * 3600,
        })
        const [me] = await db.query<SessionUser>(
          `select u.username, u.display_name, u.role_code as role,
                coalesce((select array_agg(permission_code order by permission_code) from role_permission rp where rp.role_code = u.role_code), '{}') as permissions,
                user_scope_communes(u.id) as scope
         from app_user u where u.id = $1`,
          [user.id],
        )
        return c.json({ user: me, csrf_token: session.csrf, expires_at: session.expiresAt } satisfies Login)
      },
    )
    .post(
      '/logout',
      describeRoute({
        tag: 'Accounts',
        summary: 'Sign out (revokes the session)',
        responses: { 200: jsonAnswer(okResult) },
      }),
      async (c) => {
        const { db, principal, ip } = c.get('deps')
        if (principal) {
          await revokeSession(db, principal.sessionHash)
          await audit(db, principal, ip, { action: 'logout' })
        }
        deleteCookie(c, SESSION_COOKIE, { path: '/' })
        return c.json({ ok: true })
      },
    )
    .get(
      '/me',
      describeRoute({
        tag: 'Accounts',
        summary: 'The signed-in user, role, permissions and scope',
        responses: { 200: jsonAnswer(me) },
      }),
      (c) => {
        const p = c.get('deps').principal!
        return c.json({
          user: {
            username: p.username,
            display_name: p.displayName,
            role: p.role,
            permissions: [...p.permissions].sort(),
            scope: p.scope,
          },
          csrf_token: p.csrfToken,
        } satisfies Me)
      },
    )
    .post(
      '/password',
      describeRoute({
        tag: 'Accounts',
        summary: 'Change the own password (signs out every session)',
        responses: { 200: jsonAnswer(passwordChanged) },
      }),
      json(passwordBody),
      async (c) => {
        const { db, principal, ip } = c.get('deps')
        const p = principal!
        const body = c.req.valid('json')
        const [row] = await db.query<{ password_hash: string }>(
          'select password_hash from app_user where id = $1',
          [p.userId],
        )
        if (!row || !(await verifyPassword(body.current_password, row.password_hash)))
          throw new ApiError(400, 'invalid_parameter', 'current_password: wrong password', [
            { field: 'current_password', problem: 'wrong password' },
          ])
        const problem = passwordProblem(body.new_password, p.username)
        if (problem)
          throw new ApiError(400, 'invalid_parameter', `new_password: ${problem}`, [
            { field: 'new_password', problem },
          ])
        await db.query('update app_user set password_hash = $2, password_changed_at = now() where id = $1', [
          p.userId,
          await hashPassword(body.new_password),
        ])
        await revokeUserSessions(db, p.userId)
        await audit(db, p, ip, { action: 'password_change', target: p.username })
        deleteCookie(c, SESSION_COOKIE, { path: '/' })
        return c.json({ ok: true, signed_out: true })
      },
    )
}
