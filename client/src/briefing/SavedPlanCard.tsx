import { PlanCard } from '../plans/PlanCard.tsx'
import { showPlan, useShownPlan } from '../plans/plan-view.ts'
import { useBriefingUi } from '../state/briefing-ui.ts'

/** Over the dashboard's map: the plan a saved view brought, until closed (the presenter shows its own). */
export function SavedPlanCard() {
  const plan = useShownPlan()
  const presenting = useBriefingUi().presenting
  if (!plan || presenting) return null
  return (
    <div className="map-plan-card">
      <PlanCard plan={plan} onClose={() => showPlan(null)} />
    </div>
  )
}
