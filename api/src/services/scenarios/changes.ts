import type { FromPlan, ScenarioChange } from '@antt/contract'

// What a scenario may change is in the contract (@antt/contract scenarios.ts); here, what a plan stands for.

/** The changes a plan stands for: a new model of the plan's type at each of its sites. */
export function planChanges(plan: FromPlan): ScenarioChange[] {
  return [...new Set(plan.sites)].map((village_code) => ({
    kind: 'add_model',
    model_type: plan.model_type,
    village_code,
    lead_org_code: plan.lead_org_code,
  }))
}
