import { describe, expect, it } from 'vitest'
import { asFormValues, changedFields, num, opt } from './form-values.ts'

describe('record form values', () => {
  it('sends empty text as nothing and trims the rest', () => {
    expect(opt('   ')).toBeUndefined()
    expect(opt('  Tổ an ninh ')).toBe('Tổ an ninh')
  })

  it('reads numbers with a decimal comma, and passes a mistyped one on as NaN for the API to name', () => {
    expect(num('')).toBeUndefined()
    expect(num('103,97')).toBe(103.97)
    expect(num('22.48')).toBe(22.48)
    expect(num('abc')).toBeNaN()
  })

  it('shows a record as form text, absent values as empty fields, and only the form fields', () => {
    const model = { id: 'M-1', name: 'Tổ tự quản', members: 12, lon: null, village_code: null }
    expect(asFormValues(model, ['name', 'members', 'lon', 'village_code'])).toEqual({
      name: 'Tổ tự quản',
      members: '12',
      lon: '',
      village_code: '',
    })
  })
})

describe('the body of an edit', () => {
  const before = { name: 'A', members: '3', lon: '104', lat: '22' }
  const body = (v: typeof before) => ({
    name: v.name,
    members: num(v.members),
    lon: num(v.lon),
    lat: num(v.lat),
  })

  it('holds only the fields that changed, as the API takes them', () => {
    const values = { ...before, members: '5' }
    expect(changedFields(body(values), values, before, [['lon', 'lat']])).toEqual({ members: 5 })
  })

  it('sends both coordinates when only one moved', () => {
    const values = { ...before, lat: '22,5' }
    expect(changedFields(body(values), values, before, [['lon', 'lat']])).toEqual({ lon: 104, lat: 22.5 })
  })

  it('is empty when nothing changed', () => {
    expect(changedFields(body(before), before, before, [['lon', 'lat']])).toEqual({})
  })
})
