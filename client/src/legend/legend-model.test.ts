import type { MetricsResult } from '@antt/contract'
import { describe, expect, it } from 'vitest'
import { EMERGING, HOTSPOTS } from '../analytics/fixtures.ts'
import { emergingModel, hotspotModel } from '../analytics/layer-models.ts'
import { makeI18n } from '../i18n/index.ts'
import { buildClassScale } from '../map/class-scale.ts'
import { DEFAULT_STATE, type LayerId } from '../state/atlas-state.ts'
import type { LegendState } from './legend-block.ts'
import { type LegendInput, legendModel } from './legend-model.ts'
import { mapTitle } from './map-title.ts'

const en = makeI18n('en')

/** The default view with only `on` layers switched on. */
function stateWith(on: LayerId[], patch: Partial<LegendState> = {}): LegendState {
  const layers = { ...DEFAULT_STATE.layers }
  for (const id of Object.keys(layers) as LayerId[]) layers[id] = { ...layers[id], on: on.includes(id) }
  return { ...DEFAULT_STATE, layers, ...patch }
}

function input(state: LegendState, patch: Partial<LegendInput> = {}): LegendInput {
  return {
    state,
    i18n: en,
    scale: null,
    metrics: undefined,
    standard: null,
    hex: { breaks: [], colors: [] },
    taxonomies: undefined,
    typeColors: new Map(),
    analytics: { hotspot: null, bivariate: null, change: null, emerging: null },
    ...patch,
  }
}

const VALUES = [1, 2, 2, 3, 4, 5, 6, 8, 9, 10, null, null]

