import type { MetricsRow } from '@antt/contract'
import { describe, expect, it } from 'vitest'
import { nextSort, rankRows } from './ranking.ts'

const unit = (code: string, name: string, incidents: number | null) =>
  ({ code, name, incidents }) as unknown as MetricsRow

const ROWS = Object.freeze([
  unit('a', 'Xã Bát Xát', 12),
  unit('b', 'Phường Lào Cai', null),
  unit('c', 'Xã Đồng Tuyển', 30),
  unit('d', 'Xã A Mú Sung', 4),
])
const codes = (rows: MetricsRow[]) => rows.map((r) => r.code)

describe('ranking table rows', () => {
  it('orders by a metric high to low, units without a value last', () => {
    expect(codes(rankRows(ROWS, '', { key: 'incidents', asc: false }))).toEqual(['c', 'a', 'd', 'b'])
  })

  it('keeps units without a value last when the order is turned round', () => {
    expect(codes(rankRows(ROWS, '', { key: 'incidents', asc: true }))).toEqual(['d', 'a', 'c', 'b'])
  })

  it('orders names in Vietnamese alphabetical order', () => {
    expect(codes(rankRows(ROWS, '', { key: 'name', asc: true }))).toEqual(['b', 'd', 'a', 'c'])
  })

  it('finds units by name without diacritics, every word of the query', () => {
    expect(codes(rankRows(ROWS, 'dong tuyen', { key: 'incidents', asc: false }))).toEqual(['c'])
    expect(codes(rankRows(ROWS, 'xa sung', { key: 'incidents', asc: false }))).toEqual(['d'])
  })

  it('leaves the rows it was given in their order', () => {
    rankRows(ROWS, '', { key: 'incidents', asc: true })
    expect(codes([...ROWS])).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('sorting by a column header', () => {
  it('turns the same column round and starts another high first, names A–Z', () => {
    expect(nextSort({ key: 'incidents', asc: false }, 'incidents')).toEqual({ key: 'incidents', asc: true })
    expect(nextSort({ key: 'incidents', asc: true }, 'population')).toEqual({ key: 'population', asc: false })
    expect(nextSort({ key: 'incidents', asc: false }, 'name')).toEqual({ key: 'name', asc: true })
  })
})
