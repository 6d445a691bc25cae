// OpenAPI description of the import, export and editing routes (routes/imports.ts, export.ts, records.ts),
// for services/openapi-doc.ts: `importPaths(p)` adds them to its PathBuilder.
import { json, type PathBuilder, pathParameter, queryParameter } from '../services/openapi-build.ts'
import { CRS_HELP } from './crs.ts'
import { IMPORT_KINDS } from './kinds/types.ts'

const object = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...(required.length ? { required } : {}),
})
const str = (extra: Record<string, unknown> = {}) => ({ type: 'string', ...extra })
const date = { type: 'string', format: 'date' }
const key = str({ pattern: '^[\\p{L}\\p{N}_.\\-/]{1,64}$', description: 'stable record key' })
const code = str({ pattern: '^[a-z][a-z0-9_]{0,63}$' })
const commune = str({ pattern: '^\\d{5}$' })
const village = { type: ['string', 'null'], pattern: '^\\d{5}-\\d{3}$' }
const issue = object({ row: { type: 'integer' }, field: str(), message: str() }, ['row', 'field', 'message'])
const REPORT = object(
  {
    id: str({ format: 'uuid' }),
    kind: str({ enum: [...IMPORT_KINDS] }),
    status: str({ enum: ['running', 'validated', 'committed'] }),
    file_name: str(),
    format: str({ enum: ['xlsx', 'csv', 'geojson', 'shapefile'] }),
    crs: str(),
    rows: { type: 'integer', description: 'data rows read' },
    processed: { type: 'integer', description: 'rows staged so far (while running), else rows' },
    valid: { type: 'integer', description: 'rows without errors: create + update + skip' },
    create: { type: 'integer' },
    update: { type: 'integer' },
    skip: { type: 'integer', description: 'rows equal to the record they match' },
    errors: { type: 'array', items: issue, description: 'row = spreadsheet row (0: the file as a whole)' },
    warnings: { type: 'array', items: issue },
    errors_total: { type: 'integer' },
    warnings_total: { type: 'integer' },
    columns: { type: 'array', items: object({ column: str(), field: { type: ['string', 'null'] } }) },
    username: str(),
    created_at: str(),
    validated_at: { type: ['string', 'null'] },
    committed_at: { type: ['string', 'null'] },
  },
  ['id', 'kind', 'status', 'rows', 'valid', 'errors', 'create', 'update', 'skip'],
)
const importId = pathParameter('id', { type: 'string', format: 'uuid' }, 'import id')
const modelId = pathParameter('id', key, 'model key')
const lang = queryParameter('lang', { type: 'string', enum: ['vi', 'en'], default: 'vi' }, 'header language')
const xlsx = (description: string) => ({
  description,
  content: {
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: str({ format: 'binary' }),
    },
  },
})
const modelFields = {
  name: str({ minLength: 1, maxLength: 300 }),
  type_code: code,
  commune_code: commune,
  village_code: village,
  lead_org_code: code,
  founded_on: date,
  members: { type: 'integer', minimum: 0 },
  equipment: { type: ['string', 'null'], maxLength: 1000 },
  exemplary: { type: 'boolean' },
  replicated_from: { type: ['string', 'null'] },
  lon: { type: ['number', 'null'] },
  lat: { type: ['number', 'null'] },
}
const MODEL = json(object({ model: { type: 'object' } }))

