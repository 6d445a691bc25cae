import type { MetricsResult, Taxonomies } from '@antt/contract'
import type { I18n } from '../i18n/index.ts'
import type { ClassScale } from '../map/class-scale.ts'
import { AREA_CLASS_COLORS, BORDER_FEATURE_COLORS, COMMUNE_2008_LINE } from '../map/colors.ts'
import { OUTLINED_CLASSES } from '../map/layers/area-classes.ts'
import { HEAT_RANGE } from '../map/layers/incident-density.ts'
import { formatMetricValue, metricUnit } from '../metrics/format-metric.ts'
import { smallNumbers } from '../metrics/small-numbers.ts'
import type { StandardModel } from '../standard/standard-model.ts'
import { standardClassLabel } from '../standard/standard-text.ts'
import { analysisLevel } from '../state/atlas-state.ts'
import { type AnalyticsDrawn, analyticsBlocks } from './analytics-blocks.ts'
import { formatSigma, intervalLabels, noDataLabel } from './class-labels.ts'
import {
  classRow,
  css,
  type LegendBlock,
  type LegendRow,
  type LegendState,
  noDataRow,
} from './legend-block.ts'

/** What the map drew, besides the state: the inputs of the legend. */
export interface LegendSources {
  /** the thematic map's classes over the mapped units */
  scale: ClassScale | null
  /** the mapped rows (small-number marks) */
  metrics: MetricsResult | undefined
  /** the standard-set layer's classes, while it is on */
  standard: StandardModel | null
  /** the hexagon classes of the incident density, as last drawn */
  hex: { breaks: number[]; colors: string[] }
  taxonomies: Taxonomies | undefined
  typeColors: ReadonlyMap<string, string>
  analytics: AnalyticsDrawn
}

export interface LegendInput extends LegendSources {
  state: LegendState
  i18n: I18n
}

/**
 * The legend of the map as it is drawn: one block per visible layer, the thematic map with its classes and
 * counts first, the basemap last. The dashboard's legend (legend/Legend.tsx) and the exported sheet
 * (briefing/export/legend-draw.ts) both draw these blocks, so the two cannot disagree.
 */
export function legendModel(input: LegendInput): LegendBlock[] {
  const { state, i18n } = input
  const { layers } = state
  const blocks: LegendBlock[] = []
  if (layers.choropleth.on && input.scale) blocks.push(choroplethBlock(input, input.scale))
  blocks.push(...analyticsBlocks(i18n, state, input.analytics))
  if (layers.standard.on && input.standard) blocks.push(standardBlock(input, input.standard))
  if (layers.incidents.on) blocks.push(incidentsBlock(input))
  if (layers.models.on) blocks.push(modelsBlock(input))
  if (layers.area_classes.on) blocks.push(areaClassesBlock(input))
  if (layers.border_features.on) blocks.push(borderFeaturesBlock(i18n))
  blocks.push(baseBlock(i18n, state))
  return blocks
}

