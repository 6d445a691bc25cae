/** Fixed colours of the map; thematic colours come from ColorBrewer (analysis/src/palettes.ts). */
export type Rgba = [number, number, number, number]

export const NO_DATA_FILL: Rgba = [200, 200, 200, 170]
export const SELECTED_LINE: Rgba = [10, 40, 110, 255]
export const HOVER_LINE: Rgba = [20, 20, 20, 230]
export const BORDER_BELT_FILL: Rgba = [198, 40, 40, 80]
export const BORDER_BELT_LINE: Rgba = [150, 20, 20, 220]
/** 2008 commune outlines: violet, apart from every thematic palette's hues */
export const COMMUNE_2008_LINE: Rgba = [106, 61, 154, 230]

/**
 * Categorical colours for model types: Paul Tol's "muted" and "bright" qualitative schemes, which stay
 * distinguishable with the common colour-vision deficiencies (Tol 2021, "Colour schemes", SRON/EPS/TN/09-002).
 */
export const CATEGORICAL: readonly string[] = [
  '#332288',
  '#88ccee',
  '#44aa99',
  '#117733',
  '#999933',
  '#ddcc77',
  '#cc6677',
  '#882255',
  '#aa4499',
  '#4477aa',
  '#ee6677',
  '#bbbbbb',
]

/** Incident categories in the detail chart: political security in purples, social order in other hues. */
export function categoricalColor(index: number): string {
  return CATEGORICAL[index % CATEGORICAL.length]
}

/** Area classes drawn as outlines. */
export const AREA_CLASS_COLORS: Readonly<Record<string, string>> = {
  strategic: '#d62728',
  remote: '#7b3294',
  ethnic_minority: '#1b7837',
  religious: '#e08214',
  border: '#444444',
}

export const BORDER_FEATURE_COLORS: Readonly<Record<string, string>> = {
  gate_international: '#b2182b',
  gate_main: '#d6604d',
  gate_secondary: '#f4a582',
  opening: '#762a83',
  marker: '#1a1a1a',
  post: '#1b7837',
}

export function rgba(hex: string, alpha = 255): Rgba {
  const h = hex.replace('#', '')
  return [
    Number.parseInt(h.slice(0, 2), 16),
    Number.parseInt(h.slice(2, 4), 16),
    Number.parseInt(h.slice(4, 6), 16),
    alpha,
  ]
}
