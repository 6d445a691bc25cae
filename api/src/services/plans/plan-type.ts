import type { CoverageRule } from '@antt/contract'
import type { AppDeps } from '../../context.ts'
import { badRequest } from '../../http/errors.ts'

export interface PlanType {
  code: string
  rule: CoverageRule
  /** radius of a new site: the request's radius_m, else the type's own; null unless the rule is radius */
  radiusM: number | null
}

/** The model type of a plan and its coverage rule, from the taxonomy (types are data, not code). */
export async function planType(deps: AppDeps, code: string, radiusM?: number | null): Promise<PlanType> {
  const t = (await deps.catalog.taxonomies()).model_types.find((m) => m.code === code)
  if (!t) throw badRequest('model_type', `unknown model type ${code}`)
  const rule = t.coverage as CoverageRule
  return { code, rule, radiusM: rule === 'radius' ? (radiusM ?? (t.radius_m as number)) : null }
}
