// Record editing (/api/records): the bodies of the editing forms and what each answers.
import { z } from 'zod'
import { communeCode, isoDate } from './params.ts'
import { count, date, named, nullable } from './registry.ts'

export const recordKey = z
  .string()
  .regex(/^[\p{L}\p{N}_.\-/]{1,64}$/u, 'expected a record key: letters, digits, - _ . / (up to 64)')
const code = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a code')
const villageCode = z.string().regex(/^\d{5}-\d{3}$/, 'expected a village code (5 digits-3 digits)')
const text = (max: number) => z.string().trim().min(1).max(max)
const lon = z.number().finite().min(-180).max(180)
const lat = z.number().finite().min(-90).max(90)
const bothOrNeither = (v: { lon?: number | null; lat?: number | null }) => (v.lon == null) === (v.lat == null)
const placeMessage = { message: 'give both lon and lat, or neither', path: ['lat'] }

const modelFields = {
  name: text(300),
  type_code: code,
  commune_code: communeCode,
  village_code: villageCode.nullable().optional(),
  lead_org_code: code,
  founded_on: isoDate,
  members: z.number().int().min(0).max(100_000).optional(),
  equipment: z.string().trim().max(1000).nullable().optional(),
  exemplary: z.boolean().optional(),
  replicated_from: recordKey.nullable().optional(),
  lon: lon.nullable().optional(),
  lat: lat.nullable().optional(),
}
export const newModel = z
  .object({ id: recordKey.optional(), ...modelFields })
  .strict()
  .refine(bothOrNeither, placeMessage)
export const modelPatch = z
  .object(
    Object.fromEntries(Object.entries(modelFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof modelFields]: z.ZodOptional<(typeof modelFields)[K]>
    },
  )
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' })
  .refine(bothOrNeither, placeMessage)
export const statusChange = z
  .object({
    status: z.enum(['active', 'weak', 'dissolved']),
    on: isoDate,
    reason: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((v) => v.status !== 'dissolved' || (v.reason && v.reason.length >= 3), {
    message: 'dissolving a model needs a reason',
    path: ['reason'],
  })
export const newEvaluation = z
  .object({
    id: recordKey.optional(),
    model_id: recordKey,
    evaluated_on: isoDate,
    rating_code: code,
    evaluator: z.string().trim().max(300).nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()
const incidentFields = {
  category_code: code,
  occurred_on: isoDate,
  commune_code: communeCode,
  village_code: villageCode.nullable().optional(),
  severity: z.number().int().min(1).max(3).optional(),
  precision: z.enum(['exact', 'approximate']).optional(),
  lon,
  lat,
  summary: z.string().trim().max(2000).nullable().optional(),
}
export const newIncident = z.object({ id: recordKey.optional(), ...incidentFields }).strict()
export const newOutreach = z
  .object({
    id: recordKey.optional(),
    commune_code: communeCode,
    village_code: villageCode.nullable().optional(),
    held_on: isoDate,
    topic: text(500),
    lead_org_code: code.nullable().optional(),
    attendees: z.number().int().min(0).max(1_000_000),
  })
  .strict()

const optionalText = nullable(z.string())

/** A security model as the editing screens read and write it. */
export const securityModelRecord = named(
  'SecurityModelRecord',
  z.object({
    id: z.string(),
    name: z.string(),
    type_code: z.string(),
    commune_code: z.string(),
    village_code: optionalText,
    lead_org_code: z.string(),
    founded_on: date,
    members: nullable(count),
    equipment: optionalText,
    exemplary: z.boolean(),
    replicated_from: optionalText,
    status: z.enum(['active', 'weak', 'dissolved']),
    dissolved_on: nullable(date),
    dissolved_reason: optionalText,
    lon: nullable(z.number()),
    lat: nullable(z.number()),
  }),
)
export type SecurityModelRecord = z.infer<typeof securityModelRecord>

/** What a model change answers: the model as it now is. */
export const modelAnswer = named('ModelAnswer', z.object({ model: securityModelRecord }))
export type ModelAnswer = z.infer<typeof modelAnswer>

/** A model with its status history and its 20 latest evaluations. */
export const modelDetail = named(
  'ModelDetail',
  z.object({
    model: securityModelRecord,
    statuses: z.array(
      z.object({
        status: z.string(),
        valid_from: date,
        valid_to: nullable(date),
        reason: optionalText,
      }),
    ),
    evaluations: z.array(
      z.object({
        id: z.string(),
        evaluated_on: date,
        rating_code: z.string(),
        evaluator: optionalText,
        note: optionalText,
      }),
    ),
  }),
)
export type ModelDetail = z.infer<typeof modelDetail>

// What recording an evaluation, an incident or an outreach session answers: the record as written, with its
// key (given, or made).
export const evaluationAnswer = named(
  'EvaluationAnswer',
  z.object({ evaluation: newEvaluation.extend({ id: z.string() }) }),
)
export const incidentAnswer = named(
  'IncidentAnswer',
  z.object({ incident: newIncident.extend({ id: z.string() }) }),
)
export const outreachAnswer = named(
  'OutreachAnswer',
  z.object({ outreach: newOutreach.extend({ id: z.string() }) }),
)
export type EvaluationAnswer = z.infer<typeof evaluationAnswer>
export type IncidentAnswer = z.infer<typeof incidentAnswer>
export type OutreachAnswer = z.infer<typeof outreachAnswer>
