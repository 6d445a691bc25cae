import { analysisLevel } from '../state/atlas-state.ts'
import { useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { standardClassLabel } from './standard-text.ts'
import { useStandardModel } from './use-standard-model.ts'

/** The standard-set map's legend entry: its classes with the number of units in each. */
export function StandardLegend() {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const level = useAtlas((s) => analysisLevel(s.level))
  const { model } = useStandardModel()
  if (!model) return null
  const shown = model.classes.reduce((a, c) => a + c.count, 0) + model.none
  return (
    <section className="legend-entry" data-testid="legend-standard">
      <h3>{t('layer.standard')}</h3>
      <div className="legend-method">
        {t(level === 'village' ? 'standard.noteVillage' : 'standard.noteCommune')} · {t(`level.${level}`)}
      </div>
      <table className="legend-classes">
        <tbody>
          {model.classes.map((c) => (
            <tr key={c.id} data-class={c.id}>
              <td>
                <span className="swatch" style={{ background: c.color }} />
              </td>
              <td className="interval">{standardClassLabel(i18n, c.id)}</td>
              <td className="count" data-count={c.count}>
                {fmt.integer(c.count)}
              </td>
            </tr>
          ))}
          <tr data-class="none">
            <td>
              <span className="swatch swatch-nodata" />
            </td>
            <td className="interval">{t('standard.noneApplies')}</td>
            <td className="count" data-count={model.none}>
              {fmt.integer(model.none)}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="legend-total">{t('legend.units', { n: fmt.integer(shown) })}</div>
    </section>
  )
}
