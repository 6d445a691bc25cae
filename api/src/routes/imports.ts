// Bulk import: a dry run that stages and checks a file, then a commit that writes it all or nothing.
import { randomUUID } from 'node:crypto'
import { dryRunReport, IMPORT_KINDS, type ImportKind, importDiscarded, importList } from '@antt/contract'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { evaluateAfterChange } from '../alerts/after-change.ts'
import { auditRequest } from '../auth/audit.ts'
import type { AppEnv } from '../context.ts'
import { describeTag, jsonAnswer } from '../http/describe.ts'
import { ApiError, badRequest, errorBody } from '../http/errors.ts'
import { messageVi } from '../http/messages-vi.ts'
import { params, query } from '../http/validate.ts'
import { commitImport, stagedCommunes } from '../imports/commit.ts'
import { CRS_HELP, parseCrs } from '../imports/crs.ts'
import { dryRun } from '../imports/dry-run.ts'
import { KINDS } from '../imports/kinds/index.ts'
import { endProgress, progressOf } from '../imports/progress.ts'
import { CsvError } from '../imports/read/csv.ts'
import { ShapeError } from '../imports/read/shapes.ts'
import { SourceError } from '../imports/read/source.ts'
import { XlsxError } from '../imports/read/xlsx.ts'
import { discardImport, importReport, listImports, loadBatch } from '../imports/report.ts'
import { buildTemplate } from '../imports/template.ts'

const doc = describeTag('Data management')

/** Largest upload, in bytes: 100,000 incident rows as CSV are about 12 MB. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const form = z
  .object({
    kind: z.enum(IMPORT_KINDS, { message: `expected one of ${IMPORT_KINDS.join(', ')}` }),
    crs: z.string().trim().min(1).max(60).optional(),
    id: z.uuid('expected a UUID').optional(),
  })
  .strict()

const idParam = params(z.object({ id: z.uuid('expected an import id (UUID)') }))

/** The import, if the caller may see it: their own, or any for an administrator. */
async function ownBatch(c: { get(k: 'deps'): import('../context.ts').AppDeps }, id: string) {
  const { db, principal } = c.get('deps')
  const batch = await loadBatch(db, id)
  if (!batch || (batch.user_id !== principal!.userId && principal!.dbRole !== 'antt_admin')) return null
  return batch
}

const notFound = (id: string) =>
  new ApiError(404, 'not_found', `import ${id} not found`, [{ field: 'id', problem: 'not found' }])

/** The import the caller may see, or 404. */
async function foundBatch(c: Parameters<typeof ownBatch>[0], id: string) {
  const batch = await ownBatch(c, id)
  if (!batch) throw notFound(id)
  return batch
}

