export * from './db/index.ts'
export { DEFAULT_SEED, isSeeded, seed, type SeedOptions, type SeedReport } from './seed/index.ts'
export { DEMO_PERIOD } from './seed/demo-records.ts'
export { defaultMirror, fetchSource, readManifest, SourceError, type SourceFile } from './sources/fetch.ts'
