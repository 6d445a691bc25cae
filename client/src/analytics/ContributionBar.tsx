import type { I18n } from '../i18n/index.ts'
import { PRIORITY_COMPONENTS, type PriorityComponent } from '../state/priority-weights.ts'
import { COMPONENT_COLORS } from './analytics-colors.ts'
import { contributionSegments } from './contribution-bar.ts'

/**
 * The points each part added to a priority score, stacked in component order on a 0–100 track, so the bar's
 * length is the score; hover names the parts.
 */
export function ContributionBar({
  contributions,
  i18n,
}: {
  contributions: Partial<Record<PriorityComponent, number>>
  i18n: I18n
}) {
  const segments = contributionSegments(contributions, PRIORITY_COMPONENTS)
  const title = segments
    .map((s) => `${i18n.t(`component.${s.key}`)}: ${i18n.fmt.number(s.points, 1)}`)
    .join('\n')
  return (
    <div className="contrib-bar" title={title} role="img" aria-label={title}>
      {segments.map((s) => (
        <span
          key={s.key}
          data-part={s.key}
          style={{ left: `${s.start}%`, width: `${s.width}%`, background: COMPONENT_COLORS[s.key] }}
        />
      ))}
    </div>
  )
}
