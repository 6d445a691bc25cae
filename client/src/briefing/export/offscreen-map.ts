import type { Layer } from '@deck.gl/core'
import { MapboxOverlay } from '@deck.gl/mapbox'
import maplibregl from 'maplibre-gl'
import type { AtlasMap } from '../../map/atlas-map.ts'
import type { Bounds } from '../view-state.ts'
import { metresPerCssPixel } from './scale-bar.ts'

export interface OffscreenMap {
  /** a 2D copy of the map's pixels */
  canvas: HTMLCanvasElement
  bounds: Bounds
  /** ground metres per CSS pixel at the centre latitude */
  metresPerCssPx: number
  centerLat: number
}

export interface OffscreenOptions {
  /** CSS size of the map; the drawing buffer is this × pixelRatio */
  cssWidth: number
  cssHeight: number
  pixelRatio: number
  center: [number, number]
  zoom: number
}

/** Pixel ratio while the offscreen map loads. */
const DRAFT_PIXEL_RATIO = 0.25

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
    // The basemap's sources and tiles load at a fraction of the resolution (cheap frames for a software
    // renderer); the print-size frames are drawn once they are there (see below).
    pixelRatio: DRAFT_PIXEL_RATIO,
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    maxZoom: 22,
    minZoom: 0,
    maxCanvasSize: [16384, 16384],
    // Multisampling adds little at two or more device pixels per CSS pixel and costs a software renderer
    // dearly at print sizes; MapLibre's own line antialiasing stays.
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: o.pixelRatio < 2 },
  })
  const destroy = () => {
    map.remove()
    container.remove()
  }
  try {
    await once(map, 'load')
    map.triggerRepaint()
    await once(map, 'idle')
    map.setPixelRatio(o.pixelRatio)
    // deck.gl takes the pixel ratio when it joins the map, so it joins at the final one.
    const overlay = new MapboxOverlay({
      interleaved: true,
      layers: live.currentLayers().map((l) => l.clone({})),
    })
    map.addControl(overlay as unknown as maplibregl.IControl)
    await layersLoaded(map, overlay)
    const c = map.getCenter()
    const b = map.getBounds()
    const out = {
      canvas: readBack(map.getCanvas()),
      bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as Bounds,
      metresPerCssPx: metresPerCssPixel(c.lat, map.getZoom()),
      centerLat: c.lat,
    }
    // The pixels are copied: the map goes at once, so it draws no further frame at print size.
    destroy()
    return out
  } catch (e) {
    destroy()
    throw e
  }
}

/**
 * The map's pixels on a 2D canvas. Read with readPixels from the preserved drawing buffer: drawing a
 * WebGL canvas onto a 2D one goes through the compositor, which takes tens of seconds at print sizes with
 * a software renderer (SwiftShader), where readPixels takes well under one.
 */
function readBack(source: HTMLCanvasElement): HTMLCanvasElement {
  const gl = (source.getContext('webgl2') ?? source.getContext('webgl')) as WebGLRenderingContext | null
  const out = document.createElement('canvas')
  out.width = source.width
  out.height = source.height
  const ctx = out.getContext('2d')!
  if (!gl) {
    ctx.drawImage(source, 0, 0)
    return out
  }
  const w = gl.drawingBufferWidth
  const h = gl.drawingBufferHeight
  const px = new Uint8ClampedArray(w * h * 4)
  gl.bindFramebuffer(gl.FRAMEBUFFER, null)
  gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px)
  // WebGL rows run bottom to top.
  const image = new ImageData(w, h)
  const row = w * 4
  for (let y = 0; y < h; y++) image.data.set(px.subarray((h - 1 - y) * row, (h - y) * row), y * row)
  out.width = w
  out.height = h
  ctx.putImageData(image, 0, 0)
  return out
}

/** Waits until the basemap is idle and every deck.gl layer has loaded, then for one more full draw. */
async function layersLoaded(map: maplibregl.Map, overlay: MapboxOverlay, timeoutMs = 60_000) {
  const t0 = performance.now()
  const deck = () =>
    (overlay as unknown as { _deck?: { layerManager?: { getLayers(): Layer[] } | null } })._deck
  // Each extra frame is a full print-size draw for a software renderer: draw again only when a layer
  // was still loading at the last idle.
  for (let first = true; ; first = false) {
    if (!first) {
      await new Promise((r) => setTimeout(r, 100))
      map.triggerRepaint()
    }
    await once(map, 'idle', 20_000)
    const manager = deck()?.layerManager
    if (manager?.getLayers().every((l) => l.isLoaded) || performance.now() - t0 > timeoutMs) return
  }
}
