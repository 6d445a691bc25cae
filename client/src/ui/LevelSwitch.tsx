import { analysisLevel, type MapLevel } from '../state/atlas-state.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Segmented } from './Segmented.tsx'

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
    <Segmented
      choices={levels}
      value={shown}
      onChange={(lv) => update({ level: lv, drill: lv === 'village' ? drill : null })}
      label={(lv) => t(`level.${lv}`)}
      title={t('choropleth.level')}
    />
  )
}
