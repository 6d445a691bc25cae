import type { AtlasMap } from './atlas-map.ts'

/** The live map, for what reads or moves its camera directly (saved views, export, presenter). */
export const mapRef: { current: AtlasMap | null } = { current: null }
