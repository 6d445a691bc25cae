import { startTransition, useEffect, useState } from 'react'
import { getJson } from '../api/client.ts'
import { metricsUrl, useMapMetrics, useScenarioId } from '../api/hooks.ts'
import { useClassScale } from '../map/use-class-scale.ts'
import type { Classification } from '../state/atlas-state.ts'
import { store, update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { CloseButton } from '../ui/CloseButton.tsx'
import { isSingleMonth, lastMonths, monthEnd, monthsBetween } from './period.ts'
import { usePeriod } from './use-period.ts'

/** Time a frame stays on screen once its data has arrived. */
const FRAME_MS = 1200
/** Frames fetched ahead of the one shown. */
const PREFETCH = 2

interface Run {
  months: string[]
  /** what the playback changed, put back when it is closed */
  before: { from: string | null; to: string | null; classification: Classification }
}

/**
 * Month-by-month playback on the map. A run steps through the months of the period in force when it
 * starts (not from the first month of the data), with the map's classes locked for the whole run so the
 * colours stay comparable between frames; the next frames are fetched ahead, a frame only advances once
 * its data are there, and each step is a transition, so input is never blocked. Closing restores the
 * period and the classification.
 */
export function Playback() {
  const { t, fmt } = useI18n()
  const p = usePeriod()
  const c = useAtlas((s) => s.classification)
  const metrics = useMapMetrics()
  const scenario = useScenarioId()
  const [run, setRun] = useState<Run | null>(null)
  // the classes to lock when a run starts; not recomputed while it runs
  const scale = useClassScale(run ? undefined : metrics.data?.rows, c)
  const [playing, setPlaying] = useState(false)

  const single = p ? isSingleMonth(p.from, p.to) : false
  const months = run?.months ?? (p ? periodMonths(p.from, p.to, p.range.from) : [])
  const index = p && single ? months.indexOf(p.from.slice(0, 7)) : -1

  const show = (i: number) => {
    const m = months[(i + months.length) % months.length]
    if (m) startTransition(() => update({ from: `${m}-01`, to: monthEnd(m) }))
  }

  const begin = (): boolean => {
    if (run || !p || !months.length) return Boolean(run)
    const s = store.get()
    setRun({ months, before: { from: s.from, to: s.to, classification: s.classification } })
    // the classes of the whole period, kept for every frame
    if (!c.locked && c.method !== 'manual' && scale?.breaks.length)
      update({ classification: { ...c, locked: true, breaks: scale.breaks } })
    return true
  }

  const close = () => {
    setPlaying(false)
    if (run) update({ ...run.before })
    setRun(null)
  }

  // Next frame once this one has drawn its data; the frames after it are fetched meanwhile.
  // biome-ignore lint/correctness/useExhaustiveDependencies: steps on the frame shown and its loading state
  useEffect(() => {
    if (!playing || !run || metrics.loading) return
    const s = store.get()
    for (let k = 1; k <= PREFETCH; k++) {
      const m = months[(index + k) % months.length]
      const period = { from: `${m}-01`, to: monthEnd(m), filters: s.filters, scenario }
      void getJson(metricsUrl(s.level, period, s.level === 'village' ? s.drill : null)).catch(() => {})
      void getJson(metricsUrl('commune', period)).catch(() => {})
    }
    const timer = setTimeout(() => show(index + 1), FRAME_MS)
    return () => clearTimeout(timer)
  }, [playing, run, index, metrics.loading])

  if (!p || months.length < 2) return null
  return (
    <div className={`playback${run ? ' on' : ''}`} data-testid="playback">
      <button
        type="button"
        className="btn btn-small btn-play"
        onClick={() => {
          if (playing) return setPlaying(false)
          begin()
          if (index < 0) show(0)
          setPlaying(true)
        }}
        aria-pressed={playing}
        data-testid="playback-play"
        title={t('period.playTitle')}
      >
        {playing ? `❚❚ ${t('period.pause')}` : `▶ ${t('period.play')}`}
      </button>
      {run && (
        <input
          type="range"
          min={0}
          max={months.length - 1}
          value={Math.max(0, index)}
          aria-label={t('period.month')}
          onChange={(e) => {
            setPlaying(false)
            show(Number(e.target.value))
          }}
        />
      )}
      <span className="playback-month" data-testid="playback-month">
        {run && index >= 0 ? fmt.month(months[index]) : t('period.byMonth')}
      </span>
      {run && (
        <>
          {c.locked && <span className="playback-lock">{t('period.classesLocked')}</span>}
          <CloseButton label={t('period.playClose')} onClick={close} testId="playback-close" />
        </>
      )}
    </div>
  )
}

/** The months of the period shown; for a single month, the twelve months ending with it. */
function periodMonths(from: string, to: string, dataFrom: string): string[] {
  if (!isSingleMonth(from, to)) return monthsBetween(from, to)
  const year = lastMonths(to, 12)
  return monthsBetween(year.from < dataFrom ? dataFrom : year.from, to)
}
