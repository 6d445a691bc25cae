import type { Layer, PickingInfo } from '@deck.gl/core'
import { MapboxOverlay } from '@deck.gl/mapbox'
import type { FeatureCollection } from 'geojson'
import maplibregl, { type GeoJSONSource, type LngLatBoundsLike, type Map as MaplibreMap } from 'maplibre-gl'
import {
  type BASEMAP_IDS,
  type BasemapSource,
  basemapLayers,
  basemapSources,
  externalStyleUrl,
  offlineStyle,
} from './basemap-style.ts'

export interface CameraChange {
  lon: number
  lat: number
  zoom: number
}

export interface AtlasMapEvents {
  /** `byUser` when a drag, wheel or keyboard moved the map, not the code. */
  onCamera(c: CameraChange, byUser: boolean): void
  onHover(info: PickingInfo): void
  onClick(info: PickingInfo): void
  onZoom(zoom: number): void
}

/** A deck.gl layer built from plain props; rebuilt only when a prop changes (shallow comparison). */
export interface LayerSpec<P extends object = object> {
  id: string
  props: P
  build: (props: P) => Layer | Layer[]
}

/** A layer spec whose props are checked against what its build function takes. */
export function layerSpec<P extends object>(
  id: string,
  build: (props: P) => Layer | Layer[],
  props: P,
): LayerSpec {
  return { id, props, build: build as LayerSpec['build'] }
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  return ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k])
}

/**
 * The one imperative owner of the map (after Placemark's PMap): MapLibre for the offline basemap, deck.gl
 * interleaved into it through MapboxOverlay, so later exports see a single canvas. React hands it state;
 * it skips redundant setData / setProps calls.
 */
export class AtlasMap {
  readonly map: MaplibreMap
  private overlay: MapboxOverlay
  private sourceData = new Map<string, unknown>()
  private layerState = new Map<string, string>()
  private built = new Map<string, { props: object; layers: Layer[] }>()
  private lastLayers: Layer[] = []
  private ready: Promise<void>
  private moveTimer: ReturnType<typeof setTimeout> | undefined
  /** set by setLayers; the overlay's props are only pushed once the style has loaded */
  private styleLoaded = false

  /** true when the basemap reads vector tiles (then it needs no GeoJSON source data) */
  readonly tiles: boolean

