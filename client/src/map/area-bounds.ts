import type { Health } from '@antt/contract'

/** [west, south, east, north] in degrees. */
export type AreaBounds = [number, number, number, number]

/** Viet Nam's extent, until the area the server serves is known. */
const COUNTRY_BOUNDS: AreaBounds = [102.1, 8.4, 109.5, 23.4]

/** The extent of the area the server serves (`/api/health` area), for the first view and exports. */
export const areaBounds = (health: Health | undefined): AreaBounds => health?.area?.bounds ?? COUNTRY_BOUNDS
