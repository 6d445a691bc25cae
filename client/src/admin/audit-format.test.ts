import { describe, expect, it } from 'vitest'
import { createFormatter } from '../i18n/format.ts'
import { auditDetails, auditTime } from './audit-format.ts'

const vi = createFormatter('vi')
const n = (v: number) => vi.integer(v)

describe('audit log for people', () => {
  it('gives the time in Vietnam, day first', () => {
    expect(auditTime('2025-07-01T02:03:04Z')).toBe('01/07/2025 09:03:04')
    expect(auditTime('2025-12-31T20:00:00Z')).toBe('01/01/2026 03:00:00')
  })

  it('writes details as field: value, numbers and dates in the interface format', () => {
    expect(auditDetails({ kind: 'models', file: 'mo-hinh.xlsx', bytes: 123456 }, n)).toBe(
      'kind: models · file: mo-hinh.xlsx · bytes: 123.456',
    )
    expect(auditDetails({ role: 'steward', scope: ['02647', '02671'] }, n)).toBe(
      'role: steward · scope: 02647, 02671',
    )
  })

  it('shows a change as old → new, for the fields that changed only', () => {
    const d = {
      before: { name: 'Tổ A', status: 'active', members: 5 },
      after: { name: 'Tổ A', status: 'weak', members: 5 },
    }
    expect(auditDetails(d, n)).toBe('status: active → weak')
  })

  it('shortens long text', () => {
    const text = auditDetails({ note: 'x'.repeat(100) }, n)
    expect(text.length).toBeLessThan(70)
    expect(text.endsWith('…')).toBe(true)
  })
})
