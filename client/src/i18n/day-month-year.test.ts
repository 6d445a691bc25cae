import { describe, expect, it } from 'vitest'
import { parseDayMonthYear, toDayMonthYear } from './day-month-year.ts'

describe('dates written dd/mm/yyyy', () => {
  it('writes an ISO date day first', () => {
    expect(toDayMonthYear('2025-03-05')).toBe('05/03/2025')
    expect(toDayMonthYear('')).toBe('')
  })

  it('reads the day first, with or without leading zeros, and other separators', () => {
    expect(parseDayMonthYear('05/03/2025')).toBe('2025-03-05')
    expect(parseDayMonthYear('5/3/2025')).toBe('2025-03-05')
    expect(parseDayMonthYear('05.03.2025')).toBe('2025-03-05')
    expect(parseDayMonthYear('2025-03-05')).toBe('2025-03-05')
  })

  it('refuses what is not a calendar date', () => {
    expect(parseDayMonthYear('31/02/2025')).toBeNull()
    expect(parseDayMonthYear('13/13/2025')).toBeNull()
    expect(parseDayMonthYear('03/05')).toBeNull()
    expect(parseDayMonthYear('hôm qua')).toBeNull()
  })
})
