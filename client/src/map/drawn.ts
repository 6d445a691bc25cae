import { sharedValue } from '../state/shared-value.ts'

/** What the map learns while drawing and the panels and the legend show: hexagon classes, layers the API does not serve. */
export interface Drawn {
  hexBreaks: number[]
  hexColors: string[]
  unavailable: ReadonlySet<string>
}

const drawn = sharedValue<Drawn>({ hexBreaks: [], hexColors: [], unavailable: new Set() })

export function publishDrawn(next: Drawn) {
  const current = drawn.get()
  if (
    next.hexBreaks.join() === current.hexBreaks.join() &&
    next.hexColors.join() === current.hexColors.join() &&
    [...next.unavailable].join() === [...current.unavailable].join()
  )
    return
  drawn.set(next)
}

export const useDrawn = (): Drawn => drawn.use()
