// Legend blocks of the analytics layers for exported maps (briefing/export/legend-model.ts draws them): the
// same entries as the on-screen legend (AnalyticsLegend.tsx), from the classes the map last drew.
import type { LegendBlock } from '../briefing/export/legend-model.ts'
import type { I18n } from '../i18n/index.ts'
import type { AtlasState } from '../state/atlas-state.ts'
import type { CompareResult, HotspotResult } from './analytics-api.ts'
import {
  CHANGE_CLASSES,
  CHANGE_COLORS,
  GI_CLASSES,
  GI_COLORS,
  LISA_CLASSES,
  LISA_COLORS,
} from './analytics-colors.ts'
import { bivariateCell, bivariateFill } from './bivariate-classes.ts'
import { hotspotMetricLabel } from './format.ts'
import type { BivariateCellKey, BivariateModel, ChangeModel, HotspotModel } from './layer-models.ts'

interface Drawn {
  hotspot: { model: HotspotModel; result: HotspotResult } | null
  bivariate: BivariateModel | null
  change: { model: ChangeModel; result: CompareResult } | null
}

let drawn: Drawn = { hotspot: null, bivariate: null, change: null }

/** Called by the map with the classes it draws. */
export function publishAnalyticsModels(next: Drawn) {
  drawn = next
}

const STROKE = 'rgba(0,0,0,0.3)'
const NO_DATA = 'rgba(200,200,200,0.67)'
const TERCILE = ['bivariate.low', 'bivariate.mid', 'bivariate.high'] as const

/** Blocks for the analytics layers that are on, in the on-screen order; [] when none is drawn. */
export function analyticsLegendBlocks(i18n: I18n, state: AtlasState): LegendBlock[] {
  const { t, fmt } = i18n
  const { layers, level, analytics: a } = state
  const blocks: LegendBlock[] = []
  const noData = (n: number) => ({
    swatch: { kind: 'fill' as const, color: NO_DATA, stroke: STROKE, hatch: true },
    label: t('legend.noData'),
    count: fmt.integer(n),
  })
  const h = drawn.hotspot
  if (layers.hotspots.on && h) {
    const gi = a.hotspot.view === 'gi'
    const classes = gi ? GI_CLASSES : LISA_CLASSES
    blocks.push({
      title: t(gi ? 'hotspot.title.gi' : 'hotspot.title.lisa'),
      note: [
        `${hotspotMetricLabel(i18n, a.hotspot.metric)} · ${t(`level.${level}`)}`,
        t(gi ? 'hotspot.methodGi' : 'hotspot.methodLisa'),
        `${t('hotspot.methodP', { n: fmt.integer(h.result.method.permutations), seed: h.result.method.seed })} · ${t(
          a.hotspot.fdr ? 'hotspot.methodFdr' : 'hotspot.methodNoFdr',
        )}`,
      ].join(' · '),
      countHeader: t('legend.count'),
      rows: [
        ...classes.map((c) => ({
          swatch: {
            kind: 'fill' as const,
            color: gi ? GI_COLORS[c as keyof typeof GI_COLORS] : LISA_COLORS[c as keyof typeof LISA_COLORS],
            stroke: STROKE,
          },
          label: gi
            ? t(`hotspot.class.${c as keyof typeof GI_COLORS}`)
            : t(`lisa.${c as keyof typeof LISA_COLORS}`),
          count: fmt.integer(h.model.counts[c] ?? 0),
        })),
        noData(h.model.counts.noData),
      ],
      footer: t('legend.units', { n: fmt.integer(h.model.shown) }),
    })
  }
  const b = drawn.bivariate
  if (layers.bivariate.on && b) {
    const rows = []
    for (const need of [2, 1, 0])
      for (const coverage of [0, 1, 2]) {
        const { x, y } = bivariateCell(need, coverage)
        rows.push({
          swatch: { kind: 'fill' as const, color: bivariateFill(need, coverage), stroke: STROKE },
          label: t('bivariate.cell', { need: t(TERCILE[need]), coverage: t(TERCILE[coverage]) }),
          count: fmt.integer(b.counts[`${x},${y}` as BivariateCellKey] ?? 0),
        })
      }
    blocks.push({
      title: t('bivariate.title'),
      note: `${t('bivariate.method')} · ${t(`level.${level}`)}`,
      countHeader: t('legend.count'),
      rows,
      footer: t('legend.units', { n: fmt.integer(b.shown) }),
    })
  }
  const c = drawn.change
  if (layers.change.on && c) {
    blocks.push({
      title: t('change.title'),
      note: [
        t('change.periods', {
          a: t('period.range', { from: fmt.date(c.result.a.from), to: fmt.date(c.result.a.to) }),
          b: t('period.range', { from: fmt.date(c.result.b.from), to: fmt.date(c.result.b.to) }),
        }),
        `${t('change.method')} · ${t(a.change.fdr ? 'hotspot.methodFdr' : 'hotspot.methodNoFdr')}`,
      ].join(' · '),
      countHeader: t('legend.count'),
      rows: [
        ...CHANGE_CLASSES.map((cls) => ({
          swatch: { kind: 'fill' as const, color: CHANGE_COLORS[cls], stroke: STROKE },
          label: t(`change.class.${cls}`),
          count: fmt.integer(c.model.counts[cls]),
        })),
        noData(c.model.counts.noData),
      ],
      footer: t('legend.units', { n: fmt.integer(c.model.shown) }),
    })
  }
  return blocks
}

/** The title an exported map gets when an analytics layer fills the units, else null. */
export function analyticsMapTitle(i18n: I18n, state: AtlasState): string | null {
  const { t } = i18n
  const { layers, analytics: a } = state
  if (layers.hotspots.on)
    return `${t(a.hotspot.view === 'gi' ? 'hotspot.title.gi' : 'hotspot.title.lisa')}: ${hotspotMetricLabel(i18n, a.hotspot.metric)}`
  if (layers.bivariate.on) return t('bivariate.title')
  if (layers.change.on) return t('change.title')
  return null
}
