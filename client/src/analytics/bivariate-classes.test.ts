import { BIVARIATE } from '@antt/analysis'
import { describe, expect, it } from 'vitest'
import { BIVARIATE_SCHEME, bivariateCell, bivariateFill, tercileOf, terciles } from './bivariate-classes.ts'

const classesOf = (values: number[]) => {
  const t = terciles(values)
  return values.map((v) => tercileOf(t, v))
}

describe('terciles of one variable', () => {
  it('cuts spread values into thirds', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    expect(classesOf(values)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2])
  })

  it('keeps tied values together and still makes three classes when most units share the top value', () => {
    // 12 communes below full coverage, 30 fully covered: the fully covered ones are "high".
    const values = [0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, ...Array(30).fill(1)]
    const c = classesOf(values)
    expect(c.slice(12)).toEqual(Array(30).fill(2))
    expect(c.slice(0, 6)).toEqual(Array(6).fill(0))
    expect(c.slice(6, 12)).toEqual(Array(6).fill(1))
  })

  it('makes covered and uncovered villages the low and high classes when there are only two values', () => {
    expect(classesOf([0, 1, 1, 0, 1])).toEqual([0, 2, 2, 0, 2])
  })

  it('puts every unit in the middle when all values are equal', () => {
    expect(classesOf([3, 3, 3])).toEqual([1, 1, 1])
  })

  it('gives no class to missing values', () => {
    const t = terciles([1, 2, 3, null])
    expect(tercileOf(t, null)).toBeNull()
    expect(tercileOf(t, Number.NaN)).toBeNull()
  })
})

describe('bivariate cells', () => {
  it('puts high need and low coverage in the top right, the darkest colour', () => {
    expect(bivariateCell(2, 0)).toEqual({ x: 2, y: 2 })
    expect(bivariateFill(2, 0)).toBe(BIVARIATE[BIVARIATE_SCHEME][2][2])
    expect(bivariateFill(0, 2)).toBe(BIVARIATE[BIVARIATE_SCHEME][0][0])
  })
})
