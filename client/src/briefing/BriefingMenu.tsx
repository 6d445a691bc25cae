import './briefing.css'
import { lazy, Suspense, useEffect, useState } from 'react'
import { createPortal } from 'react-dom'
import { loadSession, may, type SessionUser } from '../api/client.ts'
import { setUi, useBriefingUi } from '../state/briefing-ui.ts'
import { useI18n } from '../state/use-i18n.ts'
import { BriefingPanel } from './BriefingPanel.tsx'
import { reloadBriefing } from './briefing-store.ts'
import { ExportButtons } from './ExportButtons.tsx'
import { LiveSnapshotBridge } from './live-snapshot.tsx'
import { Presenter } from './present/Presenter.tsx'

// pdf-lib and fontkit load only for people who may export, once the dashboard has settled.
const loadExportDialog = () => import('./export/ExportDialog.tsx')
const ExportDialog = lazy(() => loadExportDialog().then((m) => ({ default: m.ExportDialog })))

/**
 * The briefing entry in the header: saved views and decks (manage_views), exports (export), and the
 * presentation, drawn over the dashboard.
 */
export function BriefingMenu() {
  const { t } = useI18n()
  // undefined until the session is known; null when the API runs without accounts
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined)
  const ui = useBriefingUi()
  useEffect(() => {
    loadSession().then((u) => {
      setUser(u)
      if (may(u, 'manage_views')) void reloadBriefing()
      if (may(u, 'export')) setTimeout(() => void loadExportDialog().catch(() => undefined), 4000)
    })
  }, [])
  if (user === undefined) return <LiveSnapshotBridge />
  const views = may(user, 'manage_views')
  const exports = may(user, 'export')
  return (
    <>
      <LiveSnapshotBridge />
      {views && (
        <button
          type="button"
          className={`btn${ui.panel ? ' btn-on' : ''}`}
          aria-expanded={ui.panel}
          aria-controls="briefing-panel"
          onClick={() => setUi({ panel: !ui.panel })}
          data-testid="briefing-open"
        >
          {t('brief.open')}
        </button>
      )}
      {!views && exports && (
        <ExportButtons
          target={{ kind: 'screen' }}
          className="btn"
          mark={(format) => ({ 'data-testid': `export-${format}` })}
        />
      )}
      {views &&
        ui.panel &&
        !ui.presenting &&
        createPortal(<BriefingPanel canExport={exports} />, document.body)}
      {ui.exporting &&
        createPortal(
          <Suspense fallback={null}>
            <ExportDialog request={ui.exporting} username={user?.username ?? null} />
          </Suspense>,
          document.body,
        )}
      {ui.presenting && createPortal(<Presenter {...ui.presenting} />, document.body)}
    </>
  )
}
