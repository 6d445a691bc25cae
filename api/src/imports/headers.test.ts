import { IMPORT_KINDS } from '@antt/contract'
import { describe, expect, it } from 'vitest'
import { dbfName, mapColumns } from './headers.ts'
import { KINDS } from './kinds/index.ts'

const fieldsOf = (kind: keyof typeof KINDS, headers: string[]) =>
  Object.fromEntries(mapColumns(KINDS[kind], headers).columns.map((c) => [c.header, c.field]))

describe('Shapefile column names cut to 10 characters', () => {
  it('writes a name as a DBF would', () => {
    expect(dbfName('Tên mô hình')).toBe('ten_mo_hin')
    expect(dbfName('Ngày thành lập')).toBe('ngay_thanh')
    expect(dbfName('Mã xã')).toBe('ma_xa')
  })

  it('recognises MA_XA, TEN_MO_HIN and NGAY_THANH in a model file', () => {
    const { columns, issues } = mapColumns(KINDS.models, ['MA_XA', 'TEN_MO_HIN', 'LOAI_MO_HI', 'NGAY_THANH'])
    expect(columns.map((c) => [c.header, c.field, c.truncated ?? false])).toEqual([
      ['MA_XA', 'commune_code', false],
      ['TEN_MO_HIN', 'name', true],
      ['LOAI_MO_HI', 'type_code', true],
      ['NGAY_THANH', 'founded_on', true],
    ])
    expect(issues).toEqual([])
  })

  it('gives a shared cut to the fields in order, and GDAL’s renamed second column to the next', () => {
    expect(fieldsOf('models', ['NGAY_THANH', 'NGAY_THA_1', 'LY_DO_THAN'])).toEqual({
      NGAY_THANH: 'founded_on',
      NGAY_THA_1: 'dissolved_on',
      LY_DO_THAN: 'dissolved_reason',
    })
  })

  it('lets a column that names a field in full keep it from a cut name', () => {
    expect(fieldsOf('models', ['NGAY_THANH', 'Ngày thành lập'])).toEqual({
      NGAY_THANH: 'dissolved_on',
      'Ngày thành lập': 'founded_on',
    })
  })

  it('recognises the cut form of every header of every kind', () => {
    for (const kind of IMPORT_KINDS) {
      for (const f of KINDS[kind].fields) {
        const cut = dbfName(f.vi).toUpperCase()
        const { columns } = mapColumns(KINDS[kind], [cut])
        expect(columns[0]?.field, `${kind}: ${f.vi} as ${cut}`).not.toBeNull()
      }
    }
  })

  it('does not read a 9-character prefix as a cut name', () => {
    expect(fieldsOf('models', ['NGAY_THAN'])).toEqual({ NGAY_THAN: null })
  })
})
