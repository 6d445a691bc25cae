import { type ClassMethod, PALETTE_NAMES, type PaletteName } from '@antt/analysis'
import type { Meta } from '@antt/contract'
import { useState } from 'react'
import { BivariateOptions, ChangeOptions, HotspotOptions } from '../analytics/AnalyticsOptions.tsx'
import { withLayer } from '../analytics/fill-layers.ts'
import { useMay } from '../api/client.ts'
import { useMapMetrics, useMeta, useNational } from '../api/hooks.ts'
import { parseBreaks } from '../map/class-scale.ts'
import { useClassScale } from '../map/use-class-scale.ts'
import { type MetricName, metricsForLevel } from '../metrics/catalog.ts'
import { FILL_LAYERS, type LayerId } from '../state/atlas-state.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { LabelledControl } from '../ui/LabelledControl.tsx'
import { LevelSwitch } from '../ui/LevelSwitch.tsx'
import { Options } from '../ui/Options.tsx'
import { Segmented } from '../ui/Segmented.tsx'

const METHODS: ClassMethod[] = ['quantile', 'equal', 'jenks', 'stddev', 'manual']

/** The panel lists thematic layers first (the drawing order is LAYER_IDS). */
const PANEL_ORDER: LayerId[] = [
  ...FILL_LAYERS,
  'incidents',
  'models',
  'border_belt',
  'border_line',
  'border_features',
  'area_classes',
  'communes_2008',
  'labels',
]

function setLayer(id: LayerId, patch: Partial<{ on: boolean; opacity: number }>) {
  update((s) => ({ layers: withLayer(s.layers, id, patch) }))
}

/** The slider says how see-through a layer is (0 % opaque), the word the interface uses ("Độ trong suốt"). */
const transparency = (opacity: number) => Math.round((1 - opacity) * 100)

/** Layers top to bottom as drawn, each with on/off and opacity; options of the thematic layers below them. */
export function LayerPanel({ unavailable }: { unavailable: ReadonlySet<string> }) {
  const { t } = useI18n()
  const layers = useAtlas((s) => s.layers)
  // individual models are records: not offered to aggregate-only roles
  const records = useMay('read_records')
  // optional boundary layers the set-up could not have (e.g. the 2008 communes): said, with how to supply them
  const missing = useMeta().data?.missing_layers ?? []
  return (
    <div className="layer-list">
      {PANEL_ORDER.filter((id) => id !== 'models' || records).map((id) => (
        <div key={id} className={`layer-row${layers[id].on ? ' on' : ''}`} data-layer={id}>
          <label className="layer-toggle">
            <input
              type="checkbox"
              checked={layers[id].on}
              onChange={(e) => setLayer(id, { on: e.target.checked })}
            />
            <span>{t(`layer.${id}`)}</span>
          </label>
          {layers[id].on && (
            <LayerNote missing={missing.find((m) => m.id === id)} unavailable={unavailable.has(id)} />
          )}
          {layers[id].on && (
            <label className="opacity" title={t('panel.opacity')}>
              <span className="opacity-label">{t('panel.opacityShort')}</span>
              <input
                type="range"
                min={0}
                max={100}
                step={5}
                value={transparency(layers[id].opacity)}
                onChange={(e) => setLayer(id, { opacity: 1 - Number(e.target.value) / 100 })}
              />
              <span className="opacity-value">{transparency(layers[id].opacity)}%</span>
            </label>
          )}
          {id === 'choropleth' && layers.choropleth.on && <ChoroplethOptions />}
          {id === 'incidents' && layers.incidents.on && <DensityOptions />}
          {id === 'hotspots' && layers.hotspots.on && <HotspotOptions />}
          {id === 'bivariate' && layers.bivariate.on && <BivariateOptions />}
          {id === 'change' && layers.change.on && <ChangeOptions />}
        </div>
      ))}
    </div>
  )
}

/** Why a layer that is on draws nothing: its boundary file was never loaded, or the API did not answer. */
function LayerNote({
  missing,
  unavailable,
}: {
  missing?: Meta['missing_layers'][number]
  unavailable: boolean
}) {
  const { t } = useI18n()
  if (missing)
    return (
      <div className="layer-note" role="note" title={`${missing.path}: ${missing.hint}`}>
        {t('panel.layerMissing')}
      </div>
    )
  return unavailable ? <div className="layer-note">{t('panel.unavailable')}</div> : null
}

