import { z } from 'zod'
import { named } from './registry.ts'

export const fieldProblem = z.object({
  field: z
    .string()
    .optional()
    .meta({ description: 'the parameter or body field at fault (with an index, e.g. categories.0)' }),
  problem: z.string(),
  problem_vi: z.string().optional().meta({
    description: 'the problem in Vietnamese, for the problems the interface shows as they are (imports)',
  }),
})
export type FieldProblem = z.infer<typeof fieldProblem>

/** Every error the API answers: a 4xx for bad input, never a stack trace. */
export const errorBody = named(
  'Error',
  z.object({
    error: z.object({
      code: z
        .string()
        .meta({ description: 'machine-readable: invalid_parameter, not_found, query_too_long, …' }),
      message: z.string().meta({ description: 'human-readable, in English' }),
      details: z.array(fieldProblem),
    }),
  }),
)
export type ErrorBody = z.infer<typeof errorBody>
