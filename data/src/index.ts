export { hashPassword, randomPassword, verifyPassword } from './accounts/password.ts'
export {
  createUser,
  DEFAULT_DEMO_PASSWORD,
  DEMO_STEWARD_SCOPE,
  ensureAdministrator,
  type NewUser,
} from './accounts/users.ts'
export * from './db/index.ts'
export { DEMO_PERIOD } from './seed/demo-records.ts'
export { DEFAULT_SEED, isSeeded, type SeedOptions, type SeedReport, seed } from './seed/index.ts'
export { defaultMirror, fetchSource, readManifest, SourceError, type SourceFile } from './sources/fetch.ts'
