import { useSyncExternalStore } from 'react'

/** What the map learns while drawing (hexagon classes, layers the API does not serve) and the panels show. */
export interface LegendData {
  hexBreaks: number[]
  hexColors: string[]
  unavailable: ReadonlySet<string>
}

let current: LegendData = { hexBreaks: [], hexColors: [], unavailable: new Set() }
const listeners = new Set<() => void>()

export function publishLegendData(next: LegendData) {
  if (
    next.hexBreaks.join() === current.hexBreaks.join() &&
    next.hexColors.join() === current.hexColors.join() &&
    [...next.unavailable].join() === [...current.unavailable].join()
  )
    return
  current = next
  for (const l of listeners) l()
}

export function useLegendData(): LegendData {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => current,
  )
}
