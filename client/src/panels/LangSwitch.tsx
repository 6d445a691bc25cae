import { update } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'

/** Switches the interface between Vietnamese and English; `className` adds to the button's classes. */
export function LangSwitch({ className }: { className?: string }) {
  const { t, lang } = useI18n()
  return (
    <button
      type="button"
      className={`btn btn-lang${className ? ` ${className}` : ''}`}
      title={t('app.switchLangTitle')}
      onClick={() => update({ lang: lang === 'vi' ? 'en' : 'vi' })}
      data-testid="lang-switch"
    >
      {t('app.switchLang')}
    </button>
  )
}
