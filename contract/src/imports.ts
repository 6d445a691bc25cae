// What a dry run found, as /api/imports answers it.
import { z } from 'zod'
import { count, named } from './registry.ts'

export const importIssue = z.object({
  row: count,
  field: z.string(),
  message: z.string(),
  message_vi: z.string().optional().meta({ description: 'the message in Vietnamese' }),
})
export type ImportIssue = z.infer<typeof importIssue>

/** A column of the file and the field it was read as (null: ignored). */
export const importColumn = z.object({
  column: z.string(),
  field: z.string().nullable(),
  label: z.string().optional().meta({ description: "the field's Vietnamese header" }),
  truncated: z
    .boolean()
    .optional()
    .meta({ description: "the header is the field's name cut to a Shapefile's 10 characters (TEN_MO_HIN)" }),
})
export type ImportColumn = z.infer<typeof importColumn>

export const dryRunReport = named(
  'ImportReport',
  z.object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['running', 'validated', 'committed', 'expired']).meta({
      description:
        'expired: its staged rows were lost (the database restarted since the dry run); run it again',
    }),
    file_name: z.string(),
    format: z.string(),
    crs: z.string().nullable(),
    rows: count.meta({ description: 'data rows read; `processed` counts them while the dry run runs' }),
    processed: count,
    valid: count.meta({ description: 'rows without errors; create + update + skip = valid' }),
    create: count,
    update: count,
    skip: count,
    errors: z.array(importIssue),
    warnings: z.array(importIssue),
    errors_total: count,
    warnings_total: count,
    columns: z.array(importColumn),
    username: z.string(),
    created_at: z.string(),
    validated_at: z.string().nullable(),
    committed_at: z.string().nullable(),
  }),
)
export type ImportReport = z.infer<typeof dryRunReport>

/** One import in the list of recent imports. */
export const importSummary = z.object({
  id: z.string(),
  kind: z.string(),
  status: dryRunReport.shape.status,
  file_name: z.string(),
  format: z.string(),
  crs: z.string().nullable(),
  rows: count,
  summary: z
    .unknown()
    .meta({ description: 'the counts of the dry run (create, update, skip, errors, warnings)' }),
  username: z.string(),
  created_at: z.string(),
  committed_at: z.string().nullable(),
})
export type ImportSummary = z.infer<typeof importSummary>
export const importList = named('ImportList', z.object({ imports: z.array(importSummary) }))

/** What discarding a dry run answers. */
export const importDiscarded = named(
  'ImportDiscarded',
  z.object({ id: z.string(), status: z.literal('discarded') }),
)
