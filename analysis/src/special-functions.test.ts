import { describe, expect, it } from 'vitest'
import { erf, erfc, lgamma, logChoose, normalCdf, normalSf, normalTwoSidedP } from './special-functions.ts'

// Reference values from SciPy 1.17 (scipy.special.erfc, scipy.stats.norm.cdf) and Python math.lgamma.
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

describe('special functions', () => {
  it.each([
    [0.1, 0.8875370839817152],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028516],
    [2, 0.004677734981047266],
    [3, 2.2090496998585445e-5],
    [4.5, 1.9661604415428878e-10],
    [6, 2.1519736712498913e-17],
    [10, 2.0884875837625446e-45],
    [-1, 1.8427007929497148],
  ])('matches erfc(%d) to 1e-14 relative', (x, expected) => {
    expect(rel(erfc(x), expected)).toBeLessThan(1e-14)
  })

  it('makes erf and erfc add up to one', () => {
    for (const x of [-3, -0.3, 0, 0.2, 0.7, 2.5]) expect(erf(x) + erfc(x)).toBeCloseTo(1, 15)
  })

  it('gives Φ(1.96) = 0.9750021048517795', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15)
  })

  it('keeps relative precision deep in the lower tail of Φ', () => {
    expect(rel(normalCdf(-8.5), 9.47953482220325e-18)).toBeLessThan(1e-13)
    expect(rel(normalCdf(-3), 0.0013498980316300933)).toBeLessThan(1e-14)
  })

  it('gives the upper tail as 1 − Φ without cancellation', () => {
    expect(rel(normalSf(8.5), 9.47953482220325e-18)).toBeLessThan(1e-13)
  })

  it('gives a two-sided p of 0.05 at z = 1.959964', () => {
    expect(normalTwoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 12)
  })

  it.each([
    [0.5, 0.5723649429247004],
    [1, 0],
    [3.7, 1.4280723266653883],
    [10, 12.801827480081467],
    [100, 359.1342053695754],
    [1000.5, 5908.674175848678],
  ])('matches lgamma(%d) to 1e-13', (x, expected) => {
    expect(Math.abs(lgamma(x) - expected)).toBeLessThan(1e-13 * Math.max(1, Math.abs(expected)))
  })

  it('uses reflection below one half: Γ(−0.5) = −2√π', () => {
    expect(lgamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13)
  })

  it('gives exact-looking log binomial coefficients', () => {
    expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 10)
    expect(Math.exp(logChoose(52, 5))).toBeCloseTo(2598960, 5)
  })
})
