/** What the import and export endpoints take (api/src/imports/kinds/types.ts). */
export const IMPORT_KINDS = [
  'models',
  'evaluations',
  'incidents',
  'outreach',
  'certifications',
  'funding',
  'villages',
  'boundaries',
] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/** Coordinate systems a file's x, y may be in (the API's `crs`). */
export const IMPORT_CRS = ['EPSG:4326', 'VN2000', 'VN2000-TM3-104.75'] as const

export interface ImportIssue {
  row: number
  field: string
  message: string
  /** the same message in Vietnamese */
  message_vi?: string
}

/** A column of the file and the field it was read as (null: ignored). */
export interface ImportColumn {
  column: string
  field: string | null
  /** the field's Vietnamese header */
  label?: string
  /** the header is the field's name cut to a Shapefile's 10 characters (TEN_MO_HIN) */
  truncated?: boolean
}

export interface ImportReport {
  id: string
  kind: string
  status: 'running' | 'validated' | 'committed' | 'expired'
  file_name: string
  rows: number
  processed: number
  valid: number
  /** the file's column headers and the field each was read as (null: ignored) */
  columns: ImportColumn[]
  create: number
  update: number
  skip: number
  errors: ImportIssue[]
  warnings: ImportIssue[]
  errors_total: number
  warnings_total: number
}
