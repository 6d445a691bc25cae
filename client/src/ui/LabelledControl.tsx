import type { ReactNode } from 'react'

/** A control of the map panels and dialogs with its label above it; `grow` lets it take the rest of a row. */
export function LabelledControl(props: { label: ReactNode; grow?: boolean; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control comes in as children
    <label className={props.grow ? 'field grow' : 'field'}>
      <span className="field-label">{props.label}</span>
      {props.children}
    </label>
  )
}
