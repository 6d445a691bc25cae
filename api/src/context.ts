import type { Db } from '@antt/data/db'
import type { Principal } from './auth/principal.ts'
import type { CatalogView } from './services/catalog.ts'

/** What every handler reaches through `c.get('deps')`: the request's database and catalog, and its caller. */
export interface AppDeps {
  /** inside a request: the request's transaction, running as the caller's database role and scope */
  db: Db
  catalog: CatalogView
  principal: Principal | null
  /** client address, for the audit log */
  ip: string
  /**
   * Runs `task` once the request's transaction has committed (never after a rollback), with the
   * application's own database rights, without holding up the response: e.g. ANALYZE after a large import.
   */
  afterCommit(task: (owner: Db) => Promise<unknown>): void
}

/** Hono environment shared by every sub-app. */
export interface AppEnv {
  Variables: { deps: AppDeps }
}
