import { describe, expect, it } from 'vitest'
import en from './en.json'
import { translate } from './index.ts'
import vi from './vi.json'

describe('translation files', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort())
  })

  it('use the same placeholders in both languages', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    for (const key of Object.keys(vi) as (keyof typeof vi)[])
      expect(holes(en[key]), key).toEqual(holes(vi[key]))
  })

  it('fill placeholders', () => {
    expect(translate('en', 'kpi.villagesCoveredSub', { covered: '2,215', total: '2,225' })).toBe(
      '2,215 of 2,225 villages',
    )
    expect(translate('vi', 'period.year', { year: 2025 })).toBe('Năm 2025')
  })
})
