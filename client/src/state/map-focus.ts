/**
 * What panels ask of the map without importing it: fit a unit or an extent into view, hover a unit. The map
 * registers `fitUnit` and `fitBounds` when it mounts (map/MapView.tsx) and listens for hovers.
 */
export const mapFocus: {
  fitUnit?: (code: string) => void
  /** an extent [west, south, east, north] (a province found in the search) */
  fitBounds?: (bounds: [number, number, number, number]) => void
  /** the unit last selected by a click on the map (already in sight: revealed, not fitted) */
  clicked?: string
} = {}

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
