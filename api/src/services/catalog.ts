import type { Queryable } from '@antt/data/db'
import { Lru } from './lru.ts'

export interface Taxon {
  code: string
  name_vi: string
  name_en: string
  [extra: string]: unknown
}

export interface Taxonomies {
  model_types: Taxon[]
  incident_categories: Taxon[]
  lead_orgs: Taxon[]
  ratings: Taxon[]
  area_classes: Taxon[]
  statuses: Taxon[]
}

export interface DataRange {
  /** first and last incident date, the clock of the demo data */
  from: string
  to: string
}

const STATUSES: Taxon[] = [
  { code: 'active', name_vi: 'Đang hoạt động', name_en: 'Active' },
  { code: 'weak', name_vi: 'Hoạt động yếu', name_en: 'Weak' },
  { code: 'dissolved', name_vi: 'Đã thanh loại', name_en: 'Dissolved' },
]

/**
 * Reference data and the data version, read once per change of the underlying tables.
 * `version()` is the sum of per-table change counters kept by triggers (migration 001), so any write
 * anywhere invalidates every cache keyed by it: metrics, tiles, layers.
 */
export class Catalog {
  private cached?: { version: string; taxonomies: Taxonomies; range: DataRange; demo: boolean }
  readonly results = new Lru<string, unknown>(500)

  constructor(private readonly db: Queryable) {}

  async version(): Promise<string> {
    const [row] = await this.db.query<{ v: string }>(
      `select coalesce(sum(version), 0)::text || '.' || coalesce(extract(epoch from max(changed_at))::bigint, 0)::text as v from table_change`,
    )
    return row.v
  }

  private async load() {
    const version = await this.version()
    if (this.cached?.version === version) return this.cached
    const q = <T>(sql: string) => this.db.query<T>(sql)
    const [model_types, incident_categories, lead_orgs, ratings, area_classes, range, demo] = await Promise.all([
      q<Taxon>('select code, name_vi, name_en, coverage, radius_m, border_only from model_type order by sort, code'),
      q<Taxon>('select code, group_code, name_vi, name_en from incident_category order by sort, code'),
      q<Taxon>('select code, name_vi, name_en from lead_org order by sort, code'),
      q<Taxon>('select code, name_vi, name_en, rank, effective from rating order by rank'),
      q<Taxon>('select code, name_vi, name_en from area_class order by sort, code'),
      q<{ from: string | null; to: string | null }>(
        `select to_char(min(occurred_on), 'YYYY-MM-DD') as "from", to_char(max(occurred_on), 'YYYY-MM-DD') as "to" from incident`,
      ),
      q<{ value: boolean }>(`select value from dataset_meta where key = 'demo'`),
    ])
    const today = new Date().toISOString().slice(0, 10)
    this.cached = {
      version,
      taxonomies: { model_types, incident_categories, lead_orgs, ratings, area_classes, statuses: STATUSES },
      range: { from: range[0]?.from ?? today, to: range[0]?.to ?? today },
      demo: demo[0]?.value === true,
    }
    this.results.clear()
    return this.cached
  }

  async taxonomies(): Promise<Taxonomies> {
    return (await this.load()).taxonomies
  }

  async range(): Promise<DataRange> {
    return (await this.load()).range
  }

  async isDemo(): Promise<boolean> {
    return (await this.load()).demo
  }

  /** Memoises `compute` under `key` until the data changes. */
  async memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    await this.load()
    const hit = this.results.get(key) as T | undefined
    if (hit !== undefined) return hit
    const value = await compute()
    this.results.set(key, value)
    return value
  }
}
