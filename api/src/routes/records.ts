// Editing forms: each route validates, calls record editing (records/editing.ts), and answers what it returns.
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { json, params } from '../http/validate.ts'
import {
  addEvaluation,
  addIncident,
  addOutreach,
  changeModelStatus,
  createModel,
  getModel,
  modelPatch,
  newEvaluation,
  newIncident,
  newModel,
  newOutreach,
  recordKey,
  statusChange,
  updateModel,
} from '../records/editing.ts'

const idParam = params(z.object({ id: recordKey }))

export const records = new Hono<AppEnv>()
  .get('/models/:id', idParam, async (c) => c.json(await getModel(c.get('deps'), c.req.valid('param').id)))
  .post('/models', json(newModel), async (c) =>
    c.json(await createModel(c.get('deps'), c.req.valid('json')), 201),
  )
  .patch('/models/:id', idParam, json(modelPatch), async (c) =>
    c.json(await updateModel(c.get('deps'), c.req.valid('param').id, c.req.valid('json'))),
  )
  .post('/models/:id/status', idParam, json(statusChange), async (c) =>
    c.json(await changeModelStatus(c.get('deps'), c.req.valid('param').id, c.req.valid('json'))),
  )
  .post('/evaluations', json(newEvaluation), async (c) =>
    c.json(await addEvaluation(c.get('deps'), c.req.valid('json')), 201),
  )
  .post('/incidents', json(newIncident), async (c) =>
    c.json(await addIncident(c.get('deps'), c.req.valid('json')), 201),
  )
  .post('/outreach', json(newOutreach), async (c) =>
    c.json(await addOutreach(c.get('deps'), c.req.valid('json')), 201),
  )
