// "Place it by clicking the map": one click on the live map (the existing wrapper's MapLibre map) gives
// a WGS84 point; Escape cancels.
import { mapRef } from '../map/map-ref.ts'

export interface LonLat {
  lon: number
  lat: number
}

/** Rounds to 6 decimals (≈ 0.1 m), the precision the API stores. */
export const round6 = (x: number) => Math.round(x * 1e6) / 1e6

export function pickPoint(): Promise<LonLat | null> {
  const atlas = mapRef.current
  if (!atlas) return Promise.resolve(null)
  const map = atlas.map
  const canvas = map.getCanvas()
  const cursor = canvas.style.cursor
  canvas.style.cursor = 'crosshair'
  return new Promise((resolve) => {
    const done = (p: LonLat | null) => {
      map.off('click', onClick)
      window.removeEventListener('keydown', onKey)
      canvas.style.cursor = cursor
      resolve(p)
    }
    const onClick = (e: { lngLat: { lng: number; lat: number } }) =>
      done({ lon: round6(e.lngLat.lng), lat: round6(e.lngLat.lat) })
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && done(null)
    map.on('click', onClick)
    window.addEventListener('keydown', onKey)
  })
}
