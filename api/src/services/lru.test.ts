import { describe, expect, it } from 'vitest'
import { Lru } from './lru.ts'

describe('Lru', () => {
  it('evicts the least recently used entry beyond its count', () => {
    const lru = new Lru<string, number>(2)
    lru.set('a', 1)
    lru.set('b', 2)
    expect(lru.get('a')).toBe(1) // a is now the most recent
    lru.set('c', 3)
    expect(lru.get('b')).toBeUndefined()
    expect(lru.get('a')).toBe(1)
    expect(lru.get('c')).toBe(3)
  })

  it('evicts by weight and refuses a value heavier than the whole budget', () => {
    const lru = new Lru<string, string>(100, (v) => v.length, 10)
    lru.set('a', 'xxxx')
    lru.set('b', 'yyyy')
    lru.set('c', 'zzzz') // 12 > 10: a goes
    expect(lru.get('a')).toBeUndefined()
    expect([lru.get('b'), lru.get('c')]).toEqual(['yyyy', 'zzzz'])
    lru.set('huge', 'x'.repeat(11))
    expect(lru.get('huge')).toBeUndefined()
    expect(lru.get('b')).toBe('yyyy')
    lru.set('b', 'y') // replacing an entry releases its old weight
    lru.set('d', 'dddd')
    lru.set('e', 'e')
    expect([lru.get('b'), lru.get('c'), lru.get('d'), lru.get('e')]).toEqual(['y', 'zzzz', 'dddd', 'e'])
  })
})
