import { ChoiceRow, type Choosing } from './ChoiceRow.tsx'

/**
 * A row of toggle buttons, one per choice, the chosen one pressed (aria-pressed) and styled `on`: a setting
 * with few values, unlike Tabs, which switch what a panel shows. `data` names a data attribute that carries
 * each choice (e.g. "rate" gives data-rate="incident_rate_eb"), `testId` the row's data-testid.
 */
export function Segmented<T extends string>(
  props: Choosing<T> & {
    choices: readonly T[]
    title: string
    className?: string
    data?: string
    testId?: string
  },
) {
  const { className = 'segmented', title, data, testId } = props
  return (
    <ChoiceRow
      {...props}
      row={{ className, title, 'data-testid': testId }}
      button={(c, chosen) => ({ 'aria-pressed': chosen, ...(data ? { [`data-${data}`]: c } : {}) })}
    />
  )
}
