import { describe, expect, it } from 'vitest'
import { cellText, excelSerialDate, parseBool, parseDate, parseNumber } from './values.ts'

describe('cell values as offices write them', () => {
  it.each([
    ['05/03/2024', '2024-03-05'],
    ['5/3/2024', '2024-03-05'],
    ['05-03-2024', '2024-03-05'],
    ['05.03.2024', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05T00:00:00Z', '2024-03-05'],
    ['ngày 5 tháng 3 năm 2024', '2024-03-05'],
    ['45356', '2024-03-05'],
  ])('reads the date %s as %s', (input, iso) => {
    expect(parseDate(input)).toEqual({ value: iso })
  })

  it('reads Excel serial numbers and date cells', () => {
    expect(parseDate(45356)).toEqual({ value: '2024-03-05' })
    expect(excelSerialDate(61)).toBe('1900-03-01')
    expect(parseDate(new Date(Date.UTC(2024, 2, 5)))).toEqual({ value: '2024-03-05' })
  })

  it('refuses dates that are not on the calendar, and month-first American dates past the 12th', () => {
    expect(parseDate('31/02/2024')).toHaveProperty('error')
    expect(parseDate('03/15/2024')).toHaveProperty('error')
    expect(parseDate('hôm qua')).toHaveProperty('error')
  })

  it('reads numbers with a decimal comma, and thousands separators in amounts', () => {
    expect(parseNumber('104,75')).toEqual({ value: 104.75 })
    expect(parseNumber('22.4856')).toEqual({ value: 22.4856 })
    expect(parseNumber('1.234.567', 'thousands')).toEqual({ value: 1234567 })
    expect(parseNumber('50.000.000 đ', 'thousands')).toEqual({ value: 50000000 })
    expect(parseNumber('1,500', 'thousands')).toEqual({ value: 1500 })
    expect(parseNumber('1.234,5')).toEqual({ value: 1234.5 })
    expect(parseNumber('abc')).toHaveProperty('error')
  })

  it('reads yes and no in Vietnamese and English', () => {
    for (const yes of ['Có', 'co', 'x', 'TRUE', '1', 'Đạt']) expect(parseBool(yes)).toEqual({ value: true })
    for (const no of ['Không', 'khong', 'no', '0', 'Không đạt'])
      expect(parseBool(no)).toEqual({ value: false })
    expect(parseBool('có lẽ')).toHaveProperty('error')
  })

  it("composes decomposed Vietnamese text, collapses white space and drops Excel's text mark", () => {
    expect(cellText('  Phu\u031bo\u031b\u0300ng   La\u0300o Cai ')).toBe('Phường Lào Cai')
    expect(cellText("'=SUM(A1)")).toBe('=SUM(A1)')
    expect(cellText("'abc")).toBe("'abc")
    expect(cellText('   ')).toBeNull()
  })
})
