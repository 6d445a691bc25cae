import { DEFAULT_PRIORITY_WEIGHTS } from '@antt/analysis'
import {
  PRIORITY_COMPONENTS,
  type PriorityComponent,
  type PriorityResult,
  prioritiesQuery,
  priorityResult,
} from '@antt/contract'
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { describeRoute, jsonAnswer } from '../http/describe.ts'
import { badRequest } from '../http/errors.ts'
import { checkPeriod, query } from '../http/validate.ts'
import { withScenario } from '../services/scenarios/middleware.ts'
import { priorities as priorityScores } from '../services/stats/priorities.ts'

/**
 * Ranked priority score 0–100 per commune or village. Weights default to DEFAULT_PRIORITY_WEIGHTS (analysis)
 * and are echoed in the response; each row carries the points every component contributed.
 */
export const priorities = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tag: 'Statistics',
    summary: 'Priority score 0–100 per unit, ranked, with the contribution of every component',
    description:
      'Weights are the w_* parameters (default shown); they are echoed in the response and must not all be zero. ' +
      'Every unit is scored and ranked among all the units of the caller’s scope (scope_units); the classes and ' +
      'commune filters only choose the rows returned (filter_units), each with its rank among them (filter_rank).',
    responses: {
      200: jsonAnswer(priorityResult),
    },
  }),
  query(prioritiesQuery),
  withScenario,
  async (c) => {
    const { level, normalise, ...rest } = checkPeriod(c.req.valid('query'))
    const weights = {} as Record<PriorityComponent, number>
    const filters: Record<string, unknown> = { ...rest }
    for (const k of PRIORITY_COMPONENTS) {
      weights[k] = rest[`w_${k}`] ?? DEFAULT_PRIORITY_WEIGHTS[k]
      delete filters[`w_${k}`]
    }
    if (!Object.values(weights).some((w) => w > 0))
      throw badRequest('weights', 'the w_* weights must not all be zero')
    return c.json(
      (await priorityScores(c.get('deps'), {
        level,
        normalise,
        weights,
        ...filters,
      })) satisfies PriorityResult,
    )
  },
)
