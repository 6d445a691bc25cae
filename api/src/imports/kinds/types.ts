import type { ImportKind } from '@antt/contract'

// What an import kind is: the columns a file may have (with the headers an office writes), and how its
// rows become records (SQL fragments run by stage-sql.ts and commit.ts as set operations).

export type { ImportKind }

type TaxonList = 'model_types' | 'incident_categories' | 'lead_orgs' | 'ratings'

export type FieldType =
  /** the record's stable key */
  | { t: 'key' }
  | { t: 'text'; max?: number }
  /** a reference matched in SQL by code or name (taxonomies, models, communes, villages) */
  | { t: 'ref'; pad?: 'commune' | 'village' }
  | { t: 'int'; min?: number; max?: number; thousands?: boolean }
  | { t: 'number'; min?: number; max?: number }
  | { t: 'date'; min?: string; future?: boolean }
  | { t: 'year' }
  | { t: 'bool' }
  | EnumType
  /** lon, lat, x, y: read by row.ts (parseCoordinate and the CRS) */
  | { t: 'coord' }
  /** written by exports for people to read, ignored by imports */
  | { t: 'info' }

/** A code from a fixed list, each read from any of its spellings. */
export interface EnumType {
  t: 'enum'
  values: Record<string, readonly string[]>
  /** how templates and exports name a code, where not by its first spelling (vi) and the code itself (en) */
  labels?: Record<string, { vi: string; en: string }>
}

/** How templates and exports name an enum's code. */
export const enumLabel = (type: EnumType, code: string): { vi: string; en: string } =>
  type.labels?.[code] ?? { vi: type.values[code]?.[0] ?? code, en: code }

export interface FieldDef {
  /** canonical name: the English header, the key in staged rows and in error reports */
  key: string
  /** Vietnamese header written by templates and exports */
  vi: string
  /** other headers read for this field (any case, with or without diacritics) */
  aliases?: readonly string[]
  type: FieldType
  /** a cell in this column may not be empty */
  required?: boolean
  help?: { vi: string; en: string }
  sample?: string | number | boolean
}

export interface ColumnDef {
  /** column of the records table */
  name: string
  /** SQL type, for jsonb_populate_record and casts */
  type: string
  /** value read from the file, as SQL over the staged row `b` and the kind's lookups */
  sql: string
  /** the file fields whose presence means the file sets this column (default: [name]) */
  fields?: readonly string[]
  /** SQL value for a new record when the file does not set the column */
  default?: string
  /** a new record needs it: an error for a row that creates a record when the file lacks the column */
  required?: boolean
}

export interface KindDef {
  kind: ImportKind
  table: string
  /** the table's key column */
  idColumn: 'id' | 'code'
  /** prefix of keys given to new records that came without one (none: reference tables, keyed by code) */
  idPrefix?: string
  fields: readonly FieldDef[]
  /** where a row's commune comes from: its own columns, or (evaluations) the model it refers to */
  commune: 'row' | 'lookup'
  /** a row names a village (village_code/village_name) */
  village: boolean
  /** point: optional or required (with a fallback to the village, then the commune); shape: a polygon */
  place: 'none' | 'point' | 'point-required' | 'point-or-shape' | 'shape'
  /** joins after the staged row `b`: taxonomies, models */
  lookups?: string
  /**
   * CTEs the lookups join, over the upload's rows `src`: a records table is read here, restricted to the keys
   * the rows name, never joined to the rows directly (on a Citus cluster it is distributed by province)
   */
  lookupCtes?: string
  /** SQL for the row's commune when `commune` is 'lookup' */
  communeSql?: string
  /** SQL for the record key (default: the file's key column) */
  keySql?: string
  /** false: rows can only update existing records (boundaries) */
  creates?: boolean
  columns: readonly ColumnDef[]
  /**
   * Natural key: the columns that identify a record when the file gives no key. `match` is SQL between
   * an existing record `e` and the resolved row `k` (whose columns are r_<name>, and k_point).
   */
  naturalKey?: { fields: readonly string[]; match: string; text: string; label: string }
  /** per-row checks on what the file says: SQL yielding an issue (import_issue(…)) or null, over `b` and the lookups */
  checks?: readonly string[]
  /**
   * per-row checks on the resulting record, over `fin`: fin.vals (the record's values), fin.old (the existing
   * record's, when it updates one), fin.target, fin.point, fin.shape (see stage-sql.ts)
   */
  finalChecks?: readonly string[]
  /** CTEs the final checks read, over `t` (the rows with their target record), as `lookupCtes` over `src` */
  finalCtes?: string
  /** checks over the whole import after staging (SQL statements with $1 = import id) */
  postChecks?: readonly string[]
  /** statements run by the commit after the rows are written ($1 = import id) */
  afterCommit?: readonly string[]
  /** tables whose change since the dry run makes a commit stale */
  reads: readonly string[]
  /**
   * Export: a keyset page of records, columns named by field key ($1 the last key of the previous page, $2
   * the page size, $3 commune codes or null); dates as ISO text, lon/lat in WGS84; `geometry` as GeoJSON text.
   */
  exportSql: string
  /** fields holding a reference value, with the taxonomy whose names exports write */
  taxa?: Readonly<Record<string, TaxonList>>
  /** permission needed to export the kind (beyond `export`) */
  exportNeeds: 'read_records' | 'read_incident_points' | 'read_aggregates'
}

/** What a kind's file says: KindDef without what defineKind (common.ts) fills in for the usual case. */
export type KindSpec = Omit<
  KindDef,
  'kind' | 'idColumn' | 'commune' | 'village' | 'place' | 'columns' | 'taxa'
> &
  Partial<Pick<KindDef, 'idColumn' | 'commune' | 'village' | 'place'>> & {
    /** a field's key: the column of that name stores the field as read (see storedColumn) */
    columns: readonly (ColumnDef | string)[]
    /** fields coded from a taxonomy: each adds its lookup, and its code is the column of a stored field */
    taxonFields?: readonly TaxonRef[]
  }

/** A field whose value the file gives as a code or a name of a taxonomy, matched through import_taxon_key. */
export interface TaxonRef {
  field: string
  /** import_taxon_key.kind */
  taxonomy: string
  /** the lookup's alias in the staging statement */
  alias: string
  /** what a value is, in the issues */
  what: string
  /** the list whose names exports write */
  list: TaxonList
}

/** SQL for an issue when `cond` holds. */
export const issueIf = (cond: string, field: string, severity: 'error' | 'warning', message: string) =>
  `case when ${cond} then import_issue('${field}', '${severity}', ${message}) end`
