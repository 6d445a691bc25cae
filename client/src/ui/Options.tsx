import type { ReactNode } from 'react'

/** The options of a select, one per item: its value (the item itself by default) and its label. */
export function Options<T>(props: {
  of: readonly T[]
  value?: (item: T) => string | number
  label: (item: T) => ReactNode
}) {
  const value = props.value ?? ((item: T) => item as string | number)
  return props.of.map((item) => (
    <option key={value(item)} value={value(item)}>
      {props.label(item)}
    </option>
  ))
}
