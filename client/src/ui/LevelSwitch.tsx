import { analysisLevel, type MapLevel } from '../state/atlas-state.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'

/**
 * The level the map shows, among `levels`: provinces (national mode), communes or villages. Where provinces
 * are not offered (the analyses), communes stand for them, as the analyses run on communes then.
 */
export function LevelSwitch({ levels }: { levels: readonly MapLevel[] }) {
  const { t } = useI18n()
  const level = useAtlas((s) => s.level)
  const drill = useAtlas((s) => s.drill)
  const shown = levels.includes(level) ? level : analysisLevel(level)
  return (
    <div className="segmented" title={t('choropleth.level')}>
      {levels.map((lv) => (
        <button
          key={lv}
          type="button"
          aria-pressed={shown === lv}
          className={shown === lv ? 'on' : ''}
          onClick={() => update({ level: lv, drill: lv === 'village' ? drill : null })}
        >
          {t(`level.${lv}`)}
        </button>
      ))}
    </div>
  )
}
