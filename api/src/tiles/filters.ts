import type { tileQuery } from '@antt/contract'
import type { z } from 'zod'
import { isAggregateOnly, MIN_HEX_EDGE_M } from '../auth/disclosure.ts'
import type { AppDeps } from '../context.ts'
import { badRequest } from '../http/errors.ts'
import { checkPeriod } from '../http/validate.ts'
import { checkTaxonomyCodes } from '../services/metrics.ts'
import { requestPeriod } from '../services/period.ts'
import type { IncidentFilters, TileLayer } from './layers.ts'

export type TileQueryParams = z.output<typeof tileQuery>

/**
 * Validates the query for `layer` and resolves the default period (the last 12 months of data).
 * Categories are sorted and deduplicated so equal filters share a cache entry.
 */
export async function tileFilters(
  deps: AppDeps,
  layer: TileLayer,
  q: TileQueryParams,
): Promise<IncidentFilters | undefined> {
  if (!layer.incidentFilters) {
    const given = Object.keys(q).filter((k) => q[k as keyof TileQueryParams] !== undefined)
    if (given.length) throw badRequest(given[0], `not a parameter of layer ${layer.id}`)
    return undefined
  }
  checkPeriod(q)
  await checkTaxonomyCodes(deps, { categories: q.categories })
  const period = await requestPeriod(deps, q)
  return {
    ...period,
    categories: q.categories ? [...new Set(q.categories)].sort() : null,
    hexFloorM: isAggregateOnly(deps.principal) ? MIN_HEX_EDGE_M : 0,
  }
}

/** The validated query again as a query string (for TileJSON tile URLs), without resolving defaults. */
export function tileQueryString(q: TileQueryParams): string {
  const search = new URLSearchParams()
  if (q.from) search.set('from', q.from)
  if (q.to) search.set('to', q.to)
  if (q.categories) search.set('categories', q.categories.join(','))
  const s = search.toString().replaceAll('%2C', ',')
  return s ? `?${s}` : ''
}
