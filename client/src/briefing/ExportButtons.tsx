import { type ExportTarget, setUi } from '../state/briefing-ui.ts'
import { useI18n } from '../state/use-i18n.ts'

type Format = 'png' | 'pdf'

/**
 * The PNG and PDF export buttons of the screen or a saved view, each opening the export dialog. `mark` gives
 * each button the attributes the screens are driven by (data-testid, data-action).
 */
export function ExportButtons(props: {
  target: ExportTarget
  className: string
  mark: (format: Format) => Record<`data-${string}`, string | undefined>
}) {
  const { t } = useI18n()
  return (['png', 'pdf'] as const).map((format) => (
    <button
      key={format}
      type="button"
      className={props.className}
      onClick={() => setUi({ exporting: { format, target: props.target } })}
      {...props.mark(format)}
    >
      {t(format === 'png' ? 'brief.exportPng' : 'brief.exportPdf')}
    </button>
  ))
}
