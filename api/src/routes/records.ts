// Editing forms: each route validates, calls record editing (records/editing.ts), and answers what it returns.
import {
  evaluationAnswer,
  incidentAnswer,
  modelAnswer,
  modelDetail,
  modelPatch,
  newEvaluation,
  newIncident,
  newModel,
  newOutreach,
  outreachAnswer,
  recordKey,
  statusChange,
} from '@antt/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { describeTag, jsonAnswer } from '../http/describe.ts'
import { json, params } from '../http/validate.ts'
import {
  addEvaluation,
  addIncident,
  addOutreach,
  changeModelStatus,
  createModel,
  getModel,
  updateModel,
} from '../records/editing.ts'

const doc = describeTag('Data management')

const idParam = params(z.object({ id: recordKey }))

export const records = new Hono<AppEnv>()
  .get(
    '/models/:id',
    doc('A security model with its status history and evaluations', { 200: jsonAnswer(modelDetail) }),
    idParam,
    async (c) => c.json(await getModel(c.get('deps'), c.req.valid('param').id)),
  )
  .post(
    '/models',
    doc('Create a security model', { 201: jsonAnswer(modelAnswer) }, { errors: [409] }),
    json(newModel),
    async (c) => c.json(await createModel(c.get('deps'), c.req.valid('json')), 201),
  )
  .patch(
    '/models/:id',
    doc('Change a security model', { 200: jsonAnswer(modelAnswer) }),
    idParam,
    json(modelPatch),
    async (c) => c.json(await updateModel(c.get('deps'), c.req.valid('param').id, c.req.valid('json'))),
  )
  .post(
    '/models/:id/status',
    doc('Change the status of a model from a date (dissolving needs a reason)', {
      200: jsonAnswer(modelAnswer),
    }),
    idParam,
    json(statusChange),
    async (c) => c.json(await changeModelStatus(c.get('deps'), c.req.valid('param').id, c.req.valid('json'))),
  )
  .post(
    '/evaluations',
    doc('Record an evaluation of a model', { 201: jsonAnswer(evaluationAnswer) }, { errors: [409] }),
    json(newEvaluation),
    async (c) => c.json(await addEvaluation(c.get('deps'), c.req.valid('json')), 201),
  )
  .post(
    '/incidents',
    doc('Record an incident', { 201: jsonAnswer(incidentAnswer) }, { errors: [409] }),
    json(newIncident),
    async (c) => c.json(await addIncident(c.get('deps'), c.req.valid('json')), 201),
  )
  .post(
    '/outreach',
    doc('Record an outreach session', { 201: jsonAnswer(outreachAnswer) }, { errors: [409] }),
    json(newOutreach),
    async (c) => c.json(await addOutreach(c.get('deps'), c.req.valid('json')), 201),
  )
