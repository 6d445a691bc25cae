import type { Layer } from '@deck.gl/core'
import { MapboxOverlay } from '@deck.gl/mapbox'
import maplibregl from 'maplibre-gl'
import type { AtlasMap } from '../../map/atlas-map.ts'
import type { Bounds } from '../view-state.ts'
import { metresPerCssPixel } from './scale-bar.ts'

export interface OffscreenMap {
  canvas: HTMLCanvasElement
  bounds: Bounds
  /** ground metres per CSS pixel at the centre latitude */
  metresPerCssPx: number
  centerLat: number
  destroy(): void
}

export interface OffscreenOptions {
  /** CSS size of the map; the drawing buffer is this × pixelRatio */
  cssWidth: number
  cssHeight: number
  pixelRatio: number
  center: [number, number]
  zoom: number
}

const once = (map: maplibregl.Map, event: 'load' | 'idle', timeoutMs = 60_000) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs)
    map.once(event, () => {
      clearTimeout(timer)
      resolve()
    })
  })

/**
 * Draws the live map again, off screen, at print resolution: the same style (with its data) and clones of
 * the same deck.gl layers on a MapLibre map of the page's size in CSS pixels with `pixelRatio` = dpi / 96.
 * Lines, symbols and labels are drawn at the target resolution, not scaled up from the screen.
 */
export async function renderOffscreenMap(live: AtlasMap, o: OffscreenOptions): Promise<OffscreenMap> {
  const container = document.createElement('div')
  container.setAttribute('aria-hidden', 'true')
  Object.assign(container.style, {
    position: 'fixed',
    left: '-30000px',
    top: '0px',
    width: `${o.cssWidth}px`,
    height: `${o.cssHeight}px`,
    pointerEvents: 'none',
  })
  document.body.appendChild(container)
  const map = new maplibregl.Map({
    container,
    style: live.map.getStyle(),
    center: o.center,
    zoom: o.zoom,
    pixelRatio: o.pixelRatio,
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    maxZoom: 22,
    minZoom: 0,
    maxCanvasSize: [16384, 16384],
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
  })
  const destroy = () => {
    map.remove()
    container.remove()
  }
  try {
    await once(map, 'load')
    const overlay = new MapboxOverlay({
      interleaved: true,
      layers: live.currentLayers().map((l) => l.clone({})),
    })
    map.addControl(overlay as unknown as maplibregl.IControl)
    await layersLoaded(map, overlay)
    const c = map.getCenter()
    const b = map.getBounds()
    return {
      canvas: map.getCanvas(),
      bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
      metresPerCssPx: metresPerCssPixel(c.lat, map.getZoom()),
      centerLat: c.lat,
      destroy,
    }
  } catch (e) {
    destroy()
    throw e
  }
}

/** Waits until the basemap is idle and every deck.gl layer has loaded, then for one more full draw. */
async function layersLoaded(map: maplibregl.Map, overlay: MapboxOverlay, timeoutMs = 60_000) {
  const t0 = performance.now()
  // deck.gl keeps its layer manager protected; reading `isLoaded` is all this needs.
  const deck = () =>
    (overlay as unknown as { _deck?: { layerManager?: { getLayers(): Layer[] } | null } })._deck
  for (;;) {
    map.triggerRepaint()
    await once(map, 'idle', 20_000)
    const layers = deck()?.layerManager?.getLayers() ?? []
    if ((deck() && layers.every((l) => l.isLoaded)) || performance.now() - t0 > timeoutMs) break
    await new Promise((r) => setTimeout(r, 100))
  }
  map.triggerRepaint()
  await once(map, 'idle', 20_000)
}
