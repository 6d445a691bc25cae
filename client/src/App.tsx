import { useEffect, useState } from 'react'
import { PriorityTable } from './analytics/PriorityTable.tsx'
import { useI18n } from './i18n/use-i18n.ts'
import { MapView } from './map/MapView.tsx'
import { DetailPanel } from './panels/DetailPanel.tsx'
import { FilterPanel } from './panels/FilterPanel.tsx'
import { Header } from './panels/Header.tsx'
import { KpiBar } from './panels/KpiBar.tsx'
import { LayerPanel } from './panels/LayerPanel.tsx'
import { Legend } from './panels/Legend.tsx'
import { RankingTable } from './panels/RankingTable.tsx'
import { useLegendData } from './panels/use-legend-data.ts'
import { useAtlas } from './state/store.ts'

export function App() {
  const { t, lang } = useI18n()
  const selected = useAtlas((s) => s.selected)
  const table = useAtlas((s) => s.table)
  const tableMode = useAtlas((s) => s.analytics.table)
  const [tab, setTab] = useState<'layers' | 'filters'>('layers')
  const legend = useLegendData()

  useEffect(() => {
    document.documentElement.lang = lang
    document.title = `${t('app.name')} · ${t('app.subtitle')}`
  }, [lang, t])

  return (
    <div className={`app${selected ? ' with-detail' : ''}${table ? ' with-table' : ''}`}>
      <Header />
      <KpiBar />
      <nav className="side" aria-label={t('panel.layers')}>
        <div className="tabs" role="tablist">
          {(['layers', 'filters'] as const).map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className={tab === id ? 'on' : ''}
              onClick={() => setTab(id)}
              data-tab={id}
            >
              {t(id === 'layers' ? 'panel.layers' : 'panel.filters')}
            </button>
          ))}
        </div>
        <div className="side-scroll">
          {tab === 'layers' ? <LayerPanel unavailable={legend.unavailable} /> : <FilterPanel />}
        </div>
        <div className="side-legend">
          <h2 className="side-title">{t('panel.legend')}</h2>
          <Legend hexBreaks={legend.hexBreaks} hexColors={legend.hexColors} />
        </div>
      </nav>
      <main className="main">
        <MapView />
        {table && (tableMode === 'priority' ? <PriorityTable /> : <RankingTable />)}
      </main>
      {selected && <DetailPanel />}
    </div>
  )
}
