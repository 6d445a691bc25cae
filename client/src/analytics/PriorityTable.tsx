import { useEffect, useMemo, useState } from 'react'
import { useCommunes } from '../api/hooks.ts'
import { mapFocus, setExternalHover } from '../state/map-focus.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { scrollRowIntoView } from '../ui/scroll-row.ts'
import { matchesFolded } from '../util/fold.ts'
import './analytics.css'
import type { PriorityRow } from '@antt/contract'
import { analysisLevel } from '../state/atlas-state.ts'
import { usePriorities } from './analytics-api.ts'
import { ContributionBar } from './ContributionBar.tsx'
import { formatFixed } from './format.ts'
import { isShown } from './layer-models.ts'
import { RankingHead, RankingSearch } from './RankingHead.tsx'
import { useRankFilter } from './use-rank-filter.ts'
import { WeightsEditor } from './WeightsEditor.tsx'

type SortKey =
  | 'rank'
  | 'filter_rank'
  | 'score'
  | 'name'
  | 'need'
  | 'lack_of_coverage'
  | 'incident_rate_eb'
  | 'village_coverage'
  | 'rate_ratio'

/** Rows drawn at first; the rest on request (all villages of the province are some 2,000). */
const FIRST_ROWS = 150

const sortValue = (r: PriorityRow, key: SortKey): number | null => {
  switch (key) {
    case 'rank':
      return r.rank
    case 'filter_rank':
      return r.filter_rank
    case 'score':
      return r.score
    case 'need':
      return r.need
    case 'lack_of_coverage':
      return r.lack_of_coverage
    default:
      return key === 'name' ? null : r.values[key]
  }
}

/** Nulls last whatever the direction. */
export function comparePriorityRows(a: PriorityRow, b: PriorityRow, key: SortKey, asc: boolean): number {
  const dir = asc ? 1 : -1
  if (key === 'name') return dir * a.name.localeCompare(b.name, 'vi')
  const va = sortValue(a, key)
  const vb = sortValue(b, key)
  if (va === null && vb === null) return a.code.localeCompare(b.code)
  if (va === null) return 1
  if (vb === null) return -1
  return dir * (va - vb) || (a.rank ?? 0) - (b.rank ?? 0)
}

/**
 * Units ranked by priority score, each with a bar of what every part contributed, beside the weights editor.
 * Search ignores diacritics; hover highlights the unit on the map, click selects it and flies there.
 */
