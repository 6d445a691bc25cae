import type { CompareResult } from '@antt/contract'
import { describe, expect, it } from 'vitest'
import { EMERGING_COLORS } from './analytics-colors.ts'
import { EMERGING, HOTSPOTS } from './fixtures.ts'
import { changeModel, emergingModel, hotspotModel, isShown } from './layer-models.ts'

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

describe('emergingModel', () => {
  it('colours every unit by its category, outlines those with a pattern and counts the drilled commune', () => {
    const m = emergingModel(EMERGING, '02647')
    expect(m.shown).toBe(2)
    expect(m.counts['persistent-hot-spot']).toBe(1)
    expect(m.counts['no-pattern']).toBe(1)
    expect(m.counts['new-cold-spot']).toBe(0)
    expect(m.colorByCode.get('02647-001')).toBe(EMERGING_COLORS['persistent-hot-spot'])
    expect([...m.emphasised]).toEqual(['02647-001'])
    expect(m.rowByCode.has('02650-001')).toBe(true)
  })
})
