import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useHealth, useMeta, useTaxonomies } from '../../api/hooks.ts'
import { Legend } from '../../legend/Legend.tsx'
import { mapRef } from '../../map/map-ref.ts'
import { PlanCard } from '../../plans/PlanCard.tsx'
import { useShownPlan } from '../../plans/plan-view.ts'
import { setUi } from '../../state/briefing-ui.ts'
import { useAtlas } from '../../state/store.ts'
import { useI18n } from '../../state/use-i18n.ts'
import {
  applySavedView,
  type Padding,
  rememberScreen,
  restoreScreen,
  type ScreenMemory,
} from '../apply-view.ts'
import type { SavedView } from '../briefing-api.ts'
import { useBriefing } from '../briefing-store.ts'
import { filtersInWords, periodInWords } from '../export/sheet-text.ts'
import { SpeakerNotes, useNotesWindow } from './SpeakerNotes.tsx'

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' '])
const PREV_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp'])

/** Room the slide's title bar, legend and controls take, so the saved extent fits in what is left. */
/** The map's free part of a slide: below the titles, above the controls, beside the legend (and a plan's card). */
function slidePadding(state: SavedView['state']): Padding {
  const w = window.innerWidth
  return w < 900
    ? { top: 100, bottom: 70, left: 16, right: 16 }
    : { top: 110, bottom: 76, left: state.plan ? Math.min(380, w * 0.3) : 40, right: Math.min(340, w * 0.3) }
}

/**
 * Full-screen presentation of saved views: each slide applies its view (the camera flies there), with the
 * title, subtitle and legend on screen. ←/→, ↑/↓, Page Up/Down (clickers), Space, Home/End; N toggles the
 * speaker notes, which can also go to a separate window; Esc leaves and puts the screen back as it was.
 */
