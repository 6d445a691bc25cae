// The contract between the API and the client: request parameters and response bodies as zod schemas. The API
// validates with them and types its answers with them; the client takes its types from them; the OpenAPI
// document is generated from them.
export * from './accounts.ts'
export * from './alerts.ts'
export * from './errors.ts'
export * from './imports.ts'
export * from './layers.ts'
export * from './lists.ts'
export * from './meta.ts'
export * from './metrics.ts'
export * from './params.ts'
export * from './plans.ts'
export * from './registry.ts'
export * from './scenarios.ts'
export * from './stats.ts'
export * from './tiles.ts'
export * from './units.ts'
export * from './views.ts'
