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

export const SEQUENTIAL: Readonly<Record<SequentialPalette, Scheme>> = {
  YlOrRd: {
    3: ['#ffeda0', '#feb24c', '#f03b20'],
    4: ['#ffffb2', '#fecc5c', '#fd8d3c', '#e31a1c'],
    5: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
    6: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'],
    7: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
    8: ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
    9: ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#bd0026', '#800026'],
  },
  OrRd: {
    3: ['#fee8c8', '#fdbb84', '#e34a33'],
    4: ['#fef0d9', '#fdcc8a', '#fc8d59', '#d7301f'],
    5: ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'],
    6: ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'],
    7: ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#990000'],
    8: ['#fff7ec', '#fee8c8', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#990000'],
    9: ['#fff7ec', '#fee8c8', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#b30000', '#7f0000'],
  },
  Blues: {
    3: ['#deebf7', '#9ecae1', '#3182bd'],
    4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
    5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
    6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
    7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
    8: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
    9: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'],
  },
  Greens: {
    3: ['#e5f5e0', '#a1d99b', '#31a354'],
    4: ['#edf8e9', '#bae4b3', '#74c476', '#238b45'],
    5: ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'],
    6: ['#edf8e9', '#c7e9c0', '#a1d99b', '#74c476', '#31a354', '#006d2c'],
    7: ['#edf8e9', '#c7e9c0', '#a1d99b', '#74c476', '#41ab5d', '#238b45', '#005a32'],
    8: ['#f7fcf5', '#e5f5e0', '#c7e9c0', '#a1d99b', '#74c476', '#41ab5d', '#238b45', '#005a32'],
    9: ['#f7fcf5', '#e5f5e0', '#c7e9c0', '#a1d99b', '#74c476', '#41ab5d', '#238b45', '#006d2c', '#00441b'],
  },
  Purples: {
    3: ['#efedf5', '#bcbddc', '#756bb1'],
    4: ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#6a51a3'],
    5: ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'],
    6: ['#f2f0f7', '#dadaeb', '#bcbddc', '#9e9ac8', '#756bb1', '#54278f'],
    7: ['#f2f0f7', '#dadaeb', '#bcbddc', '#9e9ac8', '#807dba', '#6a51a3', '#4a1486'],
    8: ['#fcfbfd', '#efedf5', '#dadaeb', '#bcbddc', '#9e9ac8', '#807dba', '#6a51a3', '#4a1486'],
    9: ['#fcfbfd', '#efedf5', '#dadaeb', '#bcbddc', '#9e9ac8', '#807dba', '#6a51a3', '#54278f', '#3f007d'],
  },
  YlGnBu: {
    3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
    4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
    5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
    6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
    7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
    8: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
    9: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'],
  },
}

/** Diverging schemes run from the first hue (low) through a light neutral to the second (high). */
export const DIVERGING: Readonly<Record<DivergingPalette, Scheme>> = {
  RdBu: {
    3: ['#ef8a62', '#f7f7f7', '#67a9cf'],
    4: ['#ca0020', '#f4a582', '#92c5de', '#0571b0'],
    5: ['#ca0020', '#f4a582', '#f7f7f7', '#92c5de', '#0571b0'],
    6: ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac'],
    7: ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'],
    8: ['#b2182b', '#d6604d', '#f4a582', '#fddbc7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'],
    9: ['#b2182b', '#d6604d', '#f4a582', '#fddbc7', '#f7f7f7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'],
  },
  PuOr: {
    3: ['#f1a340', '#f7f7f7', '#998ec3'],
    4: ['#e66101', '#fdb863', '#b2abd2', '#5e3c99'],
    5: ['#e66101', '#fdb863', '#f7f7f7', '#b2abd2', '#5e3c99'],
    6: ['#b35806', '#f1a340', '#fee0b6', '#d8daeb', '#998ec3', '#542788'],
    7: ['#b35806', '#f1a340', '#fee0b6', '#f7f7f7', '#d8daeb', '#998ec3', '#542788'],
    8: ['#b35806', '#e08214', '#fdb863', '#fee0b6', '#d8daeb', '#b2abd2', '#8073ac', '#542788'],
    9: ['#b35806', '#e08214', '#fdb863', '#fee0b6', '#f7f7f7', '#d8daeb', '#b2abd2', '#8073ac', '#542788'],
  },
  BrBG: {
    3: ['#d8b365', '#f5f5f5', '#5ab4ac'],
    4: ['#a6611a', '#dfc27d', '#80cdc1', '#018571'],
    5: ['#a6611a', '#dfc27d', '#f5f5f5', '#80cdc1', '#018571'],
    6: ['#8c510a', '#d8b365', '#f6e8c3', '#c7eae5', '#5ab4ac', '#01665e'],
    7: ['#8c510a', '#d8b365', '#f6e8c3', '#f5f5f5', '#c7eae5', '#5ab4ac', '#01665e'],
    8: ['#8c510a', '#bf812d', '#dfc27d', '#f6e8c3', '#c7eae5', '#80cdc1', '#35978f', '#01665e'],
    9: ['#8c510a', '#bf812d', '#dfc27d', '#f6e8c3', '#f5f5f5', '#c7eae5', '#80cdc1', '#35978f', '#01665e'],
  },
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