function choroplethBlock({ state, i18n, metrics }: LegendInput, scale: ClassScale): LegendBlock {
  const { t, fmt } = i18n
  const { classification: c, level } = state
  const value = (v: number) => formatMetricValue(i18n, c.metric, v, 2)
  const labels = intervalLabels(scale, value, (z) => formatSigma(z, fmt.number))
  const total = scale.counts.reduce((a, b) => a + b, 0) + scale.noData
  const small = smallNumbers(metrics, c.metric)
  const method = [
    t('legend.method', { method: t(`method.short.${scale.method}`), k: scale.breaks.length }),
    ...(scale.locked ? [t('legend.locked')] : []),
    t(`level.${level}`),
  ].join(' · ')
  const notes = [method]
  if (scale.sigma) notes.push(t('legend.sigma', { mean: value(scale.sigma.mean), sd: value(scale.sigma.sd) }))
  if (!scale.locked && c.method !== 'manual' && scale.breaks.length < c.k)
    notes.push(
      t(scale.method === 'stddev' ? 'legend.fewerClassesRange' : 'legend.fewerClasses', {
        n: scale.breaks.length,
        k: c.k,
      }),
    )
  const rows = [...scale.breaks.keys()]
    .reverse()
    .map((i) => classRow(String(i), scale.colors[i], labels[i], scale.counts[i], i18n))
  rows.push(noDataRow(noDataLabel(i18n, scale), scale.noData, i18n))
  if (small)
    rows.push({
      id: 'small-numbers',
      // the map's mark (map/layers/small-numbers.ts): a dark dot in a white ring
      swatch: { kind: 'dot', color: '#37474f', stroke: '#ffffff', strokeWidth: 1.5, size: 0.7 },
      label: t('legend.smallNumbers', {
        count: fmt.integer(small.minCount),
        population: fmt.integer(small.minPopulation),
      }),
      count: { value: small.count, text: fmt.integer(small.count), mark: true },
    })
  const unit = metricUnit(i18n, c.metric)
  return {
    layer: 'choropleth',
    title: t(`metric.${c.metric}`),
    unit: unit || undefined,
    notes,
    locked: scale.locked,
    countHeader: t('legend.count'),
    rows,
    footer: t('legend.units', { n: fmt.integer(total) }),
  }
}

function standardBlock({ state, i18n }: LegendInput, standard: StandardModel): LegendBlock {
  const { t, fmt } = i18n
  const { level } = state
  const shown = standard.classes.reduce((a, cls) => a + cls.count, 0) + standard.none
  return {
    layer: 'standard',
    title: t('layer.standard'),
    notes: [
      `${t(level === 'village' ? 'standard.noteVillage' : 'standard.noteCommune')} · ${t(`level.${analysisLevel(level)}`)}`,
    ],
    countHeader: t('legend.count'),
    rows: [
      ...standard.classes.map((cls) =>
        classRow(cls.id, cls.color, standardClassLabel(i18n, cls.id), cls.count, i18n),
      ),
      { ...noDataRow(t('standard.noneApplies'), standard.none, i18n), id: 'none' },
    ],
    footer: t('legend.units', { n: fmt.integer(shown) }),
  }
}

function incidentsBlock({ state, i18n, hex }: LegendInput): LegendBlock {
  const { t, fmt } = i18n
  const isHex = state.density === 'hex' && hex.breaks.length > 0
  const labels = intervalLabels({ breaks: hex.breaks, min: null }, (v) => fmt.integer(v))
  return {
    layer: 'incidents',
    title: state.density === 'hex' ? t('density.legendHex') : t('density.legendHeat'),
    notes: [],
    rows: isHex
      ? [...hex.breaks.keys()].reverse().map((i) => ({
          id: String(i),
          swatch: { kind: 'fill' as const, color: hex.colors[i], stroke: 'rgba(0,0,0,0.25)' },
          label: labels[i],
        }))
      : [
          {
            id: 'heat',
            swatch: {
              kind: 'ramp',
              // the faintest end of the heat map is nearly transparent: shown at 60/255 so it can be seen
              colors: HEAT_RANGE.map((c) => css([c[0], c[1], c[2], Math.max(c[3], 60)])),
              low: t('density.low'),
              high: t('density.high'),
            },
            label: '',
          },
        ],
    footer: isHex ? t('density.suppressed', { n: 3 }) : undefined,
  }
}

