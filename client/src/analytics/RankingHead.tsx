import { may, useSession } from '../api/client.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Tabs } from '../ui/Tabs.tsx'
import './analytics.css'
import { CloseButton } from '../ui/CloseButton.tsx'

/** Switches the ranking panel between units by a metric, units by priority score, and the planner. */
export function TableTabs() {
  const { t } = useI18n()
  const mode = useAtlas((s) => s.analytics.table)
  // Signed-in planners only: without accounts the planner tab is not offered.
  const user = useSession()
  const canPlan = user !== null && may(user, 'plan')
  const tabs = canPlan ? (['metrics', 'priority', 'plan'] as const) : (['metrics', 'priority'] as const)
  return (
    <Tabs
      tabs={tabs}
      value={mode}
      onChange={(m) => update((s) => ({ analytics: { ...s.analytics, table: m } }))}
      label={(m) => t(m === 'metrics' ? 'priority.tabMetrics' : m === 'plan' ? 'plan.tab' : 'priority.tab')}
      data="table-tab"
      className="segmented table-tabs"
      ariaLabel={t('table.title')}
    />
  )
}

/** Closes the ranking panel, whichever tab it shows. */
export function CloseTableButton() {
  const { t } = useI18n()
  return <CloseButton label={t('table.close')} onClick={() => update({ table: false })} />
}
