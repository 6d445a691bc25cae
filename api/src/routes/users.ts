import { type Roles, rowId } from '@antt/contract'
// Accounts, roles and the audit log: each route validates, calls services/accounts.ts, and answers.
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { json, params, query } from '../http/validate.ts'
import {
  addUser,
  auditEntries,
  auditQuery,
  changeUser,
  listRoles,
  listUsers,
  newUser,
  userPatch,
} from '../services/accounts.ts'

export const users = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ users: await listUsers(c.get('deps').db) }))
  .post('/', json(newUser), async (c) =>
    c.json({ user: await addUser(c.get('deps'), c.req.valid('json')) }, 201),
  )
  .patch('/:id', params(z.object({ id: rowId })), json(userPatch), async (c) =>
    c.json({ user: await changeUser(c.get('deps'), c.req.valid('param').id, c.req.valid('json')) }),
  )

export const roles = new Hono<AppEnv>().get('/', async (c) =>
  c.json((await listRoles(c.get('deps').db)) satisfies Roles),
)

export const auditLog = new Hono<AppEnv>().get('/', query(auditQuery), async (c) =>
  c.json({ entries: await auditEntries(c.get('deps').db, c.req.valid('query')) }),
)
