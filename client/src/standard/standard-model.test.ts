import { describe, expect, it } from 'vitest'
import type { CoverageResult, StandardRow } from './standard-api.ts'
import { MET_COLORS, SHARE_COLORS, shareClass, standardModel } from './standard-model.ts'

const row = (code: string, villages: number, meeting: number): StandardRow => ({
  code,
  commune_code: code.slice(0, 5),
  standard: {
    required_types: villages ? ['to_bao_ve_antt'] : [],
    villages,
    villages_meeting: meeting,
    coverage: villages ? meeting / villages : null,
    by_class: [],
    lacking: {},
  },
})

describe('the standard-set map', () => {
  it('puts a commune share in quarters, 75–100 % in the top class', () => {
    expect([0, 0.24, 0.25, 0.5, 0.74, 0.75, 1].map(shareClass)).toEqual([
      'q0',
      'q0',
      'q1',
      'q2',
      'q2',
      'q3',
      'q3',
    ])
  })

  it('counts communes per class, best first, and leaves out those no standard applies to', () => {
    const data: CoverageResult = {
      level: 'commune',
      rows: [row('00001', 10, 10), row('00002', 10, 3), row('00003', 4, 1), row('00004', 0, 0)],
    }
    const m = standardModel(data, null)
    expect(m.classes.map((c) => [c.id, c.count])).toEqual([
      ['q3', 1],
      ['q2', 0],
      ['q1', 2],
      ['q0', 0],
    ])
    expect(m.none).toBe(1)
    expect(m.colorByCode.get('00001')).toBe(SHARE_COLORS[3])
    expect(m.colorByCode.has('00004')).toBe(false)
  })

  it('colours villages met or not met, only those of the drilled commune', () => {
    const data: CoverageResult = {
      level: 'village',
      rows: [row('00001-001', 1, 1), row('00001-002', 1, 0), row('00001-003', 0, 0), row('00002-001', 1, 1)],
    }
    const m = standardModel(data, '00001')
    expect(m.classes.map((c) => [c.id, c.count])).toEqual([
      ['met', 1],
      ['unmet', 1],
    ])
    expect(m.none).toBe(1)
    expect(m.colorByCode.get('00001-002')).toBe(MET_COLORS.unmet)
    expect(m.rowByCode.has('00002-001')).toBe(false)
  })
})
