// Sign-in and the session (/api/auth/*), roles (/api/roles), accounts (/api/users) and the audit log (/api/audit).
import { z } from 'zod'
import { communeCode, provinceCode } from './params.ts'
import { named, nullable } from './registry.ts'

export const loginBody = z
  .object({ username: z.string().trim().toLowerCase().min(1).max(40), password: z.string().min(1).max(200) })
  .strict()
export const passwordBody = z
  .object({ current_password: z.string().min(1).max(200), new_password: z.string().min(1).max(200) })
  .strict()

export const sessionUser = named(
  'SessionUser',
  z.object({
    username: z.string(),
    display_name: z.string(),
    role: z.string(),
    permissions: z.array(z.string()),
    scope: z.array(z.string()).nullable().meta({ description: 'commune codes; null for the whole province' }),
  }),
)
export type SessionUser = z.infer<typeof sessionUser>

export const me = named(
  'Me',
  z.object({
    user: sessionUser,
    csrf_token: z.string().meta({ description: 'send as X-CSRF-Token on POST, PATCH, DELETE' }),
  }),
)
export type Me = z.infer<typeof me>

export const login = named('Login', me.extend({ expires_at: z.string() }))
export type Login = z.infer<typeof login>

export const role = z.object({
  code: z.string(),
  name_vi: z.string(),
  name_en: z.string(),
  permissions: z.array(z.string()),
})
export type Role = z.infer<typeof role>

export const roleList = named(
  'Roles',
  z.object({
    roles: z.array(role),
    permissions: z.array(z.object({ code: z.string(), description: z.string() })),
  }),
)
export type Roles = z.infer<typeof roleList>

const username = z.string().regex(/^[a-z0-9_.-]{3,40}$/, 'expected 3–40 characters: a–z, 0–9, _ . -')
export const newUser = z
  .object({
    username,
    display_name: z.string().trim().min(1).max(100),
    role: z.string().regex(/^[a-z_]{2,30}$/),
    password: z.string().min(1).max(200),
    scope: z.array(communeCode).max(200).default([]),
    provinces: z.array(provinceCode).max(40).default([]),
  })
  .strict()
export const userPatch = z
  .object({
    display_name: z.string().trim().min(1).max(100).optional(),
    role: z
      .string()
      .regex(/^[a-z_]{2,30}$/)
      .optional(),
    scope: z.array(communeCode).max(200).optional(),
    provinces: z.array(provinceCode).max(40).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(1).max(200).optional(),
  })
  .strict()

/** An account as the administration screen lists it. */
export const userAccount = named(
  'UserAccount',
  z.object({
    id: z.number().int(),
    username: z.string(),
    display_name: z.string(),
    role: z.string(),
    disabled: z.boolean(),
    created_at: z.string(),
    scope: z.array(z.string()).meta({ description: 'commune codes' }),
    provinces: z.array(z.string()).meta({ description: 'province codes' }),
    last_sign_in: nullable(z.string()),
  }),
)
export type UserAccount = z.infer<typeof userAccount>
export const userList = named('UserList', z.object({ users: z.array(userAccount) }))
export const userAnswer = named('UserAnswer', z.object({ user: userAccount }))

export const auditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    action: z
      .string()
      .regex(/^[a-z_]{2,40}$/)
      .optional(),
    user: z.string().max(40).optional(),
    before_id: z.coerce.number().int().positive().optional(),
  })
  .strict()

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  username: nullable(z.string()),
  action: z.string(),
  target: nullable(z.string()),
  details: z.unknown(),
  ip: nullable(z.string()),
})
export type AuditEntry = z.infer<typeof auditEntry>
export const auditLog = named('AuditLog', z.object({ entries: z.array(auditEntry) }))

/** What a password change answers: every session of the account, this one included, is signed out. */
export const passwordChanged = named(
  'PasswordChanged',
  z.object({ ok: z.literal(true), signed_out: z.literal(true) }),
)
