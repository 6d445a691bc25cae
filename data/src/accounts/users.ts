import type { Queryable } from '../db/index.ts'
import { hashPassword, randomPassword } from './password.ts'

/** Default password of the demo accounts; set DEMO_PASSWORD to change it. Demo only. */
export const DEFAULT_DEMO_PASSWORD = 'antt-demo-2025'
/**
 * The demo steward's ward: the most populous ward on the border, else the most populous ward, else the most
 * populous commune of the area (in Lào Cai: Phường Lào Cai, 02647, by the border gate).
 */
export async function demoStewardScope(tx: Queryable): Promise<string> {
  const [row] = await tx.query<{ code: string }>(
    `select c.code from commune c
     order by exists (select 1 from commune_area_class a where a.commune_code = c.code and a.class_code = 'border') and c.type = 'phuong' desc,
              c.type = 'phuong' desc, c.population desc, c.code
     limit 1`,
  )
  return row.code
}

export interface NewUser {
  username: string
  display_name: string
  role_code: string
  password: string
  /** commune codes */
  scope?: string[]
  /** province codes: every commune of each */
  provinces?: string[]
  created_by?: string
}

/**
 * Replaces what a user's scope names (undefined: left as it is): communes, provinces or both; neither is the
 * whole area. The session expands it into commune codes (user_scope_communes(), sql/functions/07_access.sql).
 */
export async function setScope(
  tx: Queryable,
  userId: number,
  scope: { communes?: string[]; provinces?: string[] },
): Promise<void> {
  if (scope.communes) {
    await tx.query('delete from user_scope where user_id = $1', [userId])
    await tx.query('insert into user_scope (user_id, commune_code) select $1, unnest($2::text[])', [
      userId,
      scope.communes,
    ])
  }
  if (scope.provinces) {
    await tx.query('delete from user_province_scope where user_id = $1', [userId])
    await tx.query('insert into user_province_scope (user_id, province_code) select $1, unnest($2::text[])', [
      userId,
      scope.provinces,
    ])
  }
}

export async function createUser(tx: Queryable, u: NewUser): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into app_user (username, display_name, role_code, password_hash, created_by)
     values ($1, $2, $3, $4, $5) returning id`,
    [u.username, u.display_name, u.role_code, await hashPassword(u.password), u.created_by ?? null],
  )
  await setScope(tx, row.id, { communes: u.scope, provinces: u.provinces })
  return row.id
}

/**
 * One account per role, named after the role, for the demo data set; for the whole country also `provincial`,
 * a leader whose scope is one province (a border province: the default area's).
 */
export async function createDemoAccounts(
  tx: Queryable,
  password: string,
  provincial?: string,
): Promise<string[]> {
  const roles = await tx.query<{ code: string; name_vi: string }>(
    'select code, name_vi from app_role order by sort',
  )
  const stewardScope = await demoStewardScope(tx)
  for (const r of roles)
    await createUser(tx, {
      username: r.code,
      display_name: `${r.name_vi} (demo)`,
      role_code: r.code,
      password,
      scope: r.code === 'steward' ? [stewardScope] : undefined,
      created_by: 'seed',
    })
  if (!provincial) return roles.map((r) => r.code)
  const [province] = await tx.query<{ name: string }>('select name from province where code = $1', [
    provincial,
  ])
  await createUser(tx, {
    username: 'provincial',
    display_name: `Lãnh đạo ${province.name.replace(/^Tỉnh/, 'tỉnh')} (demo)`,
    role_code: 'leader',
    password,
    provinces: [provincial],
    created_by: 'seed',
  })
  return [...roles.map((r) => r.code), 'provincial']
}

/** Without demo data, the first start creates an administrator with a random password, shown once. */
export async function ensureAdministrator(
  tx: Queryable,
): Promise<{ username: string; password: string } | null> {
  const [row] = await tx.query<{ n: number }>('select count(*)::int as n from app_user')
  if (row.n > 0) return null
  const password = randomPassword()
  await createUser(tx, {
    username: 'admin',
    display_name: 'Quản trị',
    role_code: 'admin',
    password,
    created_by: 'first start',
  })
  return { username: 'admin', password }
}
