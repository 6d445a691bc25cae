/**
 * Colour schemes for choropleths.
 *
 * Sequential and diverging schemes: ColorBrewer 2.0 by Cynthia A. Brewer
 * (colorbrewer2.org), Apache License 2.0; colours given low → high for 3–9
 * classes. All the schemes listed are marked colour-blind safe by ColorBrewer.
 * Bivariate: Joshua Stevens' 3 × 3 schemes ("Bivariate choropleth maps: a
 * how-to guide", 2015).
 */

export type SequentialPalette = 'YlOrRd' | 'OrRd' | 'Blues' | 'Greens' | 'Purples' | 'YlGnBu'
export type DivergingPalette = 'RdBu' | 'PuOr' | 'BrBG'
export type PaletteName = SequentialPalette | DivergingPalette
export type ClassCount = 3 | 4 | 5 | 6 | 7 | 8 | 9
type Scheme = Readonly<Record<ClassCount, readonly string[]>>

/**
 * ColorBrewer takes the 3- to 9-class versions of a scheme from one series of colours, lettered A, B, C…
 * in its specification; every scheme of a kind takes the same letters for a number of classes. A sequential
 * series runs A–M, light to dark; a diverging one, as far as 9 classes take it, B–N.
 */
const SEQUENTIAL_LETTERS = 'ABCDEFGHIJKLM'
const SEQUENTIAL_CLASSES: Readonly<Record<ClassCount, string>> = {
  3: 'CFI',
  4: 'BEGJ',
  5: 'BEGIK',
  6: 'BDFGIK',
  7: 'BDFGHJL',
  8: 'ACDFGHJL',
  9: 'ACDFGHJKM',
}
const DIVERGING_LETTERS = 'BCDEFGHIJKLMN'
const DIVERGING_CLASSES: Readonly<Record<ClassCount, string>> = {
  3: 'EHK',
  4: 'CFJM',
  5: 'CFHJM',
  6: 'BEGIKN',
  7: 'BEGHIKN',
  8: 'BDFGIJLN',
  9: 'BDFGHIJLN',
}

/** A scheme's classes from its series of colours (space-separated, in the order of `letters`). */
function scheme(letters: string, classes: Readonly<Record<ClassCount, string>>, series: string): Scheme {
  const colours = series.split(' ')
  if (colours.length !== letters.length)
    throw new Error(`a series of ${letters.length} colours, not ${series}`)
  const byLetter = new Map([...letters].map((letter, i) => [letter, colours[i]]))
  const entries = Object.entries(classes).map(([k, picked]) => [k, [...picked].map((l) => byLetter.get(l)!)])
  return Object.fromEntries(entries) as Record<ClassCount, string[]>
}

const sequential = (series: string) => scheme(SEQUENTIAL_LETTERS, SEQUENTIAL_CLASSES, series)
const diverging = (series: string) => scheme(DIVERGING_LETTERS, DIVERGING_CLASSES, series)

export const SEQUENTIAL: Readonly<Record<SequentialPalette, Scheme>> = {
  YlOrRd: sequential(
    '#ffffcc #ffffb2 #ffeda0 #fed976 #fecc5c #feb24c #fd8d3c #fc4e2a #f03b20 #e31a1c #bd0026 #b10026 #800026',
  ),
  OrRd: sequential(
    '#fff7ec #fef0d9 #fee8c8 #fdd49e #fdcc8a #fdbb84 #fc8d59 #ef6548 #e34a33 #d7301f #b30000 #990000 #7f0000',
  ),
  Blues: sequential(
    '#f7fbff #eff3ff #deebf7 #c6dbef #bdd7e7 #9ecae1 #6baed6 #4292c6 #3182bd #2171b5 #08519c #084594 #08306b',
  ),
  Greens: sequential(
    '#f7fcf5 #edf8e9 #e5f5e0 #c7e9c0 #bae4b3 #a1d99b #74c476 #41ab5d #31a354 #238b45 #006d2c #005a32 #00441b',
  ),
  Purples: sequential(
    '#fcfbfd #f2f0f7 #efedf5 #dadaeb #cbc9e2 #bcbddc #9e9ac8 #807dba #756bb1 #6a51a3 #54278f #4a1486 #3f007d',
  ),
  YlGnBu: sequential(
    '#ffffd9 #ffffcc #edf8b1 #c7e9b4 #a1dab4 #7fcdbb #41b6c4 #1d91c0 #2c7fb8 #225ea8 #253494 #0c2c84 #081d58',
  ),
}

