import { Fragment, type ReactNode } from 'react'
import { mapFocus } from '../state/map-focus.ts'
import { useI18n } from '../state/use-i18n.ts'

interface Site {
  code: string
  rank: number
  name: string
  commune_code: string
}

/**
 * The sites a plan proposes, in the order they were chosen: badge, place, commune and what each adds. A click on
 * a row brings the site into view; the planner adds its own columns (what only this site covers, the locks) and
 * a row of explanation under the site that is open.
 */
export function SiteTable<S extends Site>({
  sites,
  communeName,
  gain,
  gainTitle,
  head,
  cells,
  open,
  onOpen,
  detail,
}: {
  sites: readonly S[]
  communeName: (code: string) => string
  gain: (site: S) => string
  gainTitle: string
  head?: ReactNode
  cells?: (site: S) => ReactNode
  open?: string | null
  onOpen?: (code: string) => void
  detail?: (site: S) => ReactNode
}) {
  const { t } = useI18n()
  return (
    <div className="ranking-scroll plan-sites">
      <table className="data-table">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>{t('plan.site')}</th>
            <th>{t('plan.commune')}</th>
            <th className="num" title={gainTitle}>
              {t('plan.gain')}
            </th>
            {head}
          </tr>
        </thead>
        <tbody>
          {sites.map((s) => (
            <Fragment key={s.code}>
              <tr
                data-site={s.code}
                className={open === s.code ? 'selected' : undefined}
                onClick={() => {
                  onOpen?.(s.code)
                  mapFocus.fitUnit?.(s.code)
                }}
              >
                <td className="num">
                  <span className="site-badge">{s.rank}</span>
                </td>
                <td>{s.name}</td>
                <td>{communeName(s.commune_code)}</td>
                <td className="num">{gain(s)}</td>
                {cells?.(s)}
              </tr>
              {open === s.code && detail?.(s)}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  )
}