function DensityOptions() {
  const { t } = useI18n()
  const density = useAtlas((s) => s.density)
  return (
    <Segmented
      choices={['hex', 'heatmap'] as const}
      value={density}
      onChange={(m) => update({ density: m })}
      label={(m) => t(`density.${m}`)}
      title={t('density.mode')}
      className="layer-options segmented"
    />
  )
}

function ChoroplethOptions() {
  const i18n = useI18n()
  const { t, fmt, lang } = i18n
  const level = useAtlas((s) => s.level)
  const national = useNational()
  const c = useAtlas((s) => s.classification)
  const rows = useMapMetrics().data?.rows
  const scale = useClassScale(rows, c)
  const [manualText, setManualText] = useState<string | null>(null)
  const [manualError, setManualError] = useState(false)
  const setC = (patch: Partial<typeof c>) =>
    update((s) => ({ classification: { ...s.classification, ...patch } }))
  const breaksText = (scale?.breaks ?? []).map((b) => fmt.number(b, 4).replace(/\s/g, '')).join('; ')
  return (
    <div className="layer-options">
      <LevelSwitch levels={national ? ['province', 'commune', 'village'] : ['commune', 'village']} />
      <LabelledControl label={t('choropleth.metric')}>
        <select
          value={c.metric}
          data-testid="metric-select"
          onChange={(e) => {
            const metric = e.target.value as MetricName
            update((s) => ({
              classification: {
                ...s.classification,
                metric,
                breaks: null,
                locked: false,
                method: s.classification.method === 'manual' ? 'quantile' : s.classification.method,
              },
              sort: { key: metric, asc: false },
            }))
          }}
        >
          <Options of={metricsForLevel(level)} label={(m) => t(`metric.${m}`)} />
        </select>
      </LabelledControl>
      <div className="field-row">
        <LabelledControl label={t('choropleth.method')} grow>
          <select
            value={c.method}
            data-testid="method-select"
            onChange={(e) => {
              const method = e.target.value as ClassMethod
              if (method === 'manual') {
                setC({ method, breaks: scale?.breaks ?? null, locked: false })
                setManualText(breaksText)
              } else setC({ method, breaks: c.locked ? c.breaks : null })
            }}
          >
            <Options of={METHODS} label={(m) => t(`method.${m}`)} />
          </select>
        </LabelledControl>
        <LabelledControl label={t('choropleth.classes')}>
          <select
            value={c.k}
            disabled={c.method === 'manual' || c.locked}
            onChange={(e) => setC({ k: Number(e.target.value) })}
          >
            <Options of={[3, 4, 5, 6, 7, 8, 9]} label={(k) => k} />
          </select>
        </LabelledControl>
      </div>
      {c.method === 'manual' && (
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault()
            const parsed = parseBreaks(manualText ?? breaksText, lang)
            setManualError(!parsed)
            if (parsed) setC({ breaks: parsed })
          }}
        >
          <span className="field-label">{t('choropleth.manualBreaks')}</span>
          <div className="field-row">
            <input
              className="grow"
              value={manualText ?? breaksText}
              onChange={(e) => setManualText(e.target.value)}
            />
            <button type="submit" className="btn btn-small">
              {t('choropleth.apply')}
            </button>
          </div>
          {manualError && <div className="error-text">{t('choropleth.invalidBreaks')}</div>}
        </form>
      )}
      <LabelledControl label={t('choropleth.palette')}>
        <select
          value={c.palette ?? ''}
          onChange={(e) => setC({ palette: (e.target.value || null) as PaletteName | null })}
        >
          <option value="">{t('choropleth.paletteAuto')}</option>
          <Options of={PALETTE_NAMES} label={(p) => p} />
        </select>
      </LabelledControl>
      {c.method !== 'manual' && (
        <label className="check" title={t('choropleth.lockHint')}>
          <input
            type="checkbox"
            checked={c.locked}
            data-testid="lock-breaks"
            onChange={(e) =>
              setC(
                e.target.checked
                  ? { locked: true, breaks: scale?.breaks ?? null }
                  : { locked: false, breaks: null },
              )
            }
          />
          <span>{t('choropleth.lock')}</span>
        </label>
      )}
    </div>
  )
}
