import { describe, expect, it } from 'vitest'
import { acceptsGzip, noneMatchHits } from './conditional.ts'

describe('Accept-Encoding', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['gzip;q=0', false],
    ['*;q=0.5, gzip;q=0', false],
    ['identity', false],
    ['', false],
    [undefined, false],
  ])('%s → gzip %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected)
  })
})

describe('If-None-Match', () => {
  const etags = ['"abc"', '"abc-gzip"']
  it('matches a listed tag, weak or strong, or *', () => {
    expect(noneMatchHits('"abc"', etags)).toBe(true)
    expect(noneMatchHits('"x", W/"abc-gzip"', etags)).toBe(true)
    expect(noneMatchHits('*', etags)).toBe(true)
  })
  it('does not match other tags or a missing header', () => {
    expect(noneMatchHits('"abcd"', etags)).toBe(false)
    expect(noneMatchHits('abc', etags)).toBe(false)
    expect(noneMatchHits(undefined, etags)).toBe(false)
  })
})
