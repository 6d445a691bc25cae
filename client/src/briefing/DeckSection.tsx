import { type FormEvent, useEffect, useState } from 'react'
import { useI18n } from '../state/use-i18n.ts'
import { Options } from '../ui/Options.tsx'
import { decksApi } from './briefing-api.ts'
import { mutate, useBriefing } from './briefing-store.ts'
import { DeckEditor } from './DeckEditor.tsx'

/** Choosing, creating and editing decks. */
export function DeckSection({ canExport, onStatus }: { canExport: boolean; onStatus: (s: string) => void }) {
  const { t } = useI18n()
  const { decks } = useBriefing()
  const [selected, setSelected] = useState<number | null>(null)
  const [creating, setCreating] = useState(false)
  const [title, setTitle] = useState('')
  const deck = decks.find((d) => d.id === selected) ?? decks[0] ?? null
  useEffect(() => {
    if (selected !== null && !decks.some((d) => d.id === selected)) setSelected(null)
  }, [decks, selected])

  const create = async (e: FormEvent) => {
    e.preventDefault()
    if (!title.trim()) return
    const created = await mutate(() => decksApi.create(title.trim()))
    if (created) {
      setSelected(created.id)
      setCreating(false)
      setTitle('')
      onStatus(t('brief.deckCreated', { title: created.title }))
    }
  }

  return (
    <div className="brief-decks" data-testid="decks">
      <div className="brief-row">
        {decks.length > 0 && (
          <select
            aria-label={t('brief.decks')}
            value={deck?.id ?? ''}
            onChange={(e) => setSelected(Number(e.target.value))}
            data-testid="deck-select"
          >
            <Options of={decks} value={(d) => d.id} label={(d) => `${d.title} (${d.view_ids.length})`} />
          </select>
        )}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setCreating(true)}
          disabled={creating}
          data-testid="new-deck"
        >
          {t('brief.newDeck')}
        </button>
      </div>
      {creating && (
        <form className="brief-form brief-row" onSubmit={create}>
          <input
            aria-label={t('brief.deckTitle')}
            placeholder={t('brief.deckTitle')}
            value={title}
            maxLength={200}
            // biome-ignore lint/a11y/noAutofocus: opened on request, for typing the title
            autoFocus
            onChange={(e) => setTitle(e.target.value)}
            name="deck-title"
          />
          <button type="submit" className="btn btn-primary btn-small" disabled={!title.trim()}>
            {t('brief.create')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setCreating(false)}>
            {t('brief.cancel')}
          </button>
        </form>
      )}
      {decks.length === 0 && !creating && <p className="hint">{t('brief.noDecks')}</p>}
      {deck && <DeckEditor key={deck.id} deck={deck} canExport={canExport} onStatus={onStatus} />}
    </div>
  )
}
