import type { InputHTMLAttributes, ReactNode } from 'react'

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

/** A labelled text input that hands its new text to `onValue` (the state it shows). */
export function TextControl({
  label,
  grow,
  onValue,
  ...input
}: { label: ReactNode; grow?: boolean; value: string; onValue: (value: string) => void } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'onChange' | 'value'
>) {
  return (
    <LabelledControl label={label} grow={grow}>
      <input {...input} onChange={(e) => onValue(e.target.value)} />
    </LabelledControl>
  )
}
