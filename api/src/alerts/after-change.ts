import type { AppDeps } from '../context.ts'
import { runEvaluation } from './evaluate.ts'
import { mailConfigFromEnv } from './mail.ts'

/**
 * Evaluates the alert rules for the communes a committed change touched (an edit or an import), after the
 * commit and off the response path; a rolled-back request evaluates nothing.
 */
export function evaluateAfterChange(deps: AppDeps, communes: readonly (string | null | undefined)[]) {
  const list = [...new Set(communes.filter((c): c is string => typeof c === 'string' && c.length > 0))]
  if (list.length === 0) return
  deps.afterCommit((owner) =>
    runEvaluation(owner, { kind: 'records', communes: list, mail: mailConfigFromEnv() }),
  )
}
