import { useEffect, useRef, useState } from 'react'
import { useMay } from '../api/client.ts'
import { setUi } from '../state/briefing-ui.ts'
import {
  COVERAGE_COMPONENTS,
  defaultWeights,
  isDefaultWeights,
  MAX_WEIGHT,
  NEED_COMPONENTS,
  type PriorityComponent,
  type PriorityWeights,
  weightShares,
  weightsViewTitle,
} from '../state/priority-weights.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { COMPONENT_COLORS } from './analytics-colors.ts'

/** Time the sliders rest before the new weights are sent (one request per adjustment, not per pixel). */
const COMMIT_MS = 350

function commit(w: PriorityWeights) {
  update((s) => ({ analytics: { ...s.analytics, weights: isDefaultWeights(w) ? null : w } }))
}

/**
 * One slider per part of the priority score, grouped into need and lack of coverage, each with its share of
 * the total after normalising; the swatches are the colours of the contribution bars. The weights live in
 * the address, so a link restores them.
 */
export function WeightsEditor() {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const canSave = useMay('manage_views') ?? false
  const saved = useAtlas((s) => s.analytics.weights)
  const [draft, setDraft] = useState<PriorityWeights>(saved ?? defaultWeights())
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  // The address changed from outside (back button, saved view): show its weights.
  useEffect(() => {
    clearTimeout(timer.current)
    setDraft(saved ?? defaultWeights())
  }, [saved])
  useEffect(() => () => clearTimeout(timer.current), [])
  const shares = weightShares(draft)
  const allZero = Object.values(draft).every((v) => v === 0)

  const change = (k: PriorityComponent, v: number) => {
    const next = { ...draft, [k]: v }
    setDraft(next)
    clearTimeout(timer.current)
    if (Object.values(next).some((x) => x > 0)) timer.current = setTimeout(() => commit(next), COMMIT_MS)
  }

  const group = (title: string, keys: readonly PriorityComponent[]) => (
    <div className="weights-group">
      <div className="weights-group-head">
        <span>{title}</span>
        <span className="weights-share">
          {fmt.percent(
            keys.reduce((s, k) => s + shares[k], 0),
            0,
          )}
        </span>
      </div>
      {keys.map((k) => (
        <label key={k} className="weight-row" data-weight={k}>
          <span className="swatch swatch-small" style={{ background: COMPONENT_COLORS[k] }} />
          <span className="weight-name" title={t(`component.${k}`)}>
            {t(`component.${k}`)}
          </span>
          <input
            type="range"
            min={0}
            max={MAX_WEIGHT}
            step={0.05}
            value={draft[k]}
            aria-label={t(`component.${k}`)}
            aria-valuetext={fmt.percent(shares[k], 0)}
            onChange={(e) => change(k, Number(e.target.value))}
          />
          <span className="weight-share" data-share={shares[k]}>
            {fmt.percent(shares[k], 0)}
          </span>
        </label>
      ))}
    </div>
  )

  return (
    <aside
      id="weights-editor"
      className="weights-editor"
      data-testid="weights-editor"
      aria-label={t('priority.weights')}
    >
      <div className="weights-head">
        <h3>{t('priority.weights')}</h3>
        <button
          type="button"
          className="btn btn-small"
          data-testid="weights-reset"
          disabled={isDefaultWeights(draft)}
          onClick={() => {
            clearTimeout(timer.current)
            setDraft(defaultWeights())
            commit(defaultWeights())
          }}
        >
          {t('priority.reset')}
        </button>
      </div>
      {group(t('priority.need'), NEED_COMPONENTS)}
      {group(t('priority.gap'), COVERAGE_COMPONENTS)}
      {allZero ? (
        <div className="error-text">{t('priority.allZero')}</div>
      ) : (
        <div className="hint">{t('priority.weightsHint')}</div>
      )}
      {canSave && !allZero && (
        <button
          type="button"
          className="btn btn-small weights-keep"
          data-testid="weights-keep"
          title={t('priority.keepHint')}
          onClick={() => {
            clearTimeout(timer.current)
            commit(draft)
            setUi({ panel: true, saving: { title: weightsViewTitle(i18n, draft) } })
          }}
        >
          {t('priority.keep')}
        </button>
      )}
    </aside>
  )
}
