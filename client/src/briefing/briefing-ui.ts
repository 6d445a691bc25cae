import { useSyncExternalStore } from 'react'

/** What the briefing interface has open: the panel, an export dialog, a presentation. */
export type ExportTarget = { kind: 'screen' } | { kind: 'view'; id: number } | { kind: 'deck'; id: number }

export interface BriefingUi {
  panel: boolean
  exporting: { format: 'png' | 'pdf'; target: ExportTarget } | null
  presenting: { viewIds: number[]; title: string; start: number } | null
  /** the form for saving the screen as a view is open, with this title proposed */
  saving: { title: string } | null
}

let ui: BriefingUi = { panel: false, exporting: null, presenting: null, saving: null }
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
