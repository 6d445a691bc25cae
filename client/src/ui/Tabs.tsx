import { ChoiceRow, type Choosing } from './ChoiceRow.tsx'

/**
 * A row of tabs: one button per choice, the chosen one marked for assistive technology (aria-selected) and for
 * styling (`on`). `data` names the data attribute that carries each tab's id, which pages and tests address
 * (e.g. "tab" gives data-tab="layers").
 */
export function Tabs<T extends string>(
  props: Choosing<T> & { tabs: readonly T[]; data: string; className?: string; ariaLabel?: string },
) {
  const { className = 'tabs', data } = props
  return (
    <ChoiceRow
      {...props}
      choices={props.tabs}
      row={{ className, role: 'tablist', 'aria-label': props.ariaLabel }}
      button={(id, chosen) => ({ role: 'tab', 'aria-selected': chosen, [`data-${data}`]: id })}
    />
  )
}
