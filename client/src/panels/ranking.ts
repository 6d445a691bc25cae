import type { MetricsRow } from '@antt/contract'
import type { AtlasState } from '../state/atlas-state.ts'
import { matchesFolded } from '../util/fold.ts'

type Sort = AtlasState['sort']

/**
 * The ranking table's rows: those whose name holds every word of `query` (diacritics ignored), ordered by
 * the sort key; units without a value go last whichever the direction, names in Vietnamese order.
 */
export function rankRows(rows: readonly MetricsRow[], query: string, sort: Sort): MetricsRow[] {
  const list = rows.filter((r) => !query || matchesFolded(r.name, query))
  const dir = sort.asc ? 1 : -1
  return list.sort((a, b) => {
    if (sort.key === 'name') return dir * a.name.localeCompare(b.name, 'vi')
    const va = a[sort.key]
    const vb = b[sort.key]
    if (va === null) return vb === null ? 0 : 1
    if (vb === null) return -1
    return dir * (va - vb)
  })
}

/** A click on a column header: the same column turns round; another starts with names A–Z, metrics high first. */
export function nextSort(sort: Sort, key: Sort['key']): Sort {
  return { key, asc: sort.key === key ? !sort.asc : key === 'name' }
}
