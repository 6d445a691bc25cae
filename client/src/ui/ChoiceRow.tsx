import type { HTMLAttributes } from 'react'

/** The choice a row of buttons shows and changes, and each choice's label. */
export interface Choosing<T extends string> {
  value: T
  onChange: (choice: T) => void
  label: (choice: T) => string
}

/**
 * A row of buttons, one per choice, the chosen one styled `on`: what Segmented and Tabs share. They differ in
 * what they tell assistive technology, given as the row's attributes (`row`) and each button's (`button`).
 */
export function ChoiceRow<T extends string>({
  choices,
  value,
  onChange,
  label,
  row,
  button,
}: Choosing<T> & {
  choices: readonly T[]
  row: HTMLAttributes<HTMLDivElement> & { 'data-testid'?: string }
  button: (choice: T, chosen: boolean) => Record<string, unknown>
}) {
  return (
    <div {...row}>
      {choices.map((c) => (
        <button
          key={c}
          type="button"
          className={value === c ? 'on' : ''}
          onClick={() => onChange(c)}
          {...button(c, value === c)}
        >
          {label(c)}
        </button>
      ))}
    </div>
  )
}
