import { useState } from 'react'
import { useMeta } from '../api/hooks.ts'
import { shownPlan } from '../plans/plan-view.ts'
import { setUi } from '../state/briefing-ui.ts'
import { store } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Options } from '../ui/Options.tsx'
import { applySavedView, liveCamera } from './apply-view.ts'
import { decksApi, type SavedView, viewsApi } from './briefing-api.ts'
import { mutate, useBriefing } from './briefing-store.ts'
import { DeleteButton } from './DeleteButton.tsx'
import { ExportButtons } from './ExportButtons.tsx'
import { ViewForm } from './ViewForm.tsx'
import { captureViewState } from './view-state.ts'

/** One saved view in the list, with what can be done to it. */
export function ViewItem({
  view,
  canExport,
  onStatus,
}: {
  view: SavedView
  canExport: boolean
  onStatus: (s: string) => void
}) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const meta = useMeta().data
  const { decks } = useBriefing()
  const [editing, setEditing] = useState(false)
  const when = `${fmt.date(view.updated_at.slice(0, 10))} ${view.updated_at.slice(11, 16)}`

  const updateFromScreen = async () => {
    const state = captureViewState(store.get(), liveCamera(), meta?.default_period ?? null, shownPlan())
    if (await mutate(() => viewsApi.update(view.id, { state })))
      onStatus(t('brief.updated', { title: view.title }))
  }
  const addToDeck = async (deckId: number) => {
    const deck = decks.find((d) => d.id === deckId)
    if (!deck) return
    if (await mutate(() => decksApi.update(deck.id, { view_ids: [...deck.view_ids, view.id] })))
      onStatus(t('brief.addedToDeck', { title: view.title, deck: deck.title }))
  }

  return (
    <li className="brief-view" data-view-id={view.id} data-testid="view-item">
      {editing ? (
        <ViewForm
          initial={{ title: view.title, subtitle: view.subtitle, notes: view.notes }}
          submitLabel={t('brief.save')}
          onSubmit={async (v) => {
            if (await mutate(() => viewsApi.update(view.id, v))) setEditing(false)
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <div className="brief-view-title" data-testid="view-title">
            {view.title}
          </div>
          {view.subtitle && <div className="brief-view-sub">{view.subtitle}</div>}
          <div className="brief-view-meta">{t('brief.savedBy', { who: view.updated_by, when })}</div>
          <div className="brief-row">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => applySavedView(view.state, { animate: true })}
              data-action="open"
            >
              {t('brief.openView')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setUi({ presenting: { viewIds: [view.id], title: view.title, start: 0 } })}
              data-action="present"
            >
              {t('brief.present')}
            </button>
            {canExport && (
              <ExportButtons
                target={{ kind: 'view', id: view.id }}
                className="btn btn-small"
                mark={(format) => ({ 'data-action': `export-${format}` })}
              />
            )}
          </div>
          <details className="brief-more">
            <summary>{t('brief.more')}</summary>
            <div className="brief-row">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setEditing(true)}
                data-action="edit"
              >
                {t('brief.edit')}
              </button>
              <button type="button" className="btn btn-small" onClick={updateFromScreen} data-action="update">
                {t('brief.updateView')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => mutate(() => viewsApi.duplicate(view.id))}
                data-action="duplicate"
              >
                {t('brief.duplicate')}
              </button>
              <DeleteButton
                label={t('brief.delete')}
                onDelete={() => mutate(() => viewsApi.remove(view.id))}
              />
            </div>
            {decks.length > 0 && (
              <label className="brief-add-to-deck">
                <span>{t('brief.addToDeck')}</span>
                <select
                  value=""
                  onChange={(e) => e.target.value && addToDeck(Number(e.target.value))}
                  data-action="add-to-deck"
                >
                  <option value="">…</option>
                  <Options of={decks} value={(d) => d.id} label={(d) => d.title} />
                </select>
              </label>
            )}
          </details>
        </>
      )}
    </li>
  )
}
