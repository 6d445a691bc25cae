import type { MetricsResult, Taxonomies } from '@antt/contract'
import { analyticsLegendBlocks } from '../../analytics/export-legend.ts'
import type { I18n } from '../../i18n/index.ts'
import { type ClassScale, formatSigma, intervalLabels, noDataLabel } from '../../legend/class-scale.ts'
import { AREA_CLASS_COLORS, BORDER_FEATURE_COLORS, NO_DATA_FILL } from '../../map/colors.ts'
import { OUTLINED_CLASSES } from '../../map/layers/area-classes.ts'
import { HEAT_RANGE } from '../../map/layers/incident-density.ts'
import { formatMetricValue, metricUnit } from '../../metrics/format-metric.ts'
import { smallNumbers } from '../../metrics/small-numbers.ts'
import type { StandardModel } from '../../standard/standard-model.ts'
import { standardClassLabel } from '../../standard/standard-text.ts'
import type { AtlasState } from '../../state/atlas-state.ts'

/** How a legend row is drawn; colours are CSS colours (#rrggbb or rgba()). */
export type Swatch =
  | { kind: 'fill'; color: string; stroke?: string; hatch?: boolean }
  | { kind: 'line'; color: string; width: number; dash?: boolean }
  | { kind: 'dot'; color: string; stroke: string; strokeWidth?: number; size?: number }
  | { kind: 'symbol'; shape: 'square' | 'diamond' | 'triangle' | 'flag'; color: string }
  | { kind: 'ramp'; colors: string[]; low: string; high: string }

export interface LegendRow {
  swatch: Swatch
  label: string
  count?: string
}

export interface LegendBlock {
  title: string
  unit?: string
  /** method, classes and level, under the title */
  note?: string
  /** heading over the counts column */
  countHeader?: string
  rows: LegendRow[]
  /** a line under the rows (total units, suppression rule) */
  footer?: string
}

export interface LegendInput {
  state: AtlasState
  i18n: I18n
  scale: ClassScale | null
  /** the mapped rows (small-number marks) */
  metrics: MetricsResult | undefined
  /** the standard-set layer's classes, while it is on */
  standard: StandardModel | null
  hex: { breaks: number[]; colors: string[] }
  taxonomies: Taxonomies | undefined
  typeColors: ReadonlyMap<string, string>
}

