import type { Taxon } from '@antt/contract'
import type { I18n } from '../i18n/index.ts'
import { categoricalColor } from '../map/colors.ts'
import { monthsBetween } from './period.ts'

interface Props {
  series: readonly { month: string; category: string; n: number }[]
  period: { from: string; to: string }
  categories: readonly Taxon[]
  i18n: I18n
}

const W = 340
const H = 150
const PAD = { l: 30, r: 6, t: 8, b: 22 }
/** Categories drawn on their own; the rest are summed as "other". */
const TOP = 5

/** Stacked monthly bars by incident category, in plain SVG. */
export function IncidentChart({ series, period, categories, i18n }: Props) {
  const { t, fmt } = i18n
  const months = monthsBetween(period.from, period.to)
  const totals = new Map<string, number>()
  for (const s of series) totals.set(s.category, (totals.get(s.category) ?? 0) + s.n)
  if (totals.size === 0) return <div className="muted">{t('detail.chartEmpty')}</div>
  const order = categories.map((c) => c.code).filter((c) => totals.has(c))
  const top = [...order].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0)).slice(0, TOP)
  const keys = [...top, ...(order.length > TOP ? ['_other'] : [])]
  const cell = new Map<string, number>()
  for (const s of series) {
    const k = top.includes(s.category) ? s.category : '_other'
    const key = `${s.month}|${k}`
    cell.set(key, (cell.get(key) ?? 0) + s.n)
  }
  const monthTotal = months.map((m) => keys.reduce((a, k) => a + (cell.get(`${m}|${k}`) ?? 0), 0))
  const max = Math.max(1, ...monthTotal)
  const step = (W - PAD.l - PAD.r) / months.length
  const bar = Math.max(2, step * 0.72)
  const y = (v: number) => PAD.t + (H - PAD.t - PAD.b) * (1 - v / max)
  const ticks = [0, Math.round(max / 2), max]
  const color = (k: string) =>
    k === '_other' ? '#9e9e9e' : categoricalColor(categories.findIndex((c) => c.code === k))
  const name = (k: string) =>
    k === '_other' ? t('detail.other') : i18n.name(categories.find((c) => c.code === k))
  const labelEvery = Math.ceil(months.length / 6)
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('detail.chart')}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} stroke="#e0e0e0" />
            <text x={PAD.l - 4} y={y(v) + 4} textAnchor="end" className="axis">
              {fmt.integer(v)}
            </text>
          </g>
        ))}
        {months.map((m, i) => {
          let acc = 0
          return (
            <g key={m}>
              {keys.map((k) => {
                const v = cell.get(`${m}|${k}`) ?? 0
                if (!v) return null
                const y0 = y(acc)
                acc += v
                return (
                  <rect
                    key={k}
                    x={PAD.l + i * step + (step - bar) / 2}
                    y={y(acc)}
                    width={bar}
                    height={y0 - y(acc)}
                    fill={color(k)}
                  >
                    <title>{`${i18n.fmt.month(m)} · ${name(k)}: ${fmt.integer(v)}`}</title>
                  </rect>
                )
              })}
              {i % labelEvery === 0 && (
                <text x={PAD.l + i * step + step / 2} y={H - 6} textAnchor="middle" className="axis">
                  {i18n.fmt.month(m)}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <figcaption className="chart-legend">
        {keys.map((k) => (
          <span key={k}>
            <span className="dot" style={{ background: color(k) }} />
            {name(k)} (
            {fmt.integer(
              k === '_other'
                ? [...totals].filter(([c]) => !top.includes(c)).reduce((a, [, n]) => a + n, 0)
                : totals.get(k),
            )}
            )
          </span>
        ))}
      </figcaption>
    </figure>
  )
}
