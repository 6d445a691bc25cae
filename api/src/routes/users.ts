import {
  auditLog as auditLogAnswer,
  auditQuery,
  newUser,
  type Roles,
  roleList,
  userAnswer,
  userList,
  userPatch,
} from '@antt/contract'
// Accounts, roles and the audit log: each route validates, calls services/accounts.ts, and answers.
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { describeTag, jsonAnswer } from '../http/describe.ts'
import { json, query, rowIdParam } from '../http/validate.ts'
import { addUser, auditEntries, changeUser, listRoles, listUsers } from '../services/accounts.ts'

const doc = describeTag('Accounts')

export const users = new Hono<AppEnv>()
  .get('/', doc('Accounts', { 200: jsonAnswer(userList) }), async (c) =>
    c.json({ users: await listUsers(c.get('deps').db) }),
  )
  .post(
    '/',
    doc('Create an account', { 201: jsonAnswer(userAnswer) }, { errors: [409] }),
    json(newUser),
    async (c) => c.json({ user: await addUser(c.get('deps'), c.req.valid('json')) }, 201),
  )
  .patch(
    '/:id',
    doc('Change an account: name, role, scope, disabled, password', { 200: jsonAnswer(userAnswer) }),
    rowIdParam,
    json(userPatch),
    async (c) =>
      c.json({ user: await changeUser(c.get('deps'), c.req.valid('param').id, c.req.valid('json')) }),
  )

export const roles = new Hono<AppEnv>().get(
  '/',
  doc('Roles with their permissions', { 200: jsonAnswer(roleList) }),
  async (c) => c.json((await listRoles(c.get('deps').db)) satisfies Roles),
)

export const auditLog = new Hono<AppEnv>().get(
  '/',
  doc('The audit log, newest first', { 200: jsonAnswer(auditLogAnswer) }),
  query(auditQuery),
  async (c) => c.json({ entries: await auditEntries(c.get('deps').db, c.req.valid('query')) }),
)
