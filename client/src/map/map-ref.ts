import type { AtlasMap } from './atlas-map.ts'

/** The live map, for panels that move the camera (table rows, search results). */
export const mapRef: {
  current: AtlasMap | null
  fitUnit?: (code: string) => void
  /** the unit last selected by a click on the map (already in sight: revealed, not fitted) */
  clicked?: string
} = { current: null }

/** Hover from outside the map (ranking table rows). */
type HoverListener = (code: string | null) => void
const hoverListeners = new Set<HoverListener>()
export function setExternalHover(code: string | null) {
  for (const l of hoverListeners) l(code)
}
export function onExternalHover(l: HoverListener): () => void {
  hoverListeners.add(l)
  return () => hoverListeners.delete(l)
}
