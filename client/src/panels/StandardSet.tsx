import { qs, useApi } from '../api/client.ts'
import { useTaxonomies } from '../api/hooks.ts'
import type { StandardRow } from '../standard/standard-api.ts'
import { useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'

/**
 * The standard set of models for the unit's area classes (GET /api/stats/standards) and how many of its
 * villages meet it, per class, with the types that are missing and in how many villages
 * (GET /api/stats/coverage, the same definitions).
 */
export function StandardSet({ code, level }: { code: string; level: 'commune' | 'village' }) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const from = useAtlas((s) => s.from)
  const to = useAtlas((s) => s.to)
  const tax = useTaxonomies().data
  const commune = code.slice(0, 5)
  const q = useApi<{ rows: StandardRow[] }>(`/api/stats/coverage${qs({ level, commune, from, to })}`)
  const row = q.data?.rows.find((r) => r.code === code)
  // the heading stays, so it says why it is empty: still loading, or the answer is not available
  if (!row)
    return (
      <div className="hint">
        {t(q.error ? 'panel.unavailable' : q.data ? 'standard.none' : 'app.loading')}
      </div>
    )
  const s = row.standard
  const typeName = (c: string) =>
    i18n.name(
      tax?.model_types.find((x) => x.code === c),
      c,
    )
  const className = (c: string) =>
    i18n.name(
      tax?.area_classes.find((x) => x.code === c),
      c,
    )
  if (!s.villages) return <div className="hint">{t('standard.none')}</div>
  const lacking = Object.entries(s.lacking).sort((a, b) => b[1] - a[1])
  return (
    <div className="standard-set" data-testid="standard-set">
      <div className="standard-summary">
        <strong>{fmt.percent(s.coverage, 0)}</strong>{' '}
        {t('standard.meeting', { n: fmt.integer(s.villages_meeting), of: fmt.integer(s.villages) })}
      </div>
      <ul className="standard-classes">
        {s.by_class.map((c) => (
          <li key={c.class} data-class={c.class}>
            <strong>{className(c.class)}</strong>
            {': '}
            {c.required.map(typeName).join(', ')}
            <span className="muted">
              {' · '}
              {t('standard.classMeeting', {
                n: fmt.integer(c.villages_meeting),
                of: fmt.integer(c.villages),
              })}
            </span>
          </li>
        ))}
      </ul>
      {lacking.length > 0 && (
        <div className="standard-lacking">
          {t('standard.lacking')}{' '}
          {lacking.map(([type, n]) => t('standard.lackingOne', { type: typeName(type), n })).join('; ')}
        </div>
      )}
    </div>
  )
}
