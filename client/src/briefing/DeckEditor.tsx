import type { Deck } from '@antt/contract'
import { type DragEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import { setUi } from '../state/briefing-ui.ts'
import { useI18n } from '../state/use-i18n.ts'
import { LabelledControl } from '../ui/LabelledControl.tsx'
import { Options } from '../ui/Options.tsx'
import { decksApi } from './briefing-api.ts'
import { deckViews, mutate, useBriefing } from './briefing-store.ts'
import { DeleteButton } from './DeleteButton.tsx'
import { moveItem } from './deck-order.ts'

/**
 * The views of one deck in order. Reorder by dragging an item (HTML5 drag and drop), or by keyboard:
 * focus an item and press Alt+↑ / Alt+↓ (the move is announced); the order is saved at once.
 */
export function DeckEditor({
  deck,
  canExport,
  onStatus,
}: {
  deck: Deck
  canExport: boolean
  onStatus: (s: string) => void
}) {
  const { t } = useI18n()
  const { views } = useBriefing()
  const [order, setOrder] = useState(deck.view_ids)
  const [dragFrom, setDragFrom] = useState<number | null>(null)
  const [dropAt, setDropAt] = useState<number | null>(null)
  const [announce, setAnnounce] = useState('')
  const [title, setTitle] = useState(deck.title)
  const [adding, setAdding] = useState('')
  const items = useRef<(HTMLLIElement | null)[]>([])
  const focusAfter = useRef<number | null>(null)

  useEffect(() => setOrder(deck.view_ids), [deck.view_ids])
  useEffect(() => {
    if (focusAfter.current !== null) {
      items.current[focusAfter.current]?.focus()
      focusAfter.current = null
    }
  })

  const inDeck = deckViews({ ...deck, view_ids: order }, views)
  const ids = inDeck.map((v) => v.id)
  const save = (ids: number[]) => mutate(() => decksApi.update(deck.id, { view_ids: ids }))

  const move = (from: number, to: number) => {
    if (to < 0 || to >= ids.length || from === to) return
    const next = moveItem(ids, from, to)
    setOrder(next)
    focusAfter.current = to
    const moved = inDeck[from]
    setAnnounce(t('brief.moved', { title: moved?.title ?? '', pos: to + 1, n: next.length }))
    void save(next)
  }
  const remove = (index: number) => {
    const next = ids.filter((_, i) => i !== index)
    setOrder(next)
    void save(next)
  }
  const onKey = (e: KeyboardEvent, index: number) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return
    e.preventDefault()
    move(index, e.key === 'ArrowUp' ? index - 1 : index + 1)
  }
  const onDrop = (e: DragEvent, index: number) => {
    e.preventDefault()
    const from = dragFrom ?? Number(e.dataTransfer.getData('text/plain'))
    setDragFrom(null)
    setDropAt(null)
    if (Number.isInteger(from)) move(from, index)
  }
  const available = views.filter((v) => !ids.includes(v.id))

  return (
    <section className="brief-deck" aria-label={deck.title} data-testid="deck-editor" data-deck-id={deck.id}>
      <LabelledControl label={t('brief.deckTitle')}>
        <input
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() =>
            title.trim() &&
            title !== deck.title &&
            mutate(() => decksApi.update(deck.id, { title: title.trim() }))
          }
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          data-testid="deck-title"
        />
      </LabelledControl>
      {inDeck.length === 0 ? (
        <p className="hint">{t('brief.deckEmpty')}</p>
      ) : (
        <p className="hint" id={`deck-${deck.id}-help`}>
          {t('brief.reorderHint')}
        </p>
      )}
      <ol className="stack-list brief-deck-list" data-testid="deck-list">
        {inDeck.map((v, i) => (
          <li
            key={v.id}
            ref={(el) => {
              items.current[i] = el
            }}
            className={`brief-deck-item${dragFrom === i ? ' dragging' : ''}${dropAt === i && dragFrom !== i ? ' drop-target' : ''}`}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: an item is focused to move it with Alt+arrows
            tabIndex={0}
            draggable
            aria-describedby={`deck-${deck.id}-help`}
            aria-label={`${i + 1}. ${v.title}`}
            data-view-id={v.id}
            onKeyDown={(e) => onKey(e, i)}
            onDragStart={(e) => {
              setDragFrom(i)
              e.dataTransfer.effectAllowed = 'move'
              e.dataTransfer.setData('text/plain', String(i))
            }}
            onDragOver={(e) => {
              e.preventDefault()
              e.dataTransfer.dropEffect = 'move'
              if (dropAt !== i) setDropAt(i)
            }}
            onDragLeave={() => dropAt === i && setDropAt(null)}
            onDrop={(e) => onDrop(e, i)}
            onDragEnd={() => {
              setDragFrom(null)
              setDropAt(null)
            }}
          >
            <span className="brief-grip" aria-hidden="true">
              ⠿
            </span>
            <span className="brief-deck-n">{i + 1}</span>
            <span className="brief-deck-title">{v.title}</span>
            <span className="brief-deck-buttons">
              <ItemButton
                label={t('brief.moveUp')}
                item={v.title}
                onClick={() => move(i, i - 1)}
                disabled={i === 0}
              >
                ↑
              </ItemButton>
              <ItemButton
                label={t('brief.moveDown')}
                item={v.title}
                onClick={() => move(i, i + 1)}
                disabled={i === inDeck.length - 1}
              >
                ↓
              </ItemButton>
              <ItemButton label={t('brief.removeFromDeck')} item={v.title} onClick={() => remove(i)}>
                ✕
              </ItemButton>
            </span>
          </li>
        ))}
      </ol>
      <div className="sr-only" role="status" aria-live="assertive" data-testid="deck-announce">
        {announce}
      </div>
      {available.length > 0 && (
        <div className="brief-row">
          <select
            aria-label={t('brief.addView')}
            value={adding}
            onChange={(e) => setAdding(e.target.value)}
            data-testid="deck-add-select"
          >
            <option value="">{t('brief.addView')}</option>
            <Options of={available} value={(v) => v.id} label={(v) => v.title} />
          </select>
          <button
            type="button"
            className="btn btn-small"
            disabled={!adding}
            onClick={() => {
              const next = [...ids, Number(adding)]
              setOrder(next)
              setAdding('')
              void save(next)
            }}
            data-testid="deck-add"
          >
            {t('brief.add')}
          </button>
        </div>
      )}
      <div className="brief-row brief-deck-actions">
        <button
          type="button"
          className="btn btn-primary btn-small"
          disabled={inDeck.length === 0}
          onClick={() =>
            setUi({ presenting: { viewIds: inDeck.map((v) => v.id), title: deck.title, start: 0 } })
          }
          data-testid="deck-present"
        >
          ▶ {t('brief.present')}
        </button>
        {canExport && (
          <button
            type="button"
            className="btn btn-small"
            disabled={inDeck.length === 0}
            onClick={() => setUi({ exporting: { format: 'pdf', target: { kind: 'deck', id: deck.id } } })}
            data-testid="deck-export-pdf"
          >
            {t('brief.exportPdf')}
          </button>
        )}
        <DeleteButton
          label={t('brief.deleteDeck')}
          onDelete={async () => {
            if (await mutate(() => decksApi.remove(deck.id)))
              onStatus(t('brief.deckDeleted', { title: deck.title }))
          }}
        />
      </div>
    </section>
  )
}

/**
 * An icon button acting on one view of the deck: titled with what it does, and named with the view for
 * screen readers.
 */
function ItemButton(props: {
  label: string
  item: string
  onClick: () => void
  disabled?: boolean
  children: ReactNode
}) {
  return (
    <button
      type="button"
      className="icon-btn"
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={`${props.label}: ${props.item}`}
      title={props.label}
    >
      {props.children}
    </button>
  )
}
