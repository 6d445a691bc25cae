import type { FieldProblem } from '../api/client.ts'

export interface FormErrors {
  /** problem per field name */
  fields: Record<string, string>
  /** the message when no detail names a field the form shows */
  general: string | null
}

export const NO_ERRORS: FormErrors = { fields: {}, general: null }

/**
 * Splits an API error into problems shown next to the form's fields and one general message for the rest.
 * `shown` lists the form's field names; a detail naming another field (or none) goes to the general line.
 */
export function formErrors(
  err: { message: string; details?: FieldProblem[] },
  shown: readonly string[],
  lang: 'vi' | 'en' = 'en',
): FormErrors {
  const fields: Record<string, string> = {}
  const rest: string[] = []
  for (const d of err.details ?? []) {
    const field = d.field?.split('.')[0]
    const problem = (lang === 'vi' && d.problem_vi) || d.problem
    if (field && shown.includes(field)) fields[field] ??= problem
    else rest.push(d.field ? `${d.field}: ${problem}` : problem)
  }
  const general = rest.length ? rest.join('; ') : Object.keys(fields).length ? null : err.message
  return { fields, general }
}
