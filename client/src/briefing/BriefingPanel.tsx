import { useState } from 'react'
import { useCommunes, useMeta } from '../api/hooks.ts'
import { shownPlan } from '../plans/plan-view.ts'
import { setUi, useBriefingUi } from '../state/briefing-ui.ts'
import { store } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { CloseButton } from '../ui/CloseButton.tsx'
import { liveCamera } from './apply-view.ts'
import { viewsApi } from './briefing-api.ts'
import { clearBriefingError, mutate, useBriefing } from './briefing-store.ts'
import { DeckSection } from './DeckSection.tsx'
import { ExportButtons } from './ExportButtons.tsx'
import { ViewForm } from './ViewForm.tsx'
import { ViewItem } from './ViewItem.tsx'
import { captureViewState } from './view-state.ts'
import { defaultViewTitle } from './view-title.ts'

/** The saved views and decks panel, over the right of the map. */
export function BriefingPanel({ canExport }: { canExport: boolean }) {
  const i18n = useI18n()
  const { t } = i18n
  const data = useBriefing()
  const meta = useMeta().data
  const communes = useCommunes().data
  const { saving } = useBriefingUi()
  const setSaving = (open: boolean) => {
    if (!open) return setUi({ saving: null })
    const s = store.get()
    const code = s.drill ?? s.selected?.slice(0, 5) ?? null
    const place = code
      ? (communes?.features.find((f) => f.properties.code === code)?.properties.full_name ?? null)
      : null
    setUi({
      saving: {
        title: defaultViewTitle(i18n, {
          metric: s.classification.metric,
          from: s.from ?? meta?.default_period.from ?? null,
          to: s.to ?? meta?.default_period.to ?? null,
          place,
        }),
      },
    })
  }
  const [status, setStatus] = useState('')

  const saveScreen = async (v: { title: string; subtitle: string; notes: string }) => {
    const state = captureViewState(store.get(), liveCamera(), meta?.default_period ?? null, shownPlan())
    const view = await mutate(() => viewsApi.create({ ...v, state }))
    if (view) {
      setSaving(false)
      setStatus(t('brief.saved', { title: view.title }))
    }
  }

  return (
    <aside
      id="briefing-panel"
      className="brief-panel"
      aria-label={t('brief.panelTitle')}
      data-testid="briefing-panel"
    >
      <div className="brief-head">
        <h2>{t('brief.panelTitle')}</h2>
        <CloseButton label={t('brief.close')} onClick={() => setUi({ panel: false })} />
      </div>
      <div className="brief-scroll">
        <div className="brief-row brief-actions">
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => setSaving(true)}
            disabled={saving !== null}
            data-testid="save-view"
          >
            {t('brief.saveView')}
          </button>
          {canExport && (
            <ExportButtons
              target={{ kind: 'screen' }}
              className="btn btn-small"
              mark={(format) => (format === 'png' ? { 'data-testid': 'export-screen-png' } : {})}
            />
          )}
        </div>
        {saving && (
          <ViewForm
            key={saving.title}
            initial={{ title: saving.title, subtitle: '', notes: '' }}
            submitLabel={t('brief.save')}
            onSubmit={saveScreen}
            onCancel={() => setSaving(false)}
          />
        )}
        <div className="brief-status" role="status" aria-live="polite" data-testid="briefing-status">
          {status}
        </div>
        {data.error && (
          <div className="error-text" role="alert">
            {t('brief.error', { message: data.error })}{' '}
            <button type="button" className="link" onClick={clearBriefingError}>
              {t('brief.close')}
            </button>
          </div>
        )}

        <h3 className="brief-section">{t('brief.views')}</h3>
        {data.loaded && data.views.length === 0 && <p className="hint">{t('brief.noViews')}</p>}
        <ul className="stack-list brief-views" data-testid="view-list">
          {data.views.map((v) => (
            <ViewItem key={v.id} view={v} canExport={canExport} onStatus={setStatus} />
          ))}
        </ul>

        <h3 className="brief-section">{t('brief.decks')}</h3>
        <DeckSection canExport={canExport} onStatus={setStatus} />
      </div>
    </aside>
  )
}
