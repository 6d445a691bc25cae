import { useMemo } from 'react'
import { type I18n, makeI18n } from '../i18n/index.ts'
import { useAtlas } from './store.ts'

export function useI18n(): I18n {
  const lang = useAtlas((s) => s.lang)
  return useMemo(() => makeI18n(lang), [lang])
}
