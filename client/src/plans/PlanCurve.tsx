import type { CurvePoint } from '@antt/contract'
import { useI18n } from '../state/use-i18n.ts'

const W = 300
const H = 150
const PAD = { l: 44, r: 8, t: 10, b: 26 }

/**
 * Covered demand against the number of new models: the optimum for each k the server solved (solid, dots;
 * hollow where only the best found within the time limit),
 * greedy (dashed), and the marginal gain of the k-th model as bars, so where extra models stop paying shows.
 */
export function PlanCurve({ curve, base }: { curve: CurvePoint[]; base: number }) {
  const { t, fmt } = useI18n()
  if (!curve.length) return null
  const value = (p: CurvePoint) => p.optimal ?? p.greedy
  // the optimum where the server solved it (it may stop early on a large N); greedy everywhere
  const solved = curve.filter((p) => p.optimal !== null)
  const maxY = Math.max(1, ...curve.map(value)) * 1.05
  const maxK = curve[curve.length - 1].k
  const x = (k: number) => PAD.l + ((k - 0.5) / maxK) * (W - PAD.l - PAD.r)
  const y = (v: number) => H - PAD.b - (v / maxY) * (H - PAD.t - PAD.b)
  const bw = Math.max(2, ((W - PAD.l - PAD.r) / maxK) * 0.6)
  const line = (pts: CurvePoint[], get: (p: CurvePoint) => number) =>
    pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.k).toFixed(1)},${y(get(p)).toFixed(1)}`).join(' ')
  return (
    <figure className="plan-curve" data-testid="plan-curve">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('plan.curveTitle')}>
        <title>{t('plan.curveTitle')}</title>
        <line x1={PAD.l} x2={W - PAD.r} y1={H - PAD.b} y2={H - PAD.b} className="axis" />
        <line x1={PAD.l} x2={PAD.l} y1={PAD.t} y2={H - PAD.b} className="axis" />
        {curve.map((p) =>
          p.marginal !== null ? (
            <rect
              key={`m${p.k}`}
              className="marginal"
              x={x(p.k) - bw / 2}
              width={bw}
              y={y(p.marginal)}
              height={H - PAD.b - y(p.marginal)}
            >
              <title>{t('plan.marginalOf', { k: p.k, gain: fmt.number(p.marginal) })}</title>
            </rect>
          ) : null,
        )}
        <path d={line(curve, (p) => p.greedy)} className="greedy" />
        <path d={line(solved, value)} className="optimal" />
        {solved.map((p) => (
          // hollow where the solver stopped at the time limit: the best found, not proven optimal
          <circle
            key={`o${p.k}`}
            cx={x(p.k)}
            cy={y(value(p))}
            r={2.5}
            className={p.status === 'optimal' ? 'optimal-dot' : 'optimal-dot unproven'}
          >
            <title>{`${p.k}: ${fmt.number(value(p))}${p.status === 'optimal' ? '' : ` (${t('plan.bestFound')})`}`}</title>
          </circle>
        ))}
        <text x={PAD.l - 4} y={PAD.t + 8} textAnchor="end" className="tick">
          {fmt.compact(maxY / 1.05)}
        </text>
        <text x={PAD.l - 4} y={H - PAD.b} textAnchor="end" className="tick">
          0
        </text>
        <text x={x(1)} y={H - 8} textAnchor="middle" className="tick">
          1
        </text>
        <text x={x(maxK)} y={H - 8} textAnchor="middle" className="tick">
          {maxK}
        </text>
      </svg>
      <figcaption>
        <span className="key optimal">{t('plan.optimal')}</span>
        {solved.some((p) => p.status !== 'optimal') && (
          <span className="key unproven">{t('plan.bestFound')}</span>
        )}
        <span className="key greedy">{t('plan.greedy')}</span>
        <span className="key marginal">{t('plan.marginal')}</span>
        {base > 0 && <span className="muted"> · {t('plan.axis')}</span>}
      </figcaption>
    </figure>
  )
}
