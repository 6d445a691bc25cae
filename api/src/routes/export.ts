import {
  commaList,
  communeCode,
  IMPORT_KINDS,
  type ImportKind,
  mapExportBody,
  okResult,
} from '@antt/contract'
// Export of records to XLSX, CSV and GeoJSON, in the shape the import reads (see exports/records.ts).
import { Hono } from 'hono'
import { z } from 'zod'
import { auditRequest } from '../auth/audit.ts'
import { can } from '../auth/principal.ts'
import type { AppEnv } from '../context.ts'
import { exportCsv, exportGeoJson, exportXlsx } from '../exports/records.ts'
import { describeTag, jsonAnswer, XLSX } from '../http/describe.ts'
import { ApiError, badRequest } from '../http/errors.ts'
import { json, params, query } from '../http/validate.ts'
import { KINDS } from '../imports/kinds/index.ts'

const doc = describeTag('Data management')

const FORMATS = {
  xlsx: XLSX,
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
} as const

const file = z
  .string()
  .regex(
    new RegExp(`^(${IMPORT_KINDS.join('|')})\\.(xlsx|csv|geojson)$`),
    `expected <kind>.xlsx, .csv or .geojson, kind one of ${IMPORT_KINDS.join(', ')}`,
  )

const exportQuery = z
  .object({
    lang: z.enum(['vi', 'en']).default('vi'),
    commune: commaList(2000).pipe(z.array(communeCode).min(1).max(200)).optional(),
  })
  .strict()

export const exportRoutes = new Hono<AppEnv>()
  .post(
    '/audit',
    doc('Record a PNG or PDF map export made in the browser in the audit log', { 201: jsonAnswer(okResult) }),
    json(mapExportBody),
    async (c) => {
      const b = c.req.valid('json')
      await auditRequest(c.get('deps'), {
        action: 'export',
        target: `map.${b.format}`,
        details: { ...b, kind: 'map' },
      })
      return c.json({ ok: true as const }, 201)
    },
  )
  .get(
    '/:file',
    doc('Records as XLSX, CSV or GeoJSON, in the shape the import reads', {
      200: {
        description: 'the file (attachment)',
        content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
    }),
    params(z.object({ file })),
    query(exportQuery),
    async (c) => {
      const { db, catalog, principal } = c.get('deps')
      const [name, format] = c.req.valid('param').file.split('.') as [ImportKind, keyof typeof FORMATS]
      const kind = KINDS[name]
      const { lang, commune } = c.req.valid('query')
      if (!can(principal, kind.exportNeeds))
        throw new ApiError(403, 'forbidden', `exporting ${name} needs the ${kind.exportNeeds} permission`, [
          { field: 'kind', problem: `needs ${kind.exportNeeds}` },
        ])
      if (name === 'boundaries' && format !== 'geojson')
        throw badRequest('file', 'boundaries are polygons: export them as boundaries.geojson')
      const opts = { lang, communes: commune ?? null, taxonomies: await catalog.taxonomies() }
      const out =
        format === 'csv'
          ? await exportCsv(db, kind, opts)
          : format === 'xlsx'
            ? await exportXlsx(db, kind, opts)
            : await exportGeoJson(db, kind, opts)
      await auditRequest(c.get('deps'), {
        action: 'export',
        target: `${name}.${format}`,
        details: { kind: name, format, lang, rows: out.rows, communes: commune ?? null },
      })
      const stamp = new Date().toISOString().slice(0, 10)
      return c.body(out.body as Uint8Array<ArrayBuffer>, 200, {
        'content-type': FORMATS[format],
        'content-disposition': `attachment; filename="antt-${name}-${stamp}.${format}"`,
        'cache-control': 'no-store',
      })
    },
  )
