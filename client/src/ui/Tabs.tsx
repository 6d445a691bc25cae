/**
 * A row of tabs: one button per choice, the chosen one marked for assistive technology (aria-selected) and for
 * styling (`on`). `data` names the data attribute that carries each tab's id, which pages and tests address
 * (e.g. "tab" gives data-tab="layers").
 */
export function Tabs<T extends string>({
  tabs,
  value,
  onChange,
  label,
  data,
  className = 'tabs',
  ariaLabel,
}: {
  tabs: readonly T[]
  value: T
  onChange: (tab: T) => void
  label: (tab: T) => string
  data: string
  className?: string
  ariaLabel?: string
}) {
  return (
    <div className={className} role="tablist" aria-label={ariaLabel}>
      {tabs.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={value === id}
          className={value === id ? 'on' : ''}
          onClick={() => onChange(id)}
          {...{ [`data-${data}`]: id }}
        >
          {label(id)}
        </button>
      ))}
    </div>
  )
}
