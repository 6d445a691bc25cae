import type { Db } from '@antt/data/db'
import type { Catalog } from './services/catalog.ts'

export interface AppDeps {
  db: Db
  catalog: Catalog
}

/** Hono environment shared by every sub-app. */
export interface AppEnv {
  Variables: { deps: AppDeps }
}
