import { DEFAULT_PRIORITY_WEIGHTS } from '@antt/analysis'
import { describe, expect, it } from 'vitest'
import { makeI18n } from '../i18n/index.ts'
import {
  COVERAGE_COMPONENTS,
  decodeWeights,
  defaultWeights,
  encodeWeights,
  isDefaultWeights,
  NEED_COMPONENTS,
  PRIORITY_COMPONENTS,
  weightParams,
  weightShares,
  weightsViewTitle,
} from './priority-weights.ts'

describe('priority weights in the address', () => {
  it('writes nothing for the default weights', () => {
    expect(encodeWeights(null)).toBe('')
    expect(encodeWeights(defaultWeights())).toBe('')
    expect(isDefaultWeights(defaultWeights())).toBe(true)
  })

  it('writes only the weights that differ from the defaults, by short name', () => {
    const w = { ...defaultWeights(), incident_rate_eb: 0.35, border: 0 }
    expect(encodeWeights(w)).toBe('rate:0.35,border:0')
  })

  it('reads back what it writes', () => {
    const w = { ...defaultWeights(), village_coverage_gap: 0.6, trend: 0.25, models_per_1000_gap: 0 }
    expect(decodeWeights(encodeWeights(w))).toEqual(w)
  })

  it('ignores unknown names, bad numbers and negative weights', () => {
    expect(decodeWeights('rate:0.4,zzz:1,hot:abc,border:-1,cov:')).toEqual({
      ...defaultWeights(),
      incident_rate_eb: 0.4,
    })
    expect(decodeWeights('nonsense')).toBeNull()
    expect(decodeWeights('')).toBeNull()
  })

  it('refuses a set of weights that are all zero', () => {
    expect(decodeWeights('rate:0,hot:0,border:0,strat:0,trend:0,cov:0,eff:0,eval:0,dens:0')).toBeNull()
  })
})

describe('weight shares and API parameters', () => {
  it('scales the weights to shares that sum to 1', () => {
    const s = weightShares({ ...defaultWeights(), incident_rate_eb: 1.2 })
    const total = Object.values(s).reduce((a, b) => a + b, 0)
    expect(total).toBeCloseTo(1, 12)
    expect(s.incident_rate_eb).toBeCloseTo(1.2 / 2, 12)
  })

  it('gives shares equal to the default weights, which already sum to 1', () => {
    const s = weightShares(defaultWeights())
    for (const k of PRIORITY_COMPONENTS) expect(s[k]).toBeCloseTo(DEFAULT_PRIORITY_WEIGHTS[k], 12)
  })

  it('sends every component as w_<name>', () => {
    const p = weightParams(null)
    expect(Object.keys(p)).toEqual(PRIORITY_COMPONENTS.map((k) => `w_${k}`))
    expect(p.w_border).toBe(0.1)
  })

  it('splits the components into need and lack of coverage', () => {
    expect([...NEED_COMPONENTS, ...COVERAGE_COMPONENTS].sort()).toEqual([...PRIORITY_COMPONENTS].sort())
  })

  it('names a kept weight set by its three heaviest parts', () => {
    const en = makeI18n('en')
    const w = { ...defaultWeights(), incident_rate_eb: 1, border: 0.5, trend: 0, hotspot_z: 0, strategic: 0 }
    const title = weightsViewTitle(en, w)
    expect(title.startsWith('Priority weights: Incident rate')).toBe(true)
    expect(title.split(',')).toHaveLength(3)
  })
})
