import { describe, expect, it } from 'vitest'
import { makeI18n } from '../i18n/index.ts'
import { priorityRankText } from './rank-text.ts'

const communes = { level: 'commune' as const, scope_units: 99, filter_units: 10 }
const none = { classNames: [], communeName: null, scoped: false }

describe('priority rank in words', () => {
  it('gives the rank in the province alone when nothing is filtered', () => {
    const r = priorityRankText(makeI18n('en'), { rank: 14, filter_rank: 14 }, communes, none)
    expect(r).toEqual({ filter: null, scope: '14 of 99 in the province' })
  })

  it('gives the rank inside an area-class filter, with the province rank beside it', () => {
    const f = { ...none, classNames: ['Border'] }
    const en = priorityRankText(makeI18n('en'), { rank: 14, filter_rank: 2 }, communes, f)
    expect(en).toEqual({ filter: '2 of 10 border communes', scope: '14 of 99 in the province' })
    const vi = priorityRankText(makeI18n('vi'), { rank: 14, filter_rank: 2 }, communes, {
      ...none,
      classNames: ['Biên giới'],
    })
    expect(vi.filter).toBe('Hạng 2/10 xã, phường biên giới')
    expect(vi.scope).toBe('hạng 14/99 toàn tỉnh')
  })

  it('names the commune when the villages of one commune are shown', () => {
    const villages = { level: 'village' as const, scope_units: 1800, filter_units: 12 }
    const r = priorityRankText(makeI18n('en'), { rank: 40, filter_rank: 3 }, villages, {
      ...none,
      communeName: 'Phường Lào Cai',
    })
    expect(r.filter).toBe('3 of 12 villages of Phường Lào Cai')
    expect(r.scope).toBe('40 of 1,800 in the province')
  })

  it('says "in your area" to a user who sees part of the province', () => {
    const r = priorityRankText(makeI18n('en'), { rank: 1, filter_rank: 1 }, communes, {
      ...none,
      scoped: true,
    })
    expect(r.scope).toBe('1 of 99 in your area')
  })
})
