import { describe, expect, it } from 'vitest'
import { formErrors } from './field-errors.ts'

describe('formErrors', () => {
  it('puts a detail next to the field it names', () => {
    const e = formErrors({ message: 'x', details: [{ field: 'reason', problem: 'needs a reason' }] }, [
      'reason',
    ])
    expect(e).toEqual({ fields: { reason: 'needs a reason' }, general: null })
  })
  it('keeps details for fields the form does not show in the general line', () => {
    const e = formErrors({ message: 'x', details: [{ field: 'id', problem: 'taken' }] }, ['name'])
    expect(e).toEqual({ fields: {}, general: 'id: taken' })
  })
  it('falls back to the message when there are no details', () => {
    expect(formErrors({ message: 'forbidden' }, ['name'])).toEqual({ fields: {}, general: 'forbidden' })
  })
})
