import en from './en.json'
import { createFormatter, type Formatter, type Lang } from './format.ts'
import vi from './vi.json'

export type MessageKey = keyof typeof vi
const MESSAGES: Record<Lang, Record<string, string>> = { vi, en }

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** Looks up `key` in the language's messages and fills `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = MESSAGES[lang][key] ?? MESSAGES.vi[key] ?? key
  return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : text
}

export interface I18n {
  lang: Lang
  t: Translate
  fmt: Formatter
  /** The taxonomy name in the interface language. */
  name: (taxon: { name_vi: string; name_en: string } | undefined, fallback?: string) => string
}

export function makeI18n(lang: Lang): I18n {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    fmt: createFormatter(lang),
    name: (taxon, fallback = '') => (taxon ? (lang === 'en' ? taxon.name_en : taxon.name_vi) : fallback),
  }
}