export function Presenter({ viewIds, title, start }: { viewIds: number[]; title: string; start: number }) {
  const i18n = useI18n()
  const { t } = i18n
  const { views } = useBriefing()
  const slides = useMemo(
    () => viewIds.map((id) => views.find((v) => v.id === id)).filter((v): v is SavedView => Boolean(v)),
    [viewIds, views],
  )
  const [index, setIndex] = useState(() => Math.min(Math.max(start, 0), Math.max(viewIds.length - 1, 0)))
  const [showNotes, setShowNotes] = useState(false)
  const [startedAt] = useState(() => Date.now())
  const memory = useRef<ScreenMemory | null>(null)
  const notesWindow = useNotesWindow(t('brief.notesWindowTitle'))
  const demo = useHealth().data?.demo
  const meta = useMeta().data
  const tax = useTaxonomies().data
  const state = useAtlas((s) => s)
  const plan = useShownPlan()
  const slide = slides[index]
  const leave = useCallback(() => setUi({ presenting: null }), [])

  // Enter: remember the screen, hide the dashboard, go full screen (headless browsers and denied requests
  // keep the overlay, which fills the window anyway). Leave: the reverse, and the screen as it was.
  useEffect(() => {
    memory.current = rememberScreen()
    document.body.classList.add('antt-presenting')
    let entered = false
    const root = document.documentElement
    if (root.requestFullscreen && !document.fullscreenElement)
      root.requestFullscreen().then(
        () => {
          entered = true
        },
        () => undefined,
      )
    const onFullscreen = () => {
      if (entered && !document.fullscreenElement) leave()
    }
    document.addEventListener('fullscreenchange', onFullscreen)
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreen)
      document.body.classList.remove('antt-presenting')
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined)
      if (memory.current) restoreScreen(memory.current)
    }
  }, [leave])

  const slideId = slide?.id
  const shown = useRef<SavedView | undefined>(undefined)
  shown.current = slide
  // A slide is framed on the map at its full-screen size: the map takes its new size before the saved
  // extent is fitted (the first slide used to be fitted to the dashboard's smaller map, small and to the
  // upper left). The first slide jumps there; later ones fly.
  const first = useRef(true)
  // biome-ignore lint/correctness/useExhaustiveDependencies: a slide is applied when it changes, not when the list reloads
  useEffect(() => {
    if (!slide) return
    mapRef.current?.resize()
    applySavedView(slide.state, { animate: !first.current, padding: slidePadding(slide.state) })
    first.current = false
  }, [slideId])

  // Any change of the window's size (full screen entered or left, another projector) frames the slide again.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const refit = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        if (!shown.current) return
        mapRef.current?.resize()
        applySavedView(shown.current.state, { animate: false, padding: slidePadding(shown.current.state) })
      }, 120)
    }
    window.addEventListener('resize', refit)
    document.addEventListener('fullscreenchange', refit)
    return () => {
      clearTimeout(timer)
      window.removeEventListener('resize', refit)
      document.removeEventListener('fullscreenchange', refit)
    }
  }, [])

  const go = useCallback(
    (delta: number | 'first' | 'last') =>
      setIndex((i) =>
        delta === 'first'
          ? 0
          : delta === 'last'
            ? slides.length - 1
            : Math.min(Math.max(i + delta, 0), slides.length - 1),
      ),
    [slides.length],
  )

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      const onControl = target?.closest?.('button, input, textarea, select')
      if (e.key === 'Escape') leave()
      else if (NEXT_KEYS.has(e.key) && !(e.key === ' ' && onControl)) go(1)
      else if (PREV_KEYS.has(e.key)) go(-1)
      else if (e.key === 'Home') go('first')
      else if (e.key === 'End') go('last')
      else if ((e.key === 'n' || e.key === 'N') && !e.ctrlKey && !e.metaKey && !e.altKey)
        setShowNotes((s) => !s)
      else return
      e.preventDefault()
      e.stopPropagation()
    }
    window.addEventListener('keydown', onKey, true)
    const w = notesWindow.window
    w?.addEventListener('keydown', onKey, true)
    return () => {
      window.removeEventListener('keydown', onKey, true)
      w?.removeEventListener('keydown', onKey, true)
    }
  }, [go, leave, notesWindow.window])

  if (!slide) return null
  const filters = filtersInWords(i18n, state.filters, tax)
  const counter = t('brief.slideCounter', { n: index + 1, total: slides.length })
  const next = slides[index + 1]

  return (
    <section className="present-root" data-testid="presenter" aria-label={`${t('brief.present')}: ${title}`}>
      <header className="present-top">
        <div className="present-titles">
          <h1 data-testid="slide-title">{slide.title}</h1>
          {slide.subtitle && <p data-testid="slide-subtitle">{slide.subtitle}</p>}
        </div>
        {demo && <span className="present-demo">Dữ liệu minh họa / Demo data</span>}
      </header>
      <aside className="present-legend" aria-label={t('panel.legend')}>
        <Legend />
      </aside>
      {plan && (
        <aside className="present-plan">
          <PlanCard plan={plan} />
        </aside>
      )}
      {showNotes && (
        <div className="present-notes" data-testid="slide-notes">
          {slide.notes || <span className="muted">{t('brief.noNotes')}</span>}
        </div>
      )}
      <footer className="present-bottom">
        <div className="present-context">
          {t('brief.period', { range: periodInWords(i18n, state, meta) })}
          {filters.length > 0 && ` · ${t('brief.filters', { list: filters.join('; ') })}`}
        </div>
        <div className="present-controls">
          <button
            type="button"
            onClick={() => go(-1)}
            disabled={index === 0}
            aria-label={t('brief.prev')}
            title={t('brief.prev')}
          >
            ◀
          </button>
          <span className="present-counter" data-testid="slide-counter">
            {index + 1} / {slides.length}
          </span>
          <button
            type="button"
            onClick={() => go(1)}
            disabled={index === slides.length - 1}
            aria-label={t('brief.next')}
            title={t('brief.next')}
          >
            ▶
          </button>
          <button
            type="button"
            onClick={() => setShowNotes((s) => !s)}
            aria-pressed={showNotes}
            data-testid="notes-toggle"
          >
            {t('brief.notesToggle')}
          </button>
          <button type="button" onClick={notesWindow.open} data-testid="notes-window">
            {t('brief.notesWindow')}
          </button>
          <button type="button" onClick={leave} data-testid="present-exit">
            {t('brief.exit')}
          </button>
        </div>
      </footer>
      {notesWindow.blocked && <div className="present-toast">{t('brief.popupBlocked')}</div>}
      <div className="sr-only" role="status" aria-live="polite" data-testid="slide-announce">
        {`${counter}: ${slide.title}`}
      </div>
      {notesWindow.window &&
        createPortal(
          <SpeakerNotes
            slide={slide}
            next={next}
            counter={counter}
            startedAt={startedAt}
            onPrev={() => go(-1)}
            onNext={() => go(1)}
          />,
          notesWindow.window.document.body,
        )}
    </section>
  )
}