export function PriorityTable() {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const level = useAtlas((s) => analysisLevel(s.level))
  const drill = useAtlas((s) => (s.level === 'village' ? s.drill : null))
  const selected = useAtlas((s) => s.selected)
  const rankFilter = useRankFilter(level)
  const q = usePriorities(true, level, rankFilter.drill)
  const filtered = rankFilter.classNames.length > 0 || rankFilter.communeName !== null
  const communes = useCommunes().data
  const [search, setSearch] = useState('')
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'rank', asc: true })
  const rankKey: SortKey = filtered ? 'filter_rank' : 'rank'
  const [all, setAll] = useState(false)
  const [weightsOpen, setWeightsOpen] = useState(true)
  // A unit selected elsewhere (on the map, in a search) is scrolled into sight in the table.
  // biome-ignore lint/correctness/useExhaustiveDependencies: also once the rows have arrived
  useEffect(() => {
    if (selected)
      scrollRowIntoView(
        document.querySelector(`[data-testid="priority-table"] tr[data-code="${CSS.escape(selected)}"]`),
      )
  }, [selected, q.data])

  const communeName = useMemo(
    () => new Map((communes?.features ?? []).map((f) => [f.properties.code, f.properties.name])),
    [communes],
  )
  const data = q.data?.level === level ? q.data : undefined
  const rows = useMemo(() => {
    const list = (data?.rows ?? []).filter(
      (r) => isShown(r, drill) && (!search || matchesFolded(r.name, search)),
    )
    return list.sort((a, b) => comparePriorityRows(a, b, sort.key, sort.asc))
  }, [data, drill, search, sort])
  const shown = all || search ? rows : rows.slice(0, FIRST_ROWS)

  const header = (
    key: SortKey,
    label: string,
    opts: { num?: boolean; title?: string; firstAsc?: boolean } = {},
  ) => (
    <th
      className={`${opts.num === false ? '' : 'num'} sortable${sort.key === key ? ' sorted' : ''}`}
      aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}
      data-sort={key}
      onClick={() => setSort({ key, asc: sort.key === key ? !sort.asc : (opts.firstAsc ?? false) })}
      title={opts.title ?? label}
    >
      {label}
      {sort.key === key ? (sort.asc ? ' ▲' : ' ▼') : ''}
    </th>
  )

  return (
    <section className="ranking priority-panel" data-testid="priority-table" aria-busy={q.loading}>
      <RankingHead>
        <RankingSearch value={search} onSearch={setSearch} />
        <button
          type="button"
          className="btn btn-small weights-toggle"
          aria-expanded={weightsOpen}
          aria-controls="weights-editor"
          onClick={() => setWeightsOpen(!weightsOpen)}
        >
          {weightsOpen ? `◂ ${t('priority.hideWeights')}` : `${t('priority.weights')} ▸`}
        </button>
        <span className="muted">
          {t('table.rows', { n: fmt.integer(rows.length) })}
          {q.loading && ` · ${t('analytics.computing')}`}
        </span>
      </RankingHead>
      <div className="priority-body">
        {weightsOpen && <WeightsEditor />}
        <div className="ranking-scroll">
          {q.error && <div className="error-text pad">{t('app.error', { message: q.error.message })}</div>}
          <table className={`data-table priority-rows${filtered ? ' filtered' : ''}`}>
            <thead>
              <tr>
                {header(rankKey, t('table.rank'), {
                  firstAsc: true,
                  title: t(filtered ? 'priority.rankFilterTitle' : 'priority.rankTitle'),
                })}
                {filtered &&
                  header('rank', t('priority.rankProvince'), {
                    firstAsc: true,
                    title: t('priority.rankTitle'),
                  })}
                {header('name', t('table.name'), { num: false, firstAsc: true })}
                {header('score', t('priority.score'), { num: false, title: t('priority.scoreTitle') })}
                {header('need', t('priority.need'), { title: t('priority.needTitle') })}
                {header('lack_of_coverage', t('priority.gap'), { title: t('priority.gapTitle') })}
                {header('incident_rate_eb', t('priority.rateEb'), { title: t('metric.incident_rate_eb') })}
                {header('village_coverage', t('priority.coverage'), {
                  firstAsc: true,
                  title: t('metric.village_coverage'),
                })}
                {header('rate_ratio', t('priority.trend'), { title: t('priority.trendTitle') })}
              </tr>
            </thead>
            <tbody onMouseLeave={() => setExternalHover(null)}>
              {shown.map((r) => (
                <tr
                  key={r.code}
                  data-code={r.code}
                  className={r.code === selected ? 'selected' : ''}
                  onMouseEnter={() => setExternalHover(r.code)}
                  onClick={() =>
                    r.code === selected
                      ? mapFocus.fitUnit?.(r.code)
                      : update({ selected: r.code }, { push: true })
                  }
                >
                  <td className="num muted" data-rank={(filtered ? r.filter_rank : r.rank) ?? ''}>
                    {fmt.integer(filtered ? r.filter_rank : r.rank)}
                  </td>
                  {filtered && (
                    <td className="num muted" data-province-rank={r.rank ?? ''}>
                      {fmt.integer(r.rank)}
                    </td>
                  )}
                  <td className="name">
                    <span className="unit-name">{r.name}</span>
                    {r.commune_code && (
                      <span className="muted unit-parent">
                        {' '}
                        · {communeName.get(r.commune_code) ?? r.commune_code}
                      </span>
                    )}
                    {r.values.is_border && (
                      <span className="pill pill-border">{t('priority.badgeBorder')}</span>
                    )}
                    {r.values.is_strategic && (
                      <span className="pill pill-strategic">{t('priority.badgeStrategic')}</span>
                    )}
                  </td>
                  <td className="score-cell">
                    <span className="score-value">{formatFixed(i18n, r.score, 1)}</span>
                    <ContributionBar contributions={r.contributions} i18n={i18n} />
                  </td>
                  <td className="num">{formatFixed(i18n, r.need, 1)}</td>
                  <td className="num">{formatFixed(i18n, r.lack_of_coverage, 1)}</td>
                  <td
                    className={`num${r.values.rate_flagged ? ' flagged' : ''}`}
                    title={r.values.rate_flagged ? t('priority.flagged') : undefined}
                  >
                    {formatFixed(i18n, r.values.incident_rate_eb, 2)}
                  </td>
                  <td className="num">{fmt.percent(r.values.village_coverage, 0)}</td>
                  <td className="num">
                    {r.values.rate_ratio === null ? '–' : formatFixed(i18n, r.values.rate_ratio, 2)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!all && !search && rows.length > FIRST_ROWS && (
            <button type="button" className="link pad-x" onClick={() => setAll(true)}>
              {t('detail.showAll', { n: fmt.integer(rows.length) })}
            </button>
          )}
        </div>
      </div>
    </section>
  )
}
