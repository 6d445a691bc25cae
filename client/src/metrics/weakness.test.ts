import type { MetricsRow } from '@antt/contract'
import { describe, expect, it } from 'vitest'
import { isWeakArea, weaknesses } from './weakness.ts'

const province = { incident_rate_per_1000: 3.45, models_per_1000: 3.43, outreach_per_1000: 0.48 }

function row(patch: Partial<MetricsRow>): MetricsRow {
  return Object.freeze({
    code: '00001',
    name: 'Xã Mẫu',
    commune_code: null,
    is_border: false,
    area_classes: [],
    population: 10_000,
    villages: 10,
    villages_covered: 10,
    village_coverage: 1,
    active_models: 40,
    weak_models: 0,
    dissolved_models: 0,
    models_per_1000: 4,
    evaluation_compliance: 0.95,
    effective_share: 0.8,
    incident_rate_per_1000: 3,
    outreach_per_1000: 0.5,
    ...patch,
  }) as MetricsRow
}

describe('warning signs of a weak area', () => {
  it('finds none in a well covered, quiet commune', () => {
    expect(weaknesses(row({}), province)).toEqual([])
  })

  it('names low village coverage with its value', () => {
    expect(weaknesses(row({ village_coverage: 0.6, villages_covered: 6 }), province)[0]).toMatchObject({
      code: 'coverage',
      value: 0.6,
    })
  })

  it('compares the incident rate with the province', () => {
    const signs = weaknesses(row({ incident_rate_per_1000: 10.5 }), province)
    expect(signs).toEqual([expect.objectContaining({ code: 'incidentRate', value: 10.5, reference: 3.45 })])
  })

  it('puts the most serious sign first', () => {
    const signs = weaknesses(row({ village_coverage: 0.5, outreach_per_1000: 0.1 }), province)
    expect(signs.map((s) => s.code)).toEqual(['coverage', 'outreach'])
  })

  it('counts a unit as weak from two signs on', () => {
    expect(isWeakArea(row({ outreach_per_1000: 0.1 }), province)).toBe(false)
    expect(isWeakArea(row({ outreach_per_1000: 0.1, evaluation_compliance: 0.5 }), province)).toBe(true)
  })

  it('flags a commune with no active model at all', () => {
    expect(weaknesses(row({ active_models: 0, models_per_1000: 0 }), province)[0].code).toBe('noModels')
  })
})
