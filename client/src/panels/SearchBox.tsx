import { useEffect, useState } from 'react'
import { getJson } from '../api/client.ts'
import { type SearchResult, searchUrl, useNational } from '../api/hooks.ts'
import { mapFocus } from '../state/map-focus.ts'
import { store, update } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'

/** Finds provinces, communes and villages by name, with or without diacritics (/api/search). */
export function SearchBox() {
  const { t } = useI18n()
  const [q, setQ] = useState('')
  const [results, setResults] = useState<SearchResult[] | null>(null)
  const [active, setActive] = useState(0)

  useEffect(() => {
    const query = q.trim()
    if (query.length < 2) return setResults(null)
    const timer = setTimeout(() => {
      getJson<{ results: SearchResult[] }>(searchUrl(query)).then(
        (r) => setResults(r.results),
        () => setResults([]),
      )
    }, 180)
    return () => clearTimeout(timer)
  }, [q])

  const choose = (r: SearchResult) => {
    const selectedNow = store.get().selected
    setQ('')
    setResults(null)
    if (r.level === 'province') {
      update({ selected: r.code }, { push: true })
      if (r.bounds) mapFocus.fitBounds?.(r.bounds)
      return
    }
    if (r.level === 'village')
      update({ selected: r.code, drill: r.commune_code, level: 'village' }, { push: true })
    // a commune is shown among communes, not on the map of provinces
    else
      update((s) => ({ selected: r.code, level: s.level === 'province' ? 'commune' : s.level }), {
        push: true,
      })
    // the map fits the new selection itself; the same unit again is fitted here
    if (r.code === selectedNow) mapFocus.fitUnit?.(r.code)
  }

  // In national mode a commune's or village's province says which of the country's namesakes it is.
  const national = useNational()
  const hitMeta = (r: SearchResult) =>
    [
      t(`search.${r.level}`),
      r.level === 'village' && r.commune_name,
      national && r.level !== 'province' && r.province_name,
    ]
      .filter(Boolean)
      .join(' · ')

  return (
    <div className="search">
      <input
        type="search"
        value={q}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        onChange={(e) => {
          setQ(e.target.value)
          setActive(0)
        }}
        onKeyDown={(e) => {
          if (!results?.length) return
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1))
          if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
          if (e.key === 'Enter') choose(results[active])
          if (e.key === 'Escape') setResults(null)
        }}
      />
      {results && (
        <ul className="search-results">
          {results.length === 0 && <li className="muted">{t('search.none')}</li>}
          {results.map((r, i) => (
            <li key={r.code}>
              <button
                type="button"
                className={i === active ? 'active' : ''}
                aria-current={i === active}
                data-code={r.code}
                onMouseDown={() => choose(r)}
              >
                <span className="search-name">{r.name}</span>
                <span className="search-meta">{hitMeta(r)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
