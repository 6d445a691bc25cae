import type { EmergingRow } from '@antt/contract'
import type { I18n } from '../i18n/index.ts'
import { EMERGING_COLORS, GI_COLORS } from './analytics-colors.ts'
import { formatP } from './format.ts'
import { useEmergingModel } from './use-analytics.ts'

const W = 340
const H = 90
const PAD = { l: 26, r: 6, t: 6, b: 16 }
/** |z| of a two-sided 90 % test: the band inside which a step is not significant (normal approximation). */
const Z90 = 1.645

/** The unit's Gi* z-score per step as a line, significant hot steps red and cold steps blue, in plain SVG. */
export function EmergingSparkline({ row, steps, i18n }: { row: EmergingRow; steps: string[]; i18n: I18n }) {
  const { t, fmt } = i18n
  const zs = row.series.map((s) => s.gi_z)
  const finite = zs.filter((z): z is number => z !== null)
  const top = Math.max(Z90 + 0.5, ...finite.map(Math.abs))
  const x = (i: number) => PAD.l + ((W - PAD.l - PAD.r) * i) / Math.max(1, steps.length - 1)
  const y = (z: number) => PAD.t + ((H - PAD.t - PAD.b) * (top - z)) / (2 * top)
  const path = row.series
    .map((s, i) => (s.gi_z === null ? null : `${x(i).toFixed(1)},${y(s.gi_z).toFixed(1)}`))
    .filter(Boolean)
    .join(' ')
  return (
    <figure
      className="chart emerging-sparkline"
      data-testid="emerging-sparkline"
      data-category={row.category}
    >
      <div className="emerging-category">
        <span className="swatch" style={{ background: EMERGING_COLORS[row.category] }} />
        {t(`emerging.category.${row.category}`)}
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('emerging.sparkline')}>
        <rect x={PAD.l} width={W - PAD.l - PAD.r} y={y(Z90)} height={y(-Z90) - y(Z90)} fill="#f3f3f3" />
        <line x1={PAD.l} x2={W - PAD.r} y1={y(0)} y2={y(0)} stroke="#bdbdbd" />
        {[top, 0, -top].map((v) => (
          <text key={v} x={PAD.l - 4} y={y(v) + 3} textAnchor="end" className="axis">
            {fmt.number(v, 1)}
          </text>
        ))}
        <polyline points={path} fill="none" stroke="#424242" strokeWidth={1.4} />
        {row.series.map((s, i) =>
          s.gi_z === null || s.hot === null ? null : (
            <circle
              key={s.step}
              data-step={s.step}
              data-hot={String(s.hot)}
              cx={x(i)}
              cy={y(s.gi_z)}
              r={3}
              fill={s.hot ? GI_COLORS['hot-90'] : GI_COLORS['cold-90']}
              stroke={s.hot ? GI_COLORS['hot-99'] : GI_COLORS['cold-99']}
            >
              <title>
                {s.step}: z = {fmt.number(s.gi_z, 2)}, p = {formatP(i18n, s.gi_p)}
              </title>
            </circle>
          ),
        )}
        <text x={PAD.l} y={H - 3} className="axis">
          {steps[0]}
        </text>
        <text x={W - PAD.r} y={H - 3} textAnchor="end" className="axis">
          {steps[steps.length - 1]}
        </text>
      </svg>
      <figcaption className="hint">
        {t('emerging.trend', { z: fmt.number(row.trend_z, 2), p: formatP(i18n, row.trend_p) })} ·{' '}
        {t('emerging.sparklineHint')}
        {row.low_counts && <div className="warning-text">{t('emerging.lowCounts')}</div>}
      </figcaption>
    </figure>
  )
}

/** The sparkline of the selected unit while the emerging hot spot layer is on; nothing otherwise. */
export function EmergingDetail({ code, i18n }: { code: string; i18n: I18n }) {
  const { model, result } = useEmergingModel()
  const row = model?.rowByCode.get(code)
  if (!result || !row) return null
  return <EmergingSparkline row={row} steps={result.steps} i18n={i18n} />
}