/** Diverging schemes run from the first hue (low) through a light neutral (H) to the second (high). */
export const DIVERGING: Readonly<Record<DivergingPalette, Scheme>> = {
  RdBu: diverging(
    '#b2182b #ca0020 #d6604d #ef8a62 #f4a582 #fddbc7 #f7f7f7 #d1e5f0 #92c5de #67a9cf #4393c3 #0571b0 #2166ac',
  ),
  PuOr: diverging(
    '#b35806 #e66101 #e08214 #f1a340 #fdb863 #fee0b6 #f7f7f7 #d8daeb #b2abd2 #998ec3 #8073ac #5e3c99 #542788',
  ),
  BrBG: diverging(
    '#8c510a #a6611a #bf812d #d8b365 #dfc27d #f6e8c3 #f5f5f5 #c7eae5 #80cdc1 #5ab4ac #35978f #018571 #01665e',
  ),
}

export const PALETTE_NAMES: readonly PaletteName[] = [
  ...(Object.keys(SEQUENTIAL) as SequentialPalette[]),
  ...(Object.keys(DIVERGING) as DivergingPalette[]),
]

export function isDiverging(name: PaletteName): name is DivergingPalette {
  return name in DIVERGING
}

/**
 * k colours, low → high. k from 3 to 9 is ColorBrewer's own scheme; since a
 * classification can return fewer classes than asked (ties), k = 2 gives the
 * ends of the 3-class scheme and k = 1 its middle colour.
 */
export function palette(name: PaletteName, k: number): string[] {
  const scheme: Scheme | undefined = isDiverging(name)
    ? DIVERGING[name]
    : SEQUENTIAL[name as SequentialPalette]
  if (!scheme) throw new RangeError(`unknown palette '${name}'`)
  if (!(Number.isInteger(k) && k >= 1 && k <= 9))
    throw new RangeError(`palette '${name}' has 1–9 classes, asked for ${k}`)
  if (k === 1) return [scheme[3][1]]
  if (k === 2) return [scheme[3][0], scheme[3][2]]
  return [...scheme[k as ClassCount]]
}

export type BivariatePalette = 'blue-red' | 'blue-purple' | 'green-blue'

/**
 * Stevens' schemes as rows: BIVARIATE[name][row][col], with col the class of
 * the first variable (x, low → high) and row the class of the second (y).
 * [0][0] is low–low, [2][2] high–high.
 */
export const BIVARIATE: Readonly<Record<BivariatePalette, readonly (readonly string[])[]>> = {
  'blue-red': [
    ['#e8e8e8', '#e4acac', '#c85a5a'],
    ['#b0d5df', '#ad9ea5', '#985356'],
    ['#64acbe', '#627f8c', '#574249'],
  ],
  'blue-purple': [
    ['#e8e8e8', '#ace4e4', '#5ac8c8'],
    ['#dfb0d6', '#a5add3', '#5698b9'],
    ['#be64ac', '#8c62aa', '#3b4994'],
  ],
  'green-blue': [
    ['#e8e8e8', '#b5c0da', '#6c83b5'],
    ['#b8d6be', '#90b2b3', '#567994'],
    ['#73ae80', '#5a9178', '#2a5a5b'],
  ],
}

/** Colour for x class xClass and y class yClass (each 0, 1 or 2). */
export function bivariateColour(xClass: number, yClass: number, name: BivariatePalette = 'blue-red'): string {
  const ok = (c: number) => Number.isInteger(c) && c >= 0 && c <= 2
  if (!ok(xClass) || !ok(yClass))
    throw new RangeError(`bivariate classes must be 0, 1 or 2, got ${xClass}, ${yClass}`)
  return BIVARIATE[name][yClass][xClass]
}
