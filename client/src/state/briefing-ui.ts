import { sharedValue } from './shared-value.ts'

/** What the briefing interface has open: the panel, an export dialog, a presentation. */
export type ExportTarget = { kind: 'screen' } | { kind: 'view'; id: number } | { kind: 'deck'; id: number }

export interface BriefingUi {
  panel: boolean
  exporting: { format: 'png' | 'pdf'; target: ExportTarget } | null
  presenting: { viewIds: number[]; title: string; start: number } | null
  /** the form for saving the screen as a view is open, with this title proposed */
  saving: { title: string } | null
}

const ui = sharedValue<BriefingUi>({ panel: false, exporting: null, presenting: null, saving: null })

export const setUi = ui.patch
export const useBriefingUi = (): BriefingUi => ui.use()
