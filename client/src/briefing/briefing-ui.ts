import { useSyncExternalStore } from 'react'

/** What the briefing interface has open: the panel, an export dialog, a presentation. */
export type ExportTarget = { kind: 'screen' } | { kind: 'view'; id: number } | { kind: 'deck'; id: number }

export interface BriefingUi {
  panel: boolean
  exporting: { format: 'png' | 'pdf'; target: ExportTarget } | null
  presenting: { viewIds: number[]; title: string; start: number } | null
}

let ui: BriefingUi = { panel: false, exporting: null, presenting: null }
const listeners = new Set<() => void>()

export function setUi(patch: Partial<BriefingUi>) {
  ui = { ...ui, ...patch }
  for (const l of listeners) l()
}

export function useBriefingUi(): BriefingUi {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => ui,
  )
}
