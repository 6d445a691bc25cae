import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl'

/**
 * The offline basemap, drawn from the project's own data only: the area around the province (mask),
 * the province, communes and the national border. No glyphs, sprites or tiles from anywhere else; labels
 * are drawn by deck.gl from a bundled font. A deployment with a basemap server sets
 * VITE_BASEMAP_STYLE_URL (build time) or localStorage `antt.basemapStyleUrl` (run time) and these
 * layers are added on top of its style.
 */

export const BASEMAP_IDS = {
  mask: 'atlas-mask',
  neighbourFill: 'atlas-neighbour-fill',
  neighbourLines: 'atlas-neighbour-lines',
  provinceFill: 'atlas-province-fill',
  communeLines: 'atlas-commune-lines',
  provinceLine: 'atlas-province-line',
  borderCasing: 'atlas-border-casing',
  borderLine: 'atlas-border-line',
} as const

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] }

export type BasemapSource = 'mask' | 'neighbours' | 'province' | 'communes' | 'border'

/** Vector tile layer (and MVT layer name) behind each basemap source (/tiles/{layer}/{z}/{x}/{y}.mvt). */
const TILE_LAYER: Record<BasemapSource, string> = {
  mask: 'mask',
  neighbours: 'neighbours',
  province: 'province',
  communes: 'communes',
  border: 'border_line',
}

/**
 * GeoJSON sources (filled by the app from /api/units and /api/layers) or, when the API serves vector
 * tiles, tile sources on the same origin.
 */
export function basemapSources(tiles: boolean): Record<BasemapSource, SourceSpecification> {
  const src = (id: BasemapSource): SourceSpecification =>
    tiles
      ? {
          type: 'vector',
          tiles: [`${window.location.origin}/tiles/${TILE_LAYER[id]}/{z}/{x}/{y}.mvt`],
          minzoom: 0,
          maxzoom: 16,
        }
      : { type: 'geojson', data: EMPTY }
  return {
    mask: src('mask'),
    neighbours: src('neighbours'),
    province: src('province'),
    communes: src('communes'),
    border: src('border'),
  }
}

/** The tile path probed to decide between tiles and GeoJSON: any tile answers when tiles are served. */
export const PROBE_TILE = '/tiles/communes/7/101/55.mvt'

/** The data layers of the basemap; `external` leaves out the province fill so the external style shows. */
export function basemapLayers(external: boolean, tiles: boolean): LayerSpecification[] {
  const from = (source: BasemapSource) =>
    tiles ? { source, 'source-layer': TILE_LAYER[source] } : { source }
  const layers: LayerSpecification[] = [
    {
      id: BASEMAP_IDS.mask,
      type: 'fill',
      ...from('mask'),
      paint: { 'fill-color': '#d9dde2', 'fill-opacity': external ? 0.65 : 1 },
    },
    // the neighbouring provinces: lighter than the land beyond them, darker than the area (names: deck.gl)
    {
      id: BASEMAP_IDS.neighbourFill,
      type: 'fill',
      ...from('neighbours'),
      paint: { 'fill-color': '#e6e7e3', 'fill-opacity': external ? 0.5 : 1 },
    },
    {
      id: BASEMAP_IDS.neighbourLines,
      type: 'line',
      ...from('neighbours'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#9aa3ab',
        'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.8, 11, 1.6],
      },
    },
    {
      id: BASEMAP_IDS.communeLines,
      type: 'line',
      ...from('communes'),
      paint: {
        'line-color': '#5f6b76',
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.5, 10, 1.2, 13, 2],
        'line-opacity': 0.75,
      },
    },
    {
      id: BASEMAP_IDS.provinceLine,
      type: 'line',
      ...from('province'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#263238', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1.8, 11, 3] },
    },
    {
      id: BASEMAP_IDS.borderCasing,
      type: 'line',
      ...from('border'),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 4, 11, 7] },
    },
    {
      id: BASEMAP_IDS.borderLine,
      type: 'line',
      ...from('border'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#b71c1c',
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 2.2, 11, 4],
        'line-dasharray': [3, 1.2],
      },
    },
  ]
  if (!external)
    layers.unshift({
      id: BASEMAP_IDS.provinceFill,
      type: 'fill',
      ...from('province'),
      paint: { 'fill-color': '#f6f5f0' },
    })
  return layers
}

export function offlineStyle(tiles: boolean): StyleSpecification {
  return {
    version: 8,
    name: 'ANTT Atlas offline',
    sources: basemapSources(tiles),
    layers: [
      { id: 'atlas-background', type: 'background', paint: { 'background-color': '#cfd5db' } },
      ...basemapLayers(false, tiles),
    ],
  }
}

/** The configured external basemap style, if any. */
export function externalStyleUrl(): string | null {
  const runtime = typeof localStorage !== 'undefined' ? localStorage.getItem('antt.basemapStyleUrl') : null
  return runtime || import.meta.env.VITE_BASEMAP_STYLE_URL || null
}