  constructor(
    container: HTMLElement,
    initial: { center: [number, number]; zoom: number } | { bounds: LngLatBoundsLike },
    private events: AtlasMapEvents,
    opts: { tiles: boolean },
  ) {
    const external = externalStyleUrl()
    this.tiles = opts.tiles
    this.map = new maplibregl.Map({
      container,
      style: external ?? offlineStyle(opts.tiles),
      ...('bounds' in initial ? { bounds: initial.bounds, fitBoundsOptions: { padding: 24 } } : initial),
      attributionControl: false,
      maxZoom: 16,
      // low enough that the whole country, islands included, fits a laptop screen beside the panels (about 4.4
      // at 1280×720); the outlines are generalised for every zoom from 0 (sql/functions/05_tiles.sql)
      minZoom: 3,
      dragRotate: false,
      pitchWithRotate: false,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    })
    this.map.touchZoomRotate.disableRotation()
    this.map.addControl(new maplibregl.ScaleControl({ maxWidth: 140, unit: 'metric' }), 'bottom-right')
    this.overlay = new MapboxOverlay({
      interleaved: true,
      layers: [],
      onHover: (info) => this.events.onHover(info),
      getCursor: ({ isHovering, isDragging }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab'),
    })
    this.ready = new Promise((resolve) => {
      this.map.once('style.load', () => {
        if (external) {
          for (const [id, src] of Object.entries(basemapSources(opts.tiles)))
            if (!this.map.getSource(id)) this.map.addSource(id, src)
          for (const layer of basemapLayers(true, opts.tiles))
            if (!this.map.getLayer(layer.id)) this.map.addLayer(layer)
        }
        this.map.addControl(this.overlay as unknown as maplibregl.IControl)
        this.styleLoaded = true
        resolve()
      })
    })
    this.map.on('moveend', (e) => {
      const byUser = e.originalEvent !== undefined
      clearTimeout(this.moveTimer)
      this.moveTimer = setTimeout(() => {
        const c = this.map.getCenter()
        this.events.onCamera({ lon: c.lng, lat: c.lat, zoom: this.map.getZoom() }, byUser)
      }, 120)
    })
    this.map.on('zoom', () => this.events.onZoom(this.map.getZoom()))
    // Clicks are taken from MapLibre and picked in deck.gl, so a click is one click whichever layer is on top.
    this.map.on('click', (e) => {
      const info = this.overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 3 })
      this.events.onClick(
        info ?? ({ x: e.point.x, y: e.point.y, object: null, layer: null } as unknown as PickingInfo),
      )
    })
  }

  whenReady(): Promise<void> {
    return this.ready
  }

  /** The deck.gl layers drawn now (exports clone them onto an offscreen map). */
  currentLayers(): readonly Layer[] {
    return this.lastLayers
  }

  /** Replaces a basemap source's data unless it is the same object as last time. */
  async setSourceData(id: BasemapSource, data: FeatureCollection | null) {
    if (this.tiles || this.sourceData.get(id) === data) return
    this.sourceData.set(id, data)
    await this.ready
    ;(this.map.getSource(id) as GeoJSONSource | undefined)?.setData(
      data ?? { type: 'FeatureCollection', features: [] },
    )
  }

  /** Shows or hides a basemap layer and sets its opacity, when changed. */
  async setBasemapLayer(id: (typeof BASEMAP_IDS)[keyof typeof BASEMAP_IDS], visible: boolean, opacity = 1) {
    const key = `${visible}:${opacity}`
    if (this.layerState.get(id) === key) return
    this.layerState.set(id, key)
    await this.ready
    if (!this.map.getLayer(id)) return
    this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none')
    const type = this.map.getLayer(id)?.type
    if (type === 'line') this.map.setPaintProperty(id, 'line-opacity', opacity)
    if (type === 'fill') this.map.setPaintProperty(id, 'fill-opacity', opacity)
  }

  /** Sets the deck.gl layers; specs whose props did not change keep their layer objects. */
  setLayers(specs: readonly LayerSpec[]) {
    const next: Layer[] = []
    const seen = new Set<string>()
    for (const spec of specs) {
      seen.add(spec.id)
      const prev = this.built.get(spec.id)
      if (prev && shallowEqual(prev.props, spec.props)) {
        next.push(...prev.layers)
        continue
      }
      const out = spec.build(spec.props)
      const layers = Array.isArray(out) ? out : [out]
      this.built.set(spec.id, { props: spec.props, layers })
      next.push(...layers)
    }
    for (const id of [...this.built.keys()]) if (!seen.has(id)) this.built.delete(id)
    if (next.length === this.lastLayers.length && next.every((l, i) => l === this.lastLayers[i])) return
    this.lastLayers = next
    // Marks for the benchmark (client/bench): when the map last received changed layers.
    performance.mark('atlas:layers')
    if (this.styleLoaded) this.overlay.setProps({ layers: next })
    else void this.ready.then(() => this.overlay.setProps({ layers: this.lastLayers }))
  }

  /** Moves the camera unless it is already there (URL restore, back button). */
  jumpTo(c: CameraChange) {
    const cur = this.map.getCenter()
    if (
      Math.abs(cur.lng - c.lon) < 1e-5 &&
      Math.abs(cur.lat - c.lat) < 1e-5 &&
      Math.abs(this.map.getZoom() - c.zoom) < 0.01
    )
      return
    this.map.jumpTo({ center: [c.lon, c.lat], zoom: c.zoom })
  }

  /** The element the map draws into. */
  get element(): HTMLElement {
    return this.map.getContainer()
  }

  fitBounds(
    bounds: [number, number, number, number],
    opts: { padding?: number; maxZoom?: number; animate?: boolean } = {},
  ) {
    this.map.fitBounds(
      [
        [bounds[0], bounds[1]],
        [bounds[2], bounds[3]],
      ],
      {
        padding: opts.padding ?? 40,
        maxZoom: opts.maxZoom ?? 13,
        duration: opts.animate === false ? 0 : 900,
      },
    )
  }

  /**
   * Brings `bounds` into the part of the map that no panel covers (`padding`, CSS pixels from each edge).
   * `reveal` leaves the camera alone when the bounds are already there (a unit just clicked), and otherwise
   * fits them; without it the bounds are always fitted (a unit picked in a search or a table).
   */
  showBounds(
    bounds: [number, number, number, number],
    padding: { top: number; right: number; bottom: number; left: number },
    opts: { reveal?: boolean; maxZoom?: number } = {},
  ) {
    const { clientWidth: w, clientHeight: h } = this.map.getContainer()
    // a map squeezed below the padding cannot fit anything: fall back to a small even margin
    const pad =
      w - padding.left - padding.right < 120 || h - padding.top - padding.bottom < 120
        ? { top: 20, right: 20, bottom: 20, left: 20 }
        : padding
    if (opts.reveal) {
      const inside = [
        [bounds[0], bounds[1]],
        [bounds[2], bounds[3]],
      ].every(([lon, lat]) => {
        const p = this.map.project([lon, lat])
        return p.x >= pad.left && p.x <= w - pad.right && p.y >= pad.top && p.y <= h - pad.bottom
      })
      if (inside) return
    }
    this.map.fitBounds(
      [
        [bounds[0], bounds[1]],
        [bounds[2], bounds[3]],
      ],
      { padding: pad, maxZoom: opts.maxZoom ?? 13, duration: 700 },
    )
  }

  flyTo(lon: number, lat: number, zoom: number) {
    this.map.flyTo({ center: [lon, lat], zoom, duration: 900 })
  }

  zoomBy(delta: number) {
    this.map.easeTo({ zoom: this.map.getZoom() + delta, duration: 250 })
  }

  zoom(): number {
    return this.map.getZoom()
  }

  resize() {
    this.map.resize()
  }

  destroy() {
    clearTimeout(this.moveTimer)
    this.map.remove()
  }
}
