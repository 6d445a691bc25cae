import type { ReactNode } from 'react'
import { may, useSession } from '../api/client.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { CloseButton } from '../ui/CloseButton.tsx'
import { Tabs } from '../ui/Tabs.tsx'
import './analytics.css'

/** Switches the ranking panel between units by a metric, units by priority score, and the planner. */
function TableTabs() {
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
function CloseTableButton() {
  const { t } = useI18n()
  return <CloseButton label={t('table.close')} onClick={() => update({ table: false })} />
}

/** The head of the ranking panel, whichever tab it shows: its title and tabs, the tab's own controls, close. */
export function RankingHead({ children }: { children: ReactNode }) {
  const { t } = useI18n()
  return (
    <div className="ranking-head">
      <h2>{t('table.title')}</h2>
      <TableTabs />
      {children}
      <CloseTableButton />
    </div>
  )
}

/** The search box of the ranking panel's head: names or codes of the rows to keep. */
export function RankingSearch({ value, onSearch }: { value: string; onSearch: (text: string) => void }) {
  const { t } = useI18n()
  return (
    <input
      type="search"
      value={value}
      onChange={(e) => onSearch(e.target.value)}
      placeholder={t('table.search')}
      aria-label={t('table.search')}
    />
  )
}
