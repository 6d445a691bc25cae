import type { Taxon, Taxonomies } from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import { Lru } from './lru.ts'

export type { Taxon, Taxonomies }

export interface DataRange {
  /** first and last incident date, the clock of the data */
  from: string
  to: string
}

const STATUSES: Taxon[] = [
  { code: 'active', name_vi: 'Đang hoạt động', name_en: 'Active' },
  { code: 'weak', name_vi: 'Hoạt động yếu', name_en: 'Weak' },
  { code: 'dissolved', name_vi: 'Đã thanh loại', name_en: 'Dissolved' },
]

interface Snapshot {
  version: string
  taxonomies: Taxonomies
  range: DataRange
  demo: boolean
}

/**
 * The change counter of each table (table_name, changed_at, version), as a subquery: table_change, and on a
 * Citus cluster the counts the shards keep per province (table_change_province, migration 028).
 */
export const TABLE_CHANGES_SQL = `(select table_name, max(changed_at) as changed_at, sum(version)::bigint as version
  from (select table_name, changed_at, version from table_change
        union all select table_name, changed_at, version from table_change_province) c
  group by table_name)`

/**
 * The data version: the sum of per-table change counters kept by triggers (migration 001) and the time of
 * the last change, as one scalar expression so that it can ride along with another query.
 */
export const DATA_VERSION_SQL = `(select coalesce(sum(version), 0)::text || '.' || coalesce(extract(epoch from max(changed_at))::bigint, 0)::text from ${TABLE_CHANGES_SQL} t)`

/** What a request sees of the catalog: the shared caches, read through the request's own transaction. */
export interface CatalogView {
  version(): Promise<string>
  taxonomies(): Promise<Taxonomies>
  range(): Promise<DataRange>
  isDemo(): Promise<boolean>
  /** Memoises `compute` under `key` for this caller's scope until the data changes. */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>
}

/**
 * Reference data and memoised results, refreshed when the data version changes (DATA_VERSION_SQL), so any
 * write anywhere invalidates every cache keyed by it: metrics, statistics, tiles, layers.
 */
export class Catalog {
  private snapshot?: Snapshot
  /** Memoised results; large text and byte results (GeoJSON, gzipped answers) are bounded by their size as well. */
  private readonly results = new Lru<string, unknown>(
    500,
    (v) => (typeof v === 'string' ? v.length : v instanceof Uint8Array ? v.byteLength : 0),
    128 * 1024 * 1024,
  )

  async version(q: Queryable): Promise<string> {
    const [row] = await q.query<{ v: string }>(`select ${DATA_VERSION_SQL} as v`)
    return row.v
  }

  private async load(q: Queryable, version: string): Promise<Snapshot> {
    if (this.snapshot?.version === version) return this.snapshot
    // One at a time: inside a request these run on one transaction.
    const model_types = await q.query<Taxonomies['model_types'][number]>(
      'select code, name_vi, name_en, coverage, radius_m, border_only from model_type order by sort, code',
    )
    const incident_categories = await q.query<Taxonomies['incident_categories'][number]>(
      'select code, group_code, name_vi, name_en from incident_category order by sort, code',
    )
    const lead_orgs = await q.query<Taxon>('select code, name_vi, name_en from lead_org order by sort, code')
    const ratings = await q.query<Taxonomies['ratings'][number]>(
      'select code, name_vi, name_en, rank, effective from rating order by rank',
    )
    const area_classes = await q.query<Taxon>(
      'select code, name_vi, name_en from area_class order by sort, code',
    )
    const range = await q.query<{ from: string | null; to: string | null }>(
      `select to_char(first_date, 'YYYY-MM-DD') as "from", to_char(last_date, 'YYYY-MM-DD') as "to" from data_range()`,
    )
    const demo = await q.query<{ value: boolean }>(`select value from dataset_meta where key = 'demo'`)
    const today = new Date().toISOString().slice(0, 10)
    this.results.clear()
    this.snapshot = {
      version,
      taxonomies: { model_types, incident_categories, lead_orgs, ratings, area_classes, statuses: STATUSES },
      range: { from: range[0]?.from ?? today, to: range[0]?.to ?? today },
      demo: demo[0]?.value === true,
    }
    return this.snapshot
  }

  /**
   * A view for one request: queries go through `q`; memoised results are kept apart per `scopeKey`. With
   * `dataVersion` (a request that only reads, the version read with its session) the view checks its caches
   * against that version without asking again; without it, against the version at each call.
   */
  bind(q: Queryable, scopeKey: string, dataVersion?: string): CatalogView {
    const version = () => (dataVersion === undefined ? this.version(q) : Promise.resolve(dataVersion))
    const load = async () => this.load(q, await version())
    return {
      version,
      taxonomies: async () => (await load()).taxonomies,
      range: async () => (await load()).range,
      isDemo: async () => (await load()).demo,
      memo: async <T>(key: string, compute: () => Promise<T>) => {
        const { version: seen } = await load()
        const scoped = `${scopeKey}|${key}`
        const hit = this.results.get(scoped) as T | undefined
        if (hit !== undefined) return hit
        const value = await compute()
        // Not kept when the data changed meanwhile (the results were cleared for a newer version).
        if (this.snapshot?.version === seen) this.results.set(scoped, value)
        return value
      },
    }
  }
}
