/** The ✕ at the corner of a panel or bar; `label` names what it closes, for screen readers and as a tooltip. */
export function CloseButton(props: { label: string; onClick: () => void; testId?: string }) {
  return (
    <button
      type="button"
      className="icon-btn"
      onClick={props.onClick}
      aria-label={props.label}
      title={props.label}
      data-testid={props.testId}
    >
      ✕
    </button>
  )
}
