import { Component, type ErrorInfo, type ReactNode } from 'react'
import { useI18n } from '../state/use-i18n.ts'

interface Props {
  /** which part of the screen this guards, for the message and for tests (data-panel-error) */
  name: string
  /** the way back: what the button does (for the detail panel, clear the selection) */
  onReset?: () => void
  /** a change of this value (a new selection) retries the panel */
  resetKey?: unknown
  className?: string
  children: ReactNode
}

interface State {
  error: Error | null
  key: unknown
}

/**
 * Keeps a failing panel from blanking the page: the panel is replaced by a short message and a way back,
 * and the rest of the dashboard keeps working. `onReset` runs as soon as the panel fails, so a bad address
 * (a `sel` that cannot be shown) is not kept for the next reload.
 */
class Boundary extends Component<Props & { texts: { title: string; back: string } }, State> {
  override state: State = { error: null, key: this.props.resetKey }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey === state.key) return null
    // a new, non-empty key (another unit chosen) tries the panel again
    return props.resetKey != null ? { key: props.resetKey, error: null } : { key: props.resetKey }
  }

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn(`panel ${this.props.name} failed: ${error.message}`, info.componentStack)
    this.props.onReset?.()
  }

  override render() {
    const { error } = this.state
    if (!error) return this.props.children
    const { texts, name, className } = this.props
    return (
      <div className={`panel-error ${className ?? ''}`} role="alert" data-panel-error={name}>
        <strong>{texts.title}</strong>
        <p className="muted">{error.message}</p>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
          {texts.back}
        </button>
      </div>
    )
  }
}

export function PanelBoundary(props: Props) {
  const { t } = useI18n()
  return <Boundary {...props} texts={{ title: t('app.panelFailed'), back: t('app.panelBack') }} />
}
