import { describe, expect, it } from 'vitest'
import { foldVietnamese, matchesFolded } from './fold.ts'

describe('Vietnamese folding', () => {
  it('removes tones and vowel marks and lower-cases', () => {
    expect(foldVietnamese('Lào Cai')).toBe('lao cai')
    expect(foldVietnamese('LÀO CAI')).toBe('lao cai')
    expect(foldVietnamese('Mường Khương')).toBe('muong khuong')
  })

  it('turns đ into d', () => {
    expect(foldVietnamese('Đồng Tuyển')).toBe('dong tuyen')
  })

  it('matches when every typed word occurs without diacritics', () => {
    expect(matchesFolded('Phường Lào Cai', 'lao cai')).toBe(true)
    expect(matchesFolded('Phường Lào Cai', 'cai phuong')).toBe(true)
    expect(matchesFolded('Phường Lào Cai', 'sa pa')).toBe(false)
  })
})
