import type { Lang } from '../i18n/format.ts'
import type { PlanSnapshot } from '../plans/plan-view.ts'
import type { AtlasState, Camera } from '../state/atlas-state.ts'
import { decodeState, encodeState } from '../state/url-state.ts'

/** West, south, east, north in degrees. */
export type Bounds = [number, number, number, number]

/**
 * What a saved view stores as its `state`. The view itself is the address-bar query (state/url-state.ts),
 * so a saved view, a copied link and the screen share one format; the period and language are repeated
 * for the API to validate, and the visible extent lets a different screen or a printed page show the same
 * area.
 */
export interface SavedViewState {
  q: string
  lang: Lang
  period?: { from: string; to: string }
  bounds?: Bounds
  /** a plan shown with the view (plans/plan-view.ts) */
  plan?: PlanSnapshot
}

export interface LiveCamera {
  camera: Camera
  bounds: Bounds
}

/**
 * The state to save for the screen as it is: the camera taken from the map (the address may still say
 * "whole province"), the period frozen to the one in force, so the view shows the same data later, and the
 * plan shown on the map, if any.
 */
export function captureViewState(
  state: AtlasState,
  live: LiveCamera | null,
  defaultPeriod: { from: string; to: string } | null,
  plan: PlanSnapshot | null = null,
): SavedViewState {
  const from = state.from ?? defaultPeriod?.from ?? null
  const to = state.to ?? defaultPeriod?.to ?? null
  const s: AtlasState = { ...state, camera: live?.camera ?? state.camera, from, to }
  return {
    q: encodeState(s),
    lang: s.lang,
    ...(from && to ? { period: { from, to } } : {}),
    ...(live ? { bounds: live.bounds.map((v) => Number(v.toFixed(5))) as Bounds } : {}),
    ...(plan ? { plan } : {}),
  }
}

/** The full screen state of a saved view; anything unknown or malformed falls back to the defaults. */
export function atlasStateOf(saved: SavedViewState | null | undefined): AtlasState {
  const s = decodeState(typeof saved?.q === 'string' ? saved.q : '')
  if (!s.from && saved?.period) {
    s.from = saved.period.from
    s.to = saved.period.to
  }
  return s
}

/** The zoom that shows `bounds` in a viewport of `width` × `height` CSS pixels (Web Mercator, 512 px tiles). */
export function zoomToFit(bounds: Bounds, width: number, height: number, padding = 0): number {
  const [w, s, e, n] = bounds
  const x = (lon: number) => (lon + 180) / 360
  const y = (lat: number) => {
    const r = (lat * Math.PI) / 180
    return (1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2
  }
  const dx = Math.abs(x(e) - x(w))
  const dy = Math.abs(y(s) - y(n))
  const zx = Math.log2(Math.max(width - 2 * padding, 1) / 512 / Math.max(dx, 1e-9))
  const zy = Math.log2(Math.max(height - 2 * padding, 1) / 512 / Math.max(dy, 1e-9))
  return Math.min(zx, zy)
}

/** The Web Mercator centre of `bounds`. */
export function boundsCenter([w, s, e, n]: Bounds): [number, number] {
  const y = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))
  const mid = (y(s) + y(n)) / 2
  return [(w + e) / 2, (2 * Math.atan(Math.exp(mid)) - Math.PI / 2) * (180 / Math.PI)]
}
