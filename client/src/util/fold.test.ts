import { describe, expect, it } from 'vitest'
import { foldVietnamese, matchesFolded } from './fold.ts'

const FOLDED = [
  ['Lào Cai', 'lao cai'],
  ['LÀO CAI', 'lao cai'],
  ['Mường Khương', 'muong khuong'],
  ['Đồng Tuyển', 'dong tuyen'],
]

describe('Vietnamese folding', () => {
  it.each(FOLDED)('folds %s to %s: no tones or vowel marks, đ as d, lower case', (text, folded) => {
    expect(foldVietnamese(text)).toBe(folded)
  })

  it('matches when every typed word occurs without diacritics', () => {
    expect(['lao cai', 'cai phuong', 'sa pa'].map((q) => matchesFolded('Phường Lào Cai', q))).toEqual([
      true,
      true,
      false,
    ])
  })
})