describe('legend model', () => {
  it('lists the thematic classes from high to low, then no data, with counts that add up to the units', () => {
    const scale = buildClassScale(VALUES, { method: 'equal', k: 3, palette: 'YlOrRd' })
    const state = stateWith(['choropleth'], {
      classification: { ...DEFAULT_STATE.classification, metric: 'village_coverage', method: 'equal', k: 3 },
    })
    const [block] = legendModel(input(state, { scale }))
    expect(block.layer).toBe('choropleth')
    expect(block.rows.map((r) => r.id)).toEqual(['2', '1', '0', 'nodata'])
    expect(block.rows.map((r) => r.count?.value)).toEqual([3, 2, 5, 2])
    expect(block.rows[0].swatch).toMatchObject({ kind: 'fill', color: scale.colors[2] })
    expect(block.notes[0]).toBe('Classes: equal intervals, 3 classes · Communes')
    expect(block.footer).toBe('12 units')
  })

  it('says when fewer classes than chosen could be made, and labels σ classes from the mean', () => {
    const scale = buildClassScale([1, 1, 1, 1, 2], { method: 'quantile', k: 5, palette: 'YlOrRd' })
    const state = stateWith(['choropleth'], {
      classification: {
        ...DEFAULT_STATE.classification,
        metric: 'village_coverage',
        method: 'quantile',
        k: 5,
      },
    })
    const [block] = legendModel(input(state, { scale }))
    expect(block.notes[1]).toBe(`Only ${scale.breaks.length} classes (5 chosen): many units share one value`)
    const sigma = buildClassScale(
      Array.from({ length: 101 }, (_, i) => i),
      { method: 'stddev', k: 5, palette: 'YlOrRd', higherIsBetter: false },
    )
    const [sd] = legendModel(input(state, { scale: sigma }))
    expect(sd.notes[1]).toMatch(/^σ from the mean/)
    expect(sd.rows[0].label).toBe('> +1.5 σ')
  })

  it('adds the small-number mark as a counted mark, apart from the classes', () => {
    const scale = buildClassScale([0.5, 1, 2], { method: 'equal', k: 2, palette: 'YlOrRd' })
    const metrics = {
      rows: [
        { incident_rate_flagged: true },
        { incident_rate_flagged: false },
        { incident_rate_flagged: true },
      ],
      small_numbers: { min_count: 5, min_population: 1000 },
    } as unknown as MetricsResult
    const [block] = legendModel(input(stateWith(['choropleth']), { scale, metrics }))
    const mark = block.rows.at(-1)!
    expect(mark.id).toBe('small-numbers')
    expect(mark.count).toEqual({ value: 2, text: '2', mark: true })
    expect(block.footer).toBe('3 units')
  })

  it('leaves out layers that are off and ends with the basemap, the 2008 boundaries when shown', () => {
    const blocks = legendModel(input(stateWith(['border_line', 'communes_2008'])))
    expect(blocks.map((b) => b.layer)).toEqual(['base'])
    expect(blocks[0].rows.map((r) => r.id)).toEqual([
      'border_line',
      'communes_2008',
      'province',
      'commune',
      'neighbour',
    ])
    expect(blocks[0].rows[1].swatch).toEqual({
      kind: 'line',
      color: 'rgba(106,61,154,0.9019607843137255)',
      width: 2,
    })
  })

  it('marks an analytics layer as pending until its classes are drawn', () => {
    const state = stateWith(['hotspots'])
    const [pending] = legendModel(input(state))
    expect(pending).toMatchObject({ layer: 'hotspots', pending: true, rows: [] })
    const hotspot = { model: hotspotModel(HOTSPOTS, 'gi', null), result: HOTSPOTS }
    const [drawn] = legendModel(
      input(state, { analytics: { hotspot, bivariate: null, change: null, emerging: null } }),
    )
    expect(drawn.pending).toBeUndefined()
    expect(drawn.title).toBe('Hot and cold spots (Getis–Ord Gi*)')
    expect(drawn.notes).toContain(
      '999 conditional permutations (seed 1) · p-values FDR-adjusted (Benjamini–Hochberg)',
    )
    expect(drawn.rows.map((r) => r.count?.value)).toEqual([1, 0, 0, 1, 0, 1, 0, 1])
    expect(drawn.footer).toBe('4 units')
  })

  it('lists only the emerging categories present, and "no pattern" always, each with its rule', () => {
    const emerging = { model: emergingModel(EMERGING, null), result: EMERGING }
    const [block] = legendModel(
      input(stateWith(['emerging']), {
        analytics: { hotspot: null, bivariate: null, change: null, emerging },
      }),
    )
    expect(block.rows.map((r) => r.id)).toEqual(['persistent-hot-spot', 'no-pattern', 'new-cold-spot'])
    expect(block.rows.every((r) => r.rule)).toBe(true)
    expect(block.rows.reduce((a, r) => a + (r.count?.value ?? 0), 0)).toBe(3)
  })

  it('draws hexagon classes with their bounds, and the heat map as a ramp', () => {
    const hex = { breaks: [2, 5, 10], colors: ['#fee', '#fa0', '#b00'] }
    const heat = legendModel(input(stateWith(['incidents'], { density: 'heatmap' }), { hex }))[0]
    expect(heat.rows).toHaveLength(1)
    expect(heat.rows[0].swatch.kind).toBe('ramp')
    const hexed = legendModel(input(stateWith(['incidents'], { density: 'hex' }), { hex }))[0]
    expect(hexed.rows.map((r) => r.label)).toEqual(['> 5 – 10', '> 2 – 5', '≤ 2'])
    expect(hexed.footer).toBe(en.t('density.suppressed', { n: 3 }))
  })
})

describe('exported map title', () => {
  it('names the analytics layer that fills the units, else the mapped metric', () => {
    const vi = makeI18n('vi')
    expect(mapTitle(vi, stateWith(['hotspots']))).toBe(
      'Điểm nóng, điểm lạnh (Getis–Ord Gi*): Tỷ lệ vụ việc (đã làm trơn)',
    )
    expect(mapTitle(en, stateWith(['choropleth']))).toBe(
      en.t(`metric.${DEFAULT_STATE.classification.metric}`),
    )
  })
})
