export { hashPassword, randomPassword, verifyPassword } from './accounts/password.ts'
export {
  createUser,
  DEFAULT_DEMO_PASSWORD,
  demoStewardScope,
  ensureAdministrator,
  type NewUser,
  setScope,
} from './accounts/users.ts'
export * from './db/index.ts'
export { DEMO_PERIOD } from './seed/demo-records.ts'
export type { DemoSize } from './seed/demo-size.ts'
export { DEFAULT_SEED, isSeeded, type SeedOptions, type SeedReport, seed } from './seed/index.ts'
export { type Area, areaFromEnv, covers, NATIONAL } from './sources/area.ts'
export {
  DEFAULT_CACHE_DIR,
  defaultMirror,
  type FetchOptions,
  fetchRaw,
  SourceError,
} from './sources/fetch.ts'
export { type MissingLayer, type ResolvedLayers, resolveLayers } from './sources/layers.ts'
export { type Layer, type RawFile, readManifest } from './sources/manifest.ts'
