import { useSyncExternalStore } from 'react'

/** What the map learns while drawing and the panels and the legend show: hexagon classes, layers the API does not serve. */
export interface Drawn {
  hexBreaks: number[]
  hexColors: string[]
  unavailable: ReadonlySet<string>
}

let current: Drawn = { hexBreaks: [], hexColors: [], unavailable: new Set() }
const listeners = new Set<() => void>()

export function publishDrawn(next: Drawn) {
  if (
    next.hexBreaks.join() === current.hexBreaks.join() &&
    next.hexColors.join() === current.hexColors.join() &&
    [...next.unavailable].join() === [...current.unavailable].join()
  )
    return
  current = next
  for (const l of listeners) l()
}

export function useDrawn(): Drawn {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => current,
  )
}