export const imports = new Hono<AppEnv>()
  .get(
    '/templates/:file',
    doc('An XLSX template for an import kind, with the expected headers', {
      200: {
        description: 'the template',
        content: {
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
            schema: { type: 'string', format: 'binary' },
          },
        },
      },
    }),
    params(
      z.object({
        file: z
          .string()
          .regex(
            new RegExp(`^(${IMPORT_KINDS.join('|')})\\.xlsx$`),
            `expected <kind>.xlsx, kind one of ${IMPORT_KINDS.join(', ')}`,
          ),
      }),
    ),
    query(z.object({ lang: z.enum(['vi', 'en']).default('vi') }).strict()),
    async (c) => {
      const { db, catalog } = c.get('deps')
      const kind = KINDS[c.req.valid('param').file.replace(/\.xlsx$/, '') as ImportKind]
      const { lang } = c.req.valid('query')
      const body = await buildTemplate(db, kind, lang, await catalog.taxonomies())
      return c.body(body as Uint8Array<ArrayBuffer>, 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="antt-mau-nhap-${kind.kind}.xlsx"`,
      })
    },
  )
  .get(
    '/',
    doc('Recent imports (own; all for an administrator)', { 200: jsonAnswer(importList) }),
    query(z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict()),
    async (c) => {
      const { db, principal } = c.get('deps')
      const all = principal!.dbRole === 'antt_admin'
      return c.json({ imports: await listImports(db, all, principal!.userId, c.req.valid('query').limit) })
    },
  )
  .post(
    '/',
    doc(
      'Upload a file (XLSX, CSV, GeoJSON or zipped Shapefile) for a dry run: validation with row-level errors, nothing written',
      { 200: jsonAnswer(dryRunReport, 'the dry-run report') },
      {
        body: {
          type: 'multipart/form-data',
          schema: {
            type: 'object',
            additionalProperties: false,
            required: ['file', 'kind'],
            properties: {
              file: { type: 'string', format: 'binary', description: 'at most 64 MiB (GeoJSON 32 MiB)' },
              kind: { type: 'string', enum: [...IMPORT_KINDS] },
              crs: {
                type: 'string',
                maxLength: 60,
                description: 'source coordinate system, e.g. a VN-2000 zone, when the file does not say',
              },
              id: { type: 'string', format: 'uuid', description: 'replace the file of this dry run' },
            },
          },
        },
        errors: [413],
      },
    ),
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: (c) =>
        c.json(
          errorBody('payload_too_large', `file over ${MAX_IMPORT_BYTES} bytes`, [
            { field: 'file', problem: 'too large' },
          ]),
          413,
        ),
    }),
    async (c) => {
      const { db, principal } = c.get('deps')
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data'))
        throw badRequest('file', 'send multipart/form-data with the fields file, kind and (optionally) crs')
      let body: Record<string, string | File>
      try {
        body = (await c.req.parseBody()) as Record<string, string | File>
      } catch {
        throw badRequest('file', 'the multipart body could not be read')
      }
      const { file, ...fields } = body
      const parsed = form.safeParse(fields)
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) =>
          i.code === 'unrecognized_keys'
            ? { field: i.keys.join(','), problem: 'unknown field' }
            : { field: i.path.join('.') || 'form', problem: i.message },
        )
        throw new ApiError(
          400,
          'invalid_parameter',
          `invalid form: ${details[0].field}: ${details[0].problem}`,
          details,
        )
      }
      if (!(file instanceof File)) throw badRequest('file', 'a file is required (multipart field "file")')
      if (file.size === 0)
        throw new ApiError(400, 'invalid_parameter', 'file: the file is empty', [
          { field: 'file', problem: 'the file is empty', problem_vi: 'tệp rỗng' },
        ])
      const { kind, id = randomUUID() } = parsed.data
      const crs = parsed.data.crs ? parseCrs(parsed.data.crs) : null
      if (parsed.data.crs && !crs) throw badRequest('crs', `unknown CRS "${parsed.data.crs}": ${CRS_HELP}`)
      if (kind === 'boundaries' && principal!.dbRole !== 'antt_admin')
        throw new ApiError(403, 'forbidden', 'kind: importing boundaries needs the administrator role', [
          { field: 'kind', problem: 'boundaries need the administrator role' },
        ])
      if (progressOf(id) || (await loadBatch(db, id)))
        throw new ApiError(409, 'conflict', `import ${id} exists`, [{ field: 'id', problem: 'already used' }])
      try {
        await dryRun(db, {
          id,
          kind: KINDS[kind],
          fileName: file.name || 'upload',
          bytes: new Uint8Array(await file.arrayBuffer()),
          crs,
          user: principal!,
        })
      } catch (err) {
        if (
          err instanceof SourceError ||
          err instanceof CsvError ||
          err instanceof XlsxError ||
          err instanceof ShapeError
        ) {
          const field = err instanceof ShapeError ? err.field : 'file'
          throw new ApiError(400, 'invalid_parameter', `${field}: ${err.message}`, [
            { field, problem: err.message, problem_vi: messageVi(err.message) ?? err.message },
          ])
        }
        throw err
      } finally {
        endProgress(id)
      }
      await auditRequest(c.get('deps'), {
        action: 'import_dry_run',
        target: id,
        details: { kind, file: file.name, bytes: file.size },
      })
      const batch = await loadBatch(db, id)
      return c.json(await importReport(db, batch!))
    },
  )
  .get(
    '/:id',
    doc('An import report (or its progress while it runs)', { 200: jsonAnswer(dryRunReport) }),
    idParam,
    query(z.object({ limit: z.coerce.number().int().min(0).max(10000).default(1000) }).strict()),
    async (c) => {
      const { id } = c.req.valid('param')
      const { principal } = c.get('deps')
      const batch = await ownBatch(c, id)
      if (!batch) {
        // still in its dry run (its rows are not visible outside that request's transaction)
        const running = progressOf(id)
        if (
          running &&
          running.phase !== 'done' &&
          (running.userId === principal!.userId || principal!.dbRole === 'antt_admin')
        )
          return c.json({ id, status: 'running', phase: running.phase, processed: running.processed })
        throw notFound(id)
      }
      const report = await importReport(c.get('deps').db, batch, c.req.valid('query').limit)
      const running = progressOf(id)
      return c.json(
        running && running.phase !== 'done'
          ? { ...report, status: 'running', phase: running.phase, processed: running.processed }
          : report,
      )
    },
  )
  .post(
    '/:id/commit',
    doc(
      'Commit a dry run: all rows or none',
      { 200: jsonAnswer(dryRunReport, 'the report of the committed import') },
      {
        description:
          '409 `expired` when the checked rows of the dry run were lost (the database restarted since): run the dry run again.',
        errors: [409],
      },
    ),
    idParam,
    async (c) => {
      const { db, principal } = c.get('deps')
      const { id } = c.req.valid('param')
      const batch = await foundBatch(c, id)
      const touched = await stagedCommunes(db, id)
      const counts = await commitImport(db, id, principal!.userId)
      evaluateAfterChange(c.get('deps'), touched)
      // Fresh planner statistics for the table that grew (the embedded database has no autovacuum).
      const table = KINDS[batch.kind as ImportKind].table
      c.get('deps').afterCommit((owner) => owner.exec(`analyze ${table}`))
      await auditRequest(c.get('deps'), {
        action: 'import_commit',
        target: id,
        details: { kind: batch.kind, file: batch.file_name, rows: batch.rows, ...counts },
      })
      return c.json(await importReport(db, (await loadBatch(db, id))!))
    },
  )
  .delete('/:id', doc('Discard a dry run', { 200: jsonAnswer(importDiscarded) }), idParam, async (c) => {
    const { db } = c.get('deps')
    const { id } = c.req.valid('param')
    const batch = await foundBatch(c, id)
    if (batch.status === 'committed')
      throw new ApiError(409, 'already_committed', `import ${id} was committed: it cannot be discarded`, [
        { field: 'id', problem: 'already committed' },
      ])
    await discardImport(db, id)
    await auditRequest(c.get('deps'), { action: 'import_discard', target: id, details: { kind: batch.kind } })
    return c.json({ id, status: 'discarded' as const })
  })
