/**
 * A row of toggle buttons, one per choice, the chosen one pressed (aria-pressed) and styled `on`: a setting
 * with few values, unlike Tabs, which switch what a panel shows. `data` names a data attribute that carries
 * each choice (e.g. "rate" gives data-rate="incident_rate_eb"), `testId` the row's data-testid.
 */
export function Segmented<T extends string>({
  choices,
  value,
  onChange,
  label,
  title,
  className = 'segmented',
  data,
  testId,
}: {
  choices: readonly T[]
  value: T
  onChange: (choice: T) => void
  label: (choice: T) => string
  title: string
  className?: string
  data?: string
  testId?: string
}) {
  return (
    <div className={className} title={title} data-testid={testId}>
      {choices.map((c) => (
        <button
          key={c}
          type="button"
          aria-pressed={value === c}
          className={value === c ? 'on' : ''}
          onClick={() => onChange(c)}
          {...(data ? { [`data-${data}`]: c } : {})}
        >
          {label(c)}
        </button>
      ))}
    </div>
  )
}
