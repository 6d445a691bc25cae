import { mapRef } from '../map/map-ref.ts'
import { isPlanSnapshot, type PlanSnapshot, shownPlan, showPlan } from '../plans/plan-view.ts'
import type { AtlasState, Camera } from '../state/atlas-state.ts'
import { store, update } from '../state/store.ts'
import { atlasStateOf, type Bounds, type LiveCamera, type SavedViewState } from './view-state.ts'

/** The screen as it is: the state and the exact camera, to come back to after a presentation or export. */
export interface ScreenMemory {
  state: AtlasState
  camera: Camera | null
  plan: PlanSnapshot | null
}

export function rememberScreen(): ScreenMemory {
  const live = mapRef.current
  const c = live?.map.getCenter()
  return {
    state: store.get(),
    camera: live && c ? { lon: c.lng, lat: c.lat, zoom: live.map.getZoom() } : null,
    plan: shownPlan(),
  }
}

/**
 * Puts the screen back exactly as remembered. A screen that followed the province outline (no camera in
 * its state) gets that back once the map has reported the jump, so the address is the same as before.
 */
export function restoreScreen(m: ScreenMemory) {
  const live = mapRef.current
  live?.map.stop()
  update(m.state)
  showPlan(m.plan)
  if (!live || !m.camera) return
  const { lon, lat, zoom } = m.camera
  live.map.jumpTo({ center: [lon, lat], zoom })
  if (m.state.camera === null)
    setTimeout(() => {
      const c = live.map.getCenter()
      const still =
        Math.abs(c.lng - lon) < 1e-6 && Math.abs(c.lat - lat) < 1e-6 && live.map.getZoom() === zoom
      if (still && store.get().camera !== null) update({ camera: null })
    }, 400)
}

/** The live map's visible extent. */
export function liveBounds(): Bounds | null {
  const b = mapRef.current?.map.getBounds()
  return b ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] : null
}

export interface Padding {
  top: number
  bottom: number
  left: number
  right: number
}

/**
 * Shows a saved view: its state goes to the store (and the address bar); the camera fits the saved
 * extent into this screen, flying there when `animate` (the store's camera is left alone meanwhile so
 * the map does not jump; the map reports its camera when the flight ends).
 */
export function applySavedView(saved: SavedViewState, opts: { animate: boolean; padding?: Padding }) {
  const next = atlasStateOf(saved)
  showPlan(isPlanSnapshot(saved.plan) ? saved.plan : null)
  const live = mapRef.current
  let target: { center: [number, number]; zoom: number } | null = next.camera
    ? { center: [next.camera.lon, next.camera.lat], zoom: next.camera.zoom }
    : null
  if (live && saved.bounds) {
    const [w, s, e, n] = saved.bounds
    const cam = live.map.cameraForBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: opts.padding ?? 0 },
    )
    if (cam?.center && cam.zoom !== undefined) {
      const c = cam.center as { lng: number; lat: number }
      target = { center: [c.lng, c.lat], zoom: cam.zoom }
    }
  }
  if (!live || !target) {
    update(next)
    return
  }
  live.map.stop()
  if (opts.animate) {
    update({ ...next, camera: store.get().camera })
    live.map.flyTo({ center: target.center, zoom: target.zoom, duration: 1600, curve: 1.3 })
  } else {
    update({ ...next, camera: { lon: target.center[0], lat: target.center[1], zoom: target.zoom } })
    live.map.jumpTo({ center: target.center, zoom: target.zoom })
  }
}

/** The live map's camera and extent, for saving the screen as a view. */
export function liveCamera(): LiveCamera | null {
  const live = mapRef.current
  const bounds = liveBounds()
  if (!live || !bounds) return null
  const c = live.map.getCenter()
  return { camera: { lon: c.lng, lat: c.lat, zoom: live.map.getZoom() }, bounds }
}
