import { useCallback, useEffect, useState } from 'react'
import { useI18n } from '../../state/use-i18n.ts'
import type { SavedView } from '../briefing-api.ts'

/**
 * A separate window for the speaker's notes (for a second screen). It is opened blank, so it shares this
 * page's origin; the presenter renders into it through a portal and copies in the page's style sheets
 * (the bundled font included). Nothing is loaded from anywhere.
 */
export function useNotesWindow(title: string) {
  const [win, setWin] = useState<Window | null>(null)
  const [blocked, setBlocked] = useState(false)
  const open = useCallback(() => {
    if (win && !win.closed) {
      win.focus()
      return
    }
    const w = window.open('', 'antt-speaker-notes', 'popup,width=760,height=560')
    if (!w) {
      setBlocked(true)
      return
    }
    setBlocked(false)
    w.document.title = title
    w.document.documentElement.lang = document.documentElement.lang
    for (const node of document.querySelectorAll('link[rel="stylesheet"], style'))
      w.document.head.appendChild(w.document.importNode(node, true))
    w.document.body.className = 'notes-window-body'
    w.document.body.replaceChildren()
    w.addEventListener('pagehide', () => setWin(null))
    setWin(w)
  }, [win, title])
  // The window goes when the presentation ends.
  useEffect(() => () => win?.close(), [win])
  return { window: win, open, blocked }
}

function useClock(startedAt: number) {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(id)
  }, [])
  const s = Math.floor((now - startedAt) / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

export function SpeakerNotes({
  slide,
  next,
  counter,
  startedAt,
  onPrev,
  onNext,
}: {
  slide: SavedView
  next: SavedView | undefined
  counter: string
  startedAt: number
  onPrev: () => void
  onNext: () => void
}) {
  const { t } = useI18n()
  const elapsed = useClock(startedAt)
  return (
    <main className="notes-window" data-testid="notes-window-content">
      <div className="notes-head">
        <span className="notes-counter">{counter}</span>
        <span className="notes-clock" title={t('brief.elapsed')}>
          ⏱ {elapsed}
        </span>
      </div>
      <h1>{slide.title}</h1>
      {slide.subtitle && <p className="notes-sub">{slide.subtitle}</p>}
      <div className="notes-text">{slide.notes || <span className="muted">{t('brief.noNotes')}</span>}</div>
      <div className="notes-next">
        {next ? t('brief.upNext', { title: next.title }) : t('brief.lastSlide')}
      </div>
      <div className="notes-buttons">
        <button type="button" className="btn" onClick={onPrev}>
          ◀ {t('brief.prev')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onNext} disabled={!next}>
          {t('brief.next')} ▶
        </button>
      </div>
    </main>
  )
}