const css = (c: readonly number[]) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] ?? 255) / 255})`

/**
 * The legend of an exported map: the same entries, in the same order, as the dashboard's legend
 * (panels/Legend.tsx), with the classification method, units and the number of units in each class.
 */
export function legendBlocks({
  state,
  i18n,
  scale,
  metrics,
  standard,
  hex,
  taxonomies,
  typeColors,
}: LegendInput): LegendBlock[] {
  const { t, fmt } = i18n
  const { layers, classification: c, density, level } = state
  const blocks: LegendBlock[] = []
  if (layers.choropleth.on && scale) {
    const labels = intervalLabels(
      scale,
      (v) => formatMetricValue(i18n, c.metric, v, 2),
      (z) => formatSigma(z, fmt.number),
    )
    const unit = metricUnit(i18n, c.metric)
    const total = scale.counts.reduce((a, b) => a + b, 0) + scale.noData
    const small = smallNumbers(metrics, c.metric)
    blocks.push({
      title: t(`metric.${c.metric}`),
      unit: unit || undefined,
      note: `${t('legend.method', { method: t(`method.short.${scale.method}`), k: scale.breaks.length })}${
        scale.locked ? ` · ${t('legend.locked')}` : ''
      } · ${t(`level.${level}`)}${
        scale.sigma
          ? ` · ${t('legend.sigma', {
              mean: formatMetricValue(i18n, c.metric, scale.sigma.mean, 2),
              sd: formatMetricValue(i18n, c.metric, scale.sigma.sd, 2),
            })}`
          : ''
      }`,
      countHeader: t('legend.count'),
      rows: [
        ...[...scale.breaks.keys()].reverse().map((i) => ({
          swatch: { kind: 'fill' as const, color: scale.colors[i], stroke: 'rgba(0,0,0,0.3)' },
          label: labels[i],
          count: fmt.integer(scale.counts[i]),
        })),
        {
          swatch: { kind: 'fill', color: css(NO_DATA_FILL), stroke: 'rgba(0,0,0,0.3)', hatch: true },
          label: noDataLabel(i18n, scale),
          count: fmt.integer(scale.noData),
        },
        ...(small
          ? [
              {
                swatch: {
                  kind: 'dot' as const,
                  color: '#37474f',
                  stroke: '#ffffff',
                  strokeWidth: 1.5,
                  size: 0.7,
                },
                label: t('legend.smallNumbers', {
                  count: fmt.integer(small.minCount),
                  population: fmt.integer(small.minPopulation),
                }),
                count: fmt.integer(small.count),
              },
            ]
          : []),
      ],
      footer: t('legend.units', { n: fmt.integer(total) }),
    })
  }
  // Hot spots, bivariate and change maps, as the dashboard's legend lists them after the thematic map.
  blocks.push(...analyticsLegendBlocks(i18n, state))
  if (layers.standard.on && standard) {
    blocks.push({
      title: t('layer.standard'),
      note: `${t(level === 'village' ? 'standard.noteVillage' : 'standard.noteCommune')} · ${t(`level.${level}`)}`,
      countHeader: t('legend.count'),
      rows: [
        ...standard.classes.map((cls) => ({
          swatch: { kind: 'fill' as const, color: cls.color, stroke: 'rgba(0,0,0,0.3)' },
          label: standardClassLabel(i18n, cls.id),
          count: fmt.integer(cls.count),
        })),
        {
          swatch: { kind: 'fill', color: css(NO_DATA_FILL), stroke: 'rgba(0,0,0,0.3)', hatch: true },
          label: t('standard.noneApplies'),
          count: fmt.integer(standard.none),
        },
      ],
      footer: t('legend.units', {
        n: fmt.integer(standard.classes.reduce((a, cls) => a + cls.count, 0) + standard.none),
      }),
    })
  }
  if (layers.incidents.on) {
    const isHex = density === 'hex' && hex.breaks.length > 0
    const hexLabels = intervalLabels({ breaks: hex.breaks, min: null }, (v) => fmt.integer(v))
    blocks.push({
      title: density === 'hex' ? t('density.legendHex') : t('density.legendHeat'),
      rows: isHex
        ? [...hex.breaks.keys()].reverse().map((i) => ({
            swatch: { kind: 'fill' as const, color: hex.colors[i], stroke: 'rgba(0,0,0,0.25)' },
            label: hexLabels[i],
          }))
        : [
            {
              swatch: {
                kind: 'ramp',
                colors: HEAT_RANGE.map((c2) => css([c2[0], c2[1], c2[2], Math.max(c2[3], 60)])),
                low: t('density.low'),
                high: t('density.high'),
              },
              label: '',
            },
          ],
      footer: isHex ? t('density.suppressed', { n: 3 }) : undefined,
    })
  }
  if (layers.models.on) {
    blocks.push({
      title: t('legend.modelsByType'),
      rows: [
        ...(taxonomies?.model_types ?? []).map((m) => ({
          swatch: { kind: 'dot' as const, color: typeColors.get(m.code) ?? '#888888', stroke: '#ffffff' },
          label: i18n.name(m),
        })),
        {
          swatch: { kind: 'dot', color: '#dddddd', stroke: '#e66101', strokeWidth: 2 },
          label: t('status.weak'),
        },
        {
          swatch: { kind: 'dot', color: '#dddddd', stroke: '#8c0000', strokeWidth: 2 },
          label: t('legend.overdue'),
        },
        {
          swatch: { kind: 'dot', color: 'rgba(120,120,120,0.45)', stroke: '#787878' },
          label: t('status.dissolved'),
        },
        {
          swatch: { kind: 'dot', color: 'rgba(33,102,172,0.16)', stroke: 'rgba(33,102,172,0.6)', size: 1.35 },
          label: t('legend.cameraRadius', { r: 500 }),
        },
      ],
    })
  }
  if (layers.area_classes.on) {
    blocks.push({
      title: t('layer.area_classes'),
      rows: OUTLINED_CLASSES.map((cls) => ({
        swatch: { kind: 'line' as const, color: AREA_CLASS_COLORS[cls], width: 2.5 },
        label: i18n.name(
          taxonomies?.area_classes.find((a) => a.code === cls),
          cls,
        ),
      })),
    })
  }
  if (layers.border_features.on) {
    blocks.push({
      title: t('layer.border_features'),
      rows: [
        {
          swatch: { kind: 'symbol', shape: 'square', color: BORDER_FEATURE_COLORS.gate_international },
          label: t('legend.gate'),
        },
        {
          swatch: { kind: 'symbol', shape: 'diamond', color: BORDER_FEATURE_COLORS.opening },
          label: t('legend.opening'),
        },
        {
          swatch: { kind: 'symbol', shape: 'triangle', color: BORDER_FEATURE_COLORS.marker },
          label: t('legend.marker'),
        },
        {
          swatch: { kind: 'symbol', shape: 'flag', color: BORDER_FEATURE_COLORS.post },
          label: t('legend.post'),
        },
      ],
    })
  }
  const base: LegendRow[] = []
  if (layers.border_line.on)
    base.push({
      swatch: { kind: 'line', color: '#b71c1c', width: 2.5, dash: true },
      label: t('legend.borderLine'),
    })
  if (layers.border_belt.on)
    base.push({
      swatch: { kind: 'fill', color: 'rgba(198,40,40,0.25)', stroke: 'rgba(198,40,40,0.7)' },
      label: t('legend.borderBelt'),
    })
  base.push(
    { swatch: { kind: 'line', color: '#263238', width: 2 }, label: t('legend.province') },
    { swatch: { kind: 'line', color: '#5f6b76', width: 0.8 }, label: t('legend.commune') },
    { swatch: { kind: 'fill', color: '#d9dde2', stroke: 'rgba(0,0,0,0.2)' }, label: t('legend.neighbour') },
  )
  blocks.push({ title: '', rows: base })
  return blocks
}
