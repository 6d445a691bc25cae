// Sign-in and the session: /api/auth/*, /api/roles.
import { z } from 'zod'
import { named } from './registry.ts'

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