export function importPaths(p: PathBuilder): PathBuilder {
  return p
    .group('Imports, exports and records')
    .add('get', '/api/imports', {
      summary: "The caller's recent imports (an administrator's: everyone's)",
      parameters: [
        queryParameter('limit', { type: 'integer', minimum: 1, maximum: 200, default: 50 }, 'most imports'),
      ],
      responses: { 200: json(object({ imports: { type: 'array', items: { type: 'object' } } })) },
    })
    .add('post', '/api/imports', {
      summary: 'Dry run of a file: reads, checks and stages every row; writes no record',
      description: `XLSX, CSV (UTF-8, with or without BOM, comma or semicolon), GeoJSON or a zipped Shapefile. Headers in Vietnamese or English, any case, with or without diacritics. crs: ${CRS_HELP}; lon/lat are WGS84 unless crs is geographic; X/Y follow the Vietnamese order (X northing). Rows are upserted by their key (Mã hồ sơ) or natural key. id: a UUID chosen by the client, to poll GET /api/imports/{id} while the dry run runs.`,
      bodyType: 'multipart/form-data',
      body: object(
        {
          file: str({ format: 'binary' }),
          kind: str({ enum: [...IMPORT_KINDS] }),
          crs: str(),
          id: str({ format: 'uuid' }),
        },
        ['file', 'kind'],
      ),
      responses: { 200: json(REPORT, 'the dry-run report') },
      errors: [409, 413],
    })
    .add('get', '/api/imports/templates/{file}', {
      summary: 'Template for a kind: headers, a sample row, instructions and the reference lists',
      parameters: [
        pathParameter(
          'file',
          { type: 'string', pattern: `^(${IMPORT_KINDS.join('|')})\\.xlsx$` },
          '<kind>.xlsx',
        ),
        lang,
      ],
      responses: { 200: xlsx('the template workbook') },
    })
    .add('get', '/api/imports/{id}', {
      summary: 'Status, counts (rows processed while running) and issues of an import',
      parameters: [
        importId,
        queryParameter(
          'limit',
          { type: 'integer', minimum: 0, maximum: 10000, default: 1000 },
          'most issues listed',
        ),
      ],
      responses: { 200: json(REPORT) },
    })
    .add('post', '/api/imports/{id}/commit', {
      summary: 'Writes every staged row in one transaction: all rows or none',
      description: '409 when the dry run has errors, was committed already, or its plan no longer holds.',
      parameters: [importId],
      responses: { 200: json(REPORT, 'the report, status committed') },
      errors: [409],
    })
    .add('delete', '/api/imports/{id}', {
      summary: 'Discards a dry run',
      parameters: [importId],
      responses: { 200: json(object({ id: str(), status: str({ enum: ['discarded'] }) })) },
      errors: [409],
    })
    .add('get', '/api/export/{file}', {
      summary:
        'Records the caller may see, with the headers the import reads, lon/lat in WGS84 and the record key',
      description: 'Boundaries export as GeoJSON only.',
      parameters: [
        pathParameter(
          'file',
          { type: 'string', pattern: `^(${IMPORT_KINDS.join('|')})\\.(xlsx|csv|geojson)$` },
          '<kind>.xlsx, .csv or .geojson',
        ),
        lang,
        queryParameter('commune', { type: 'string', maxLength: 2000 }, 'comma-separated commune codes'),
      ],
      responses: {
        200: {
          description: 'the file',
          content: {
            'text/csv': { schema: str() },
            'application/geo+json': { schema: { type: 'object' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: str({ format: 'binary' }),
            },
          },
        },
      },
    })
    .add('get', '/api/records/models/{id}', {
      summary: 'A security model with its status history and last evaluations',
      parameters: [modelId],
      responses: {
        200: json(
          object({ model: { type: 'object' }, statuses: { type: 'array' }, evaluations: { type: 'array' } }),
        ),
      },
    })
    .add('post', '/api/records/models', {
      summary: 'Creates a security model (inside its commune, within the caller’s scope)',
      body: object({ id: key, ...modelFields }, [
        'name',
        'type_code',
        'commune_code',
        'lead_org_code',
        'founded_on',
      ]),
      responses: { 201: MODEL },
    })
    .add('patch', '/api/records/models/{id}', {
      summary: 'Edits a security model; the audit log keeps the previous values',
      parameters: [modelId],
      body: object(modelFields),
      responses: { 200: MODEL },
    })
    .add('post', '/api/records/models/{id}/status', {
      summary: 'Changes the status from a date; dissolving needs a reason',
      parameters: [modelId],
      body: object(
        {
          status: str({ enum: ['active', 'weak', 'dissolved'] }),
          on: date,
          reason: str({ maxLength: 1000 }),
        },
        ['status', 'on'],
      ),
      responses: { 200: MODEL },
    })
    .add('post', '/api/records/evaluations', {
      summary: 'Records an evaluation of a model',
      body: object(
        { id: key, model_id: key, evaluated_on: date, rating_code: code, evaluator: str(), note: str() },
        ['model_id', 'evaluated_on', 'rating_code'],
      ),
      responses: { 201: json(object({ evaluation: { type: 'object' } })) },
    })
    .add('post', '/api/records/incidents', {
      summary: 'Records an incident (its point inside its commune)',
      body: object(
        {
          id: key,
          category_code: code,
          occurred_on: date,
          commune_code: commune,
          village_code: village,
          severity: { type: 'integer', minimum: 1, maximum: 3 },
          precision: str({ enum: ['exact', 'approximate'] }),
          lon: { type: 'number' },
          lat: { type: 'number' },
          summary: str({ maxLength: 2000 }),
        },
        ['category_code', 'occurred_on', 'commune_code', 'lon', 'lat'],
      ),
      responses: { 201: json(object({ incident: { type: 'object' } })) },
    })
    .add('post', '/api/records/outreach', {
      summary: 'Records an outreach session',
      body: object(
        {
          id: key,
          commune_code: commune,
          village_code: village,
          held_on: date,
          topic: str({ minLength: 1, maxLength: 500 }),
          lead_org_code: { type: ['string', 'null'] },
          attendees: { type: 'integer', minimum: 0 },
        },
        ['commune_code', 'held_on', 'topic', 'attendees'],
      ),
      responses: { 201: json(object({ outreach: { type: 'object' } })) },
    })
}
