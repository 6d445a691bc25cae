import { describe, expect, it } from 'vitest'
import { makeI18n } from '../i18n/index.ts'
import { DEFAULT_STATE } from '../state/atlas-state.ts'
import type { CompareResult, HotspotResult, HotspotRow } from './analytics-api.ts'
import { EMERGING_COLORS } from './analytics-colors.ts'
import type { EmergingResult, EmergingRow } from './emerging-api.ts'
import { analyticsLegendBlocks, analyticsMapTitle, publishAnalyticsModels } from './export-legend.ts'
import { changeModel, emergingModel, hotspotModel, isShown } from './layer-models.ts'

const row = (code: string, gi: HotspotRow['gi_class'], lisa: HotspotRow['lisa_cluster']): HotspotRow => ({
  code,
  name: code,
  value: gi ? 1 : null,
  neighbours: 2,
  gi_z: gi ? 1 : null,
  gi_p: null,
  gi_p_fdr: null,
  gi_class: gi,
  moran_i: null,
  lisa_quadrant: null,
  lisa_p: null,
  lisa_p_fdr: null,
  lisa_cluster: lisa,
})

const HOTSPOTS: HotspotResult = Object.freeze({
  level: 'village',
  metric: 'incident_rate_eb',
  period: { from: '2025-07-01', to: '2026-06-30' },
  method: {
    permutations: 999,
    seed: 1,
    tolerance_m: 5,
    gi_star: '',
    local_moran: '',
    contiguity: '',
    fdr: '',
    islands: [],
  },
  counts: { units: 4, analysed: 3, no_data: 1, islands: 0, gi_class: {}, lisa_cluster: {} },
  rows: [
    row('02647-001', 'hot-99', 'HH'),
    row('02647-002', 'not-significant', 'not-significant'),
    row('02647-003', null, null),
    row('02650-001', 'cold-95', 'LL'),
  ],
}) as HotspotResult

describe('analytics layer classes', () => {
  it('counts every shown unit once, no data included, and outlines the significant ones', () => {
    const m = hotspotModel(HOTSPOTS, 'gi', null)
    expect(m.shown).toBe(4)
    expect(m.counts).toMatchObject({ 'hot-99': 1, 'not-significant': 1, 'cold-95': 1, noData: 1 })
    expect([...m.emphasised].sort()).toEqual(['02647-001', '02650-001'])
    expect(m.colorByCode.has('02647-003')).toBe(false)
  })

  it('counts only the villages of a drilled commune', () => {
    const m = hotspotModel(HOTSPOTS, 'lisa', '02647')
    expect(m.shown).toBe(3)
    expect(m.counts).toMatchObject({ HH: 1, LL: 0, 'not-significant': 1, noData: 1 })
    expect(isShown({ code: '02650-001', commune_code: '02650' }, '02647')).toBe(false)
  })

  it('classes the change map and leaves units without population as no data', () => {
    const base = { name: '', commune_code: null, population: 100, rate_a: 1, rate_b: 2 }
    const cmp = {
      level: 'commune',
      a: { from: '2024-07-01', to: '2025-06-30', days: 365 },
      b: { from: '2025-07-01', to: '2026-06-30', days: 365 },
      method: { change_class: '' },
      totals: { change_classes: { rise: 1, fall: 0, 'no-change': 1 } },
      rows: [
        { ...base, code: '1', change_class: 'rise' },
        { ...base, code: '2', change_class: 'no-change' },
        { ...base, code: '3', change_class: null },
      ],
    } as unknown as CompareResult
    const m = changeModel(cmp, null)
    expect(m.counts).toEqual({ rise: 1, 'no-change': 1, fall: 0, noData: 1 })
    expect([...m.emphasised]).toEqual(['1'])
  })
})

describe('analytics legend for exported maps', () => {
  it('lists the hot-spot classes with the counts the map drew, and nothing for layers that are off', () => {
    const i18n = makeI18n('en')
    publishAnalyticsModels({
      hotspot: { model: hotspotModel(HOTSPOTS, 'gi', null), result: HOTSPOTS },
      bivariate: null,
      change: null,
    })
    expect(analyticsLegendBlocks(i18n, DEFAULT_STATE)).toEqual([])
    const state = {
      ...DEFAULT_STATE,
      layers: { ...DEFAULT_STATE.layers, hotspots: { on: true, opacity: 1 } },
    }
    const [block] = analyticsLegendBlocks(i18n, state)
    expect(block.title).toBe('Hot and cold spots (Getis–Ord Gi*)')
    expect(block.note).toContain('999 conditional permutations')
    expect(block.rows.map((r) => r.count)).toEqual(['1', '0', '0', '1', '0', '1', '0', '1'])
  })

  it('titles an exported hot-spot map by its statistic and metric, and leaves other maps to the briefing', () => {
    const i18n = makeI18n('vi')
    const state = {
      ...DEFAULT_STATE,
      layers: { ...DEFAULT_STATE.layers, hotspots: { on: true, opacity: 1 } },
    }
    expect(analyticsMapTitle(i18n, state)).toBe(
      'Điểm nóng, điểm lạnh (Getis–Ord Gi*): Tỷ lệ vụ việc (đã làm trơn)',
    )
    expect(analyticsMapTitle(i18n, DEFAULT_STATE)).toBeNull()
  })
})

describe('emergingModel', () => {
  const emergingRow = (code: string, category: EmergingRow['category']): EmergingRow => ({
    code,
    name: code,
    category,
    trend_z: 0,
    trend_p: 1,
    low_counts: false,
    series: [],
  })
  const result: EmergingResult = Object.freeze({
    level: 'village',
    step: 'month',
    period: { from: '2024-07-01', to: '2026-06-30' },
    steps: ['2024-07'],
    method: {},
    counts: { units: 3, low_counts: 0, categories: {} },
    rows: [
      emergingRow('02647-001', 'persistent-hot-spot'),
      emergingRow('02647-002', 'no-pattern'),
      emergingRow('02650-001', 'new-cold-spot'),
    ],
  }) as EmergingResult

  it('colours every unit by its category, outlines those with a pattern and counts the drilled commune', () => {
    const m = emergingModel(result, '02647')
    expect(m.shown).toBe(2)
    expect(m.counts['persistent-hot-spot']).toBe(1)
    expect(m.counts['no-pattern']).toBe(1)
    expect(m.counts['new-cold-spot']).toBe(0)
    expect(m.colorByCode.get('02647-001')).toBe(EMERGING_COLORS['persistent-hot-spot'])
    expect([...m.emphasised]).toEqual(['02647-001'])
    expect(m.rowByCode.has('02650-001')).toBe(true)
  })
})
