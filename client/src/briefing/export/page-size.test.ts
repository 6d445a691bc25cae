import { describe, expect, it } from 'vitest'
import { PAPER_SIZES, pageSpec, pdfPageSize } from './page-size.ts'

describe('export page sizes', () => {
  it('makes A4 landscape at 300 dpi 3508 × 2480 pixels', () => {
    const p = pageSpec({ kind: 'paper', paper: 'A4', orientation: 'landscape', dpi: 300 })
    expect([p.widthPx, p.heightPx]).toEqual([3508, 2480])
    expect(p.pxPerPt).toBeCloseTo(300 / 72, 2)
  })

  it('makes A3 portrait at 150 dpi 1754 × 2480 pixels', () => {
    const p = pageSpec({ kind: 'paper', paper: 'A3', orientation: 'portrait', dpi: 150 })
    expect([p.widthPx, p.heightPx]).toEqual([1754, 2480])
  })

  it('gives PDF pages in points: A4 landscape 842 × 595', () => {
    expect(pdfPageSize('A4', 'landscape').map(Math.round)).toEqual([842, 595])
    expect(pdfPageSize('A3', 'portrait').map(Math.round)).toEqual([842, 1191])
  })

  it('lays out a full-HD slide at 96 CSS pixels per inch', () => {
    const p = pageSpec({ kind: 'hd' })
    expect([p.widthPx, p.heightPx, p.widthPt, p.heightPt]).toEqual([1920, 1080, 1440, 810])
  })

  it('offers A4 and A3, both orientations, at 150 and 300 dpi', () => {
    expect(PAPER_SIZES).toHaveLength(8)
  })
})
