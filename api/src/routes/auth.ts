import {
  type Login,
  login,
  loginBody,
  type Me,
  me,
  okResult,
  passwordBody,
  passwordChanged,
} from '@antt/contract'
import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { audit, auditRequest } from '../auth/audit.ts'
import type { SignInLimiter } from '../auth/rate-limit.ts'
import { createSession, revokeSession, SESSION_COOKIE, SESSION_HOURS } from '../auth/sessions.ts'
import type { AppEnv } from '../context.ts'
import { describeTag, jsonAnswer } from '../http/describe.ts'
import { ApiError } from '../http/errors.ts'
import { json } from '../http/validate.ts'
import { changeOwnPassword, checkSignIn, sessionUser } from '../services/accounts.ts'

const doc = describeTag('Accounts')

export function authRoutes(limiter: SignInLimiter) {
  return new Hono<AppEnv>()
    .post(
      '/login',
      doc(
        'Sign in: sets the session cookie and returns the CSRF token',
        { 200: jsonAnswer(login) },
        { errors: [401, 429] },
      ),
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

        const result = await checkSignIn(db, username, password)
        if (!result.ok) {
          if (result.lockedFor) throw tooLate(result.lockedFor)
          limiter.fail(keys)
          await audit(db, null, ip, { action: 'login_failed', target: username })
          throw new ApiError(401, 'invalid_credentials', 'wrong user name or password')
        }
        limiter.succeed(keys)
        const session = await createSession(db, result.userId, ip, c.req.header('user-agent') ?? '')
        await audit(db, { userId: result.userId, username }, ip, { action: 'login' })
        setCookie(c, SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'Strict',
          secure: process.env.COOKIE_SECURE === 'true' || new URL(c.req.url).protocol === 'https:',
          path: '/',
          maxAge: SESSION_HOURS * 3600,
        })
        const me = await sessionUser(db, result.userId)
        return c.json({ user: me, csrf_token: session.csrf, expires_at: session.expiresAt } satisfies Login)
      },
    )
    .post('/logout', doc('Sign out (revokes the session)', { 200: jsonAnswer(okResult) }), async (c) => {
      const { db, principal } = c.get('deps')
      if (principal) {
        await revokeSession(db, principal.sessionHash)
        await auditRequest(c.get('deps'), { action: 'logout' })
      }
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.json({ ok: true })
    })
    .get('/me', doc('The signed-in user, role, permissions and scope', { 200: jsonAnswer(me) }), (c) => {
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
    })
    .post(
      '/password',
      doc('Change the own password (signs out every session)', { 200: jsonAnswer(passwordChanged) }),
      json(passwordBody),
      async (c) => {
        const { db, principal } = c.get('deps')
        const p = principal!
        const body = c.req.valid('json')
        await changeOwnPassword(db, p, body.current_password, body.new_password)
        await auditRequest(c.get('deps'), { action: 'password_change', target: p.username })
        deleteCookie(c, SESSION_COOKIE, { path: '/' })
        return c.json({ ok: true, signed_out: true })
      },
    )
}
