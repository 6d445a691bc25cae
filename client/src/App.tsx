import { useEffect, useState } from 'react'
import { PriorityTable } from './analytics/PriorityTable.tsx'
import { useSession } from './api/client.ts'
import { useHealth, useNational } from './api/hooks.ts'
import { SavedPlanCard } from './briefing/SavedPlanCard.tsx'
import { areaSubtitle } from './i18n/area-subtitle.ts'
import { Legend } from './legend/Legend.tsx'
import { useDrawn } from './map/drawn.ts'
import { MapView } from './map/MapView.tsx'
import { DetailPanel } from './panels/DetailPanel.tsx'
import { FilterPanel } from './panels/FilterPanel.tsx'
import { Header } from './panels/Header.tsx'
import { KpiBar } from './panels/KpiBar.tsx'
import { LayerPanel } from './panels/LayerPanel.tsx'
import { PanelBoundary } from './panels/PanelBoundary.tsx'
import { Playback } from './panels/Playback.tsx'
import { RankingTable } from './panels/RankingTable.tsx'
import { PlanPanel } from './plans/PlanPanel.tsx'
import { ScenarioBanner } from './scenarios/ScenarioBanner.tsx'
import { setUi } from './state/briefing-ui.ts'
import { store, update, useAtlas } from './state/store.ts'
import { useI18n } from './state/use-i18n.ts'
import { Tabs } from './ui/Tabs.tsx'

/** The address the page was opened with: a level named there is kept. */
const OPENED_WITH_LEVEL = new URLSearchParams(window.location.search).has('lv')

/**
 * The whole country opens on its 34 provinces for a user who sees all of it (3,321 communes are a second step,
 * by a province's panel or the level switch); a scoped user opens on their communes, an address on its level.
 */
function useNationalOpening() {
  const national = useNational()
  const session = useSession()
  useEffect(() => {
    if (!national || !session || session.scope !== null || OPENED_WITH_LEVEL) return
    const s = store.get()
    if (s.level === 'commune' && !s.selected && !s.drill) update({ level: 'province' })
  }, [national, session])
}

export function App() {
  const i18n = useI18n()
  const { t, lang } = i18n
  const health = useHealth().data
  const selected = useAtlas((s) => s.selected)
  const table = useAtlas((s) => s.table)
  const tableMode = useAtlas((s) => s.analytics.table)
  const [tab, setTab] = useState<'layers' | 'filters'>('layers')
  const drawn = useDrawn()
  useNationalOpening()

  useEffect(() => {
    document.documentElement.lang = lang
    document.title = `${t('app.name')} · ${areaSubtitle(i18n, health)}`
  }, [lang, t, i18n, health])

  return (
    <div className={`app${selected ? ' with-detail' : ''}${table ? ` with-table table-${tableMode}` : ''}`}>
      <PanelBoundary name="header">
        <Header />
      </PanelBoundary>
      <PanelBoundary name="kpi">
        <KpiBar />
      </PanelBoundary>
      <nav className="side" aria-label={t('panel.layers')}>
        <Tabs
          tabs={['layers', 'filters'] as const}
          value={tab}
          onChange={setTab}
          label={(id) => t(id === 'layers' ? 'panel.layers' : 'panel.filters')}
          data="tab"
        />
        <div className="side-scroll">
          <PanelBoundary name={tab} resetKey={tab}>
            {tab === 'layers' ? <LayerPanel unavailable={drawn.unavailable} /> : <FilterPanel />}
          </PanelBoundary>
        </div>
        <div className="side-legend">
          <h2 className="side-title">{t('panel.legend')}</h2>
          <PanelBoundary name="legend">
            <Legend />
          </PanelBoundary>
        </div>
      </nav>
      <main className="main">
        <PanelBoundary name="map">
          <MapView />
        </PanelBoundary>
        <PanelBoundary name="scenario">
          <ScenarioBanner />
        </PanelBoundary>
        <PanelBoundary name="plan-card">
          <SavedPlanCard />
        </PanelBoundary>
        <PanelBoundary name="playback">
          <Playback />
        </PanelBoundary>
        <PanelBoundary name="table" resetKey={tableMode} onReset={() => update({ table: false })}>
          {table &&
            (tableMode === 'priority' ? (
              <PriorityTable />
            ) : tableMode === 'plan' ? (
              <PlanPanel onSaveView={(title) => setUi({ panel: true, saving: { title } })} />
            ) : (
              <RankingTable />
            ))}
        </PanelBoundary>
      </main>
      <PanelBoundary
        name="detail"
        className="detail"
        resetKey={selected}
        onReset={() => update({ selected: null })}
      >
        {selected && <DetailPanel />}
      </PanelBoundary>
    </div>
  )
}
