// How much demo data to generate: DEMO_VILLAGES and DEMO_INCIDENTS, approximate totals for the whole area.
import type { Db } from '../db/index.ts'
import type { Area } from '../sources/area.ts'

export interface DemoSize {
  /** villages to generate over the area (at least three per commune); null: by population (about one per
   * 720 rural residents, one per 1,300 in wards) */
  villages: number | null
  /** incidents over the demo period; null: by the base rate (3.2 per 1,000 residents a year, weighted) */
  incidents: number | null
}

/**
 * The whole country on the embedded database: the natural size (about 130,000 villages, 1.6 million incidents,
 * 3 million evaluations) is more than an in-process database seeds in reasonable time, so it gets a smaller
 * default; the server takes the natural size, or what DEMO_VILLAGES / DEMO_INCIDENTS ask for.
 */
export const EMBEDDED_NATIONAL_SIZE: DemoSize = { villages: 12_000, incidents: 120_000 }

const LIMITS = { villages: [100, 999 * 3_500], incidents: [0, 20_000_000] } as const

function parseSize(
  env: NodeJS.ProcessEnv,
  key: 'DEMO_VILLAGES' | 'DEMO_INCIDENTS',
  [lo, hi]: readonly [number, number],
) {
  const raw = env[key]?.trim()
  if (!raw) return undefined
  const n = Number(raw.replace(/_/g, ''))
  if (!Number.isInteger(n) || n < lo || n > hi)
    throw new Error(`${key}=${raw}: expected a whole number from ${lo} to ${hi.toLocaleString('en')}`)
  return n
}

/** DEMO_VILLAGES / DEMO_INCIDENTS (e.g. `DEMO_INCIDENTS=10_000_000`), else the default for the area and database. */
export function demoSizeFromEnv(env: NodeJS.ProcessEnv, area: Area, kind: Db['kind']): DemoSize {
  const base =
    area.provinces === null && kind === 'embedded'
      ? EMBEDDED_NATIONAL_SIZE
      : { villages: null, incidents: null }
  return {
    villages: parseSize(env, 'DEMO_VILLAGES', LIMITS.villages) ?? base.villages,
    incidents: parseSize(env, 'DEMO_INCIDENTS', LIMITS.incidents) ?? base.incidents,
  }
}
