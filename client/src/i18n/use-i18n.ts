import { useMemo } from 'react'
import { useAtlas } from '../state/store.ts'
import { type I18n, makeI18n } from './index.ts'

export function useI18n(): I18n {
  const lang = useAtlas((s) => s.lang)
  return useMemo(() => makeI18n(lang), [lang])
}