function modelsBlock({ i18n, taxonomies, typeColors }: LegendInput): LegendBlock {
  const { t } = i18n
  return {
    layer: 'models',
    title: t('legend.modelsByType'),
    notes: [],
    rows: [
      ...(taxonomies?.model_types ?? []).map((m) => ({
        id: m.code,
        swatch: { kind: 'dot' as const, color: typeColors.get(m.code) ?? '#888888', stroke: '#ffffff' },
        label: i18n.name(m),
      })),
      // the rings and fills of map/layers/security-models.ts
      {
        id: 'weak',
        swatch: { kind: 'dot', color: '#dddddd', stroke: '#e66101', strokeWidth: 2 },
        label: t('status.weak'),
      },
      {
        id: 'overdue',
        swatch: { kind: 'dot', color: '#dddddd', stroke: '#8c0000', strokeWidth: 2 },
        label: t('legend.overdue'),
      },
      {
        id: 'dissolved',
        swatch: { kind: 'dot', color: 'rgba(120,120,120,0.45)', stroke: '#787878' },
        label: t('status.dissolved'),
      },
      {
        id: 'camera-radius',
        swatch: { kind: 'dot', color: 'rgba(33,102,172,0.16)', stroke: 'rgba(33,102,172,0.6)', size: 1.35 },
        label: t('legend.cameraRadius', { r: 500 }),
      },
    ],
  }
}

function areaClassesBlock({ i18n, taxonomies }: LegendInput): LegendBlock {
  return {
    layer: 'area_classes',
    title: i18n.t('layer.area_classes'),
    notes: [],
    rows: OUTLINED_CLASSES.map((cls) => ({
      id: cls,
      swatch: { kind: 'line' as const, color: AREA_CLASS_COLORS[cls], width: 2.5 },
      label: i18n.name(
        taxonomies?.area_classes.find((a) => a.code === cls),
        cls,
      ),
    })),
  }
}

function borderFeaturesBlock({ t }: I18n): LegendBlock {
  const symbol = (shape: 'square' | 'diamond' | 'triangle' | 'flag', color: string) => ({
    kind: 'symbol' as const,
    shape,
    color,
  })
  return {
    layer: 'border_features',
    title: t('layer.border_features'),
    notes: [],
    rows: [
      {
        id: 'gate',
        swatch: symbol('square', BORDER_FEATURE_COLORS.gate_international),
        label: t('legend.gate'),
      },
      {
        id: 'opening',
        swatch: symbol('diamond', BORDER_FEATURE_COLORS.opening),
        label: t('legend.opening'),
      },
      {
        id: 'marker',
        swatch: symbol('triangle', BORDER_FEATURE_COLORS.marker),
        label: t('legend.marker'),
      },
      { id: 'post', swatch: symbol('flag', BORDER_FEATURE_COLORS.post), label: t('legend.post') },
    ],
  }
}

/** The basemap (map/basemap-style.ts) and the line layers over it. */
function baseBlock({ t }: I18n, { layers }: LegendState): LegendBlock {
  const rows: LegendRow[] = []
  if (layers.border_line.on)
    rows.push({
      id: 'border_line',
      swatch: { kind: 'line', color: '#b71c1c', width: 2.5, dash: true },
      label: t('legend.borderLine'),
    })
  if (layers.communes_2008.on)
    rows.push({
      id: 'communes_2008',
      swatch: { kind: 'line', color: css(COMMUNE_2008_LINE), width: 2 },
      label: t('legend.communes2008'),
    })
  if (layers.border_belt.on)
    rows.push({
      id: 'border_belt',
      swatch: { kind: 'fill', color: 'rgba(198,40,40,0.25)', stroke: 'rgba(198,40,40,0.7)' },
      label: t('legend.borderBelt'),
    })
  rows.push(
    { id: 'province', swatch: { kind: 'line', color: '#263238', width: 2 }, label: t('legend.province') },
    { id: 'commune', swatch: { kind: 'line', color: '#5f6b76', width: 0.8 }, label: t('legend.commune') },
    {
      id: 'neighbour',
      swatch: { kind: 'fill', color: '#d9dde2', stroke: 'rgba(0,0,0,0.2)' },
      label: t('legend.neighbour'),
    },
  )
  return { layer: 'base', title: '', notes: [], rows }
}
