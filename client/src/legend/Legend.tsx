import type { ReactNode } from 'react'
import {
  BivariateKey,
  ChangeLegendHint,
  EmergingRules,
  HotspotLegendHints,
  HotspotSignificance,
} from '../analytics/AnalyticsLegend.tsx'
import { INCIDENT_RATES, type IncidentRate, isIncidentRate } from '../metrics/catalog.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { LockIcon } from '../ui/LockIcon.tsx'
import { Segmented } from '../ui/Segmented.tsx'
import type { LegendBlock, LegendRow, Swatch } from './legend-block.ts'
import { useLegendModel } from './use-legend-model.ts'

/**
 * The dashboard's legend: the blocks of legend-model.ts, the same the exported sheet draws, with the
 * controls and hints that only a screen can have under them.
 */
export function Legend() {
  const { t } = useI18n()
  const blocks = useLegendModel()
  const anyOn = useAtlas((s) => Object.values(s.layers).some((l) => l.on))
  const metric = useAtlas((s) => s.classification.metric)
  return (
    <div className="legend" data-testid="legend">
      {!anyOn && <div className="muted">{t('legend.empty')}</div>}
      {blocks.map((b) => {
        switch (b.layer) {
          case 'choropleth':
            return (
              <LegendEntry
                key={b.layer}
                block={b}
                controls={isIncidentRate(metric) && <RateSwitch metric={metric} />}
              />
            )
          case 'hotspots':
            return (
              <LegendEntry
                key={b.layer}
                block={b}
                lead={<HotspotSignificance />}
                after={<HotspotLegendHints />}
              />
            )
          case 'bivariate':
            return <LegendEntry key={b.layer} block={b} body={<BivariateKey />} />
          case 'change':
            return <LegendEntry key={b.layer} block={b} after={<ChangeLegendHint />} />
          case 'emerging':
            return <LegendEntry key={b.layer} block={b} after={<EmergingRules />} />
          default:
            return <LegendEntry key={b.layer} block={b} />
        }
      })}
    </div>
  )
}

/**
 * One block: title, notes, rows (a table when they have counts, else a list), footer. `controls` go under
 * the notes, `after` under the footer; `body` replaces the rows (the bivariate key draws its nine classes
 * as a grid).
 */
function LegendEntry({
  block,
  lead,
  controls,
  body,
  after,
}: {
  block: LegendBlock
  /** first under the title: what must be read before the rest (e.g. why the map is all grey) */
  lead?: ReactNode
  controls?: ReactNode
  body?: ReactNode
  after?: ReactNode
}) {
  const { t } = useI18n()
  const counted = block.rows.some((r) => r.count)
  return (
    <section
      className={`legend-entry${block.layer === 'base' ? ' legend-base' : ''}`}
      data-testid={`legend-${block.layer}`}
      aria-busy={block.pending}
    >
      {block.title && (
        <h3>
          {block.title}
          {block.unit && <span className="legend-unit"> ({block.unit})</span>}
        </h3>
      )}
      {lead}
      {block.notes.length > 0 && (
        <div className="legend-notes" data-testid={`legend-${block.layer}-notes`}>
          {block.notes.map((note, i) => (
            <div key={note} className={i === 0 && block.locked ? 'legend-method lock-tag' : 'legend-method'}>
              {i === 0 && block.locked && (
                <>
                  <LockIcon />{' '}
                </>
              )}
              {note}
            </div>
          ))}
        </div>
      )}
      {controls}
      {block.pending ? (
        <div className="hint">{t('analytics.computing')}</div>
      ) : (
        <>
          {body ??
            (counted ? (
              <table className="legend-classes">
                <tbody>
                  {block.rows.map((r) => (
                    <ClassRow key={r.id} row={r} />
                  ))}
                </tbody>
              </table>
            ) : (
              <PlainRows rows={block.rows} />
            ))}
          {block.footer && <div className={counted ? 'legend-total' : 'hint'}>{block.footer}</div>}
          {after}
        </>
      )}
    </section>
  )
}

/** Rows without counts: a list of swatches, and a colour ramp under it for a continuous layer. */
function PlainRows({ rows }: { rows: LegendRow[] }) {
  const ramps = rows.filter((r) => r.swatch.kind === 'ramp')
  const items = rows.filter((r) => r.swatch.kind !== 'ramp')
  return (
    <>
      {ramps.map((r) => (
        <div key={r.id} className="ramp-wrap" data-class={r.id}>
          <SwatchView swatch={r.swatch} />
        </div>
      ))}
      {items.length > 0 && (
        <ul className="stack-list legend-list">
          {items.map((r) => (
            <li key={r.id} data-class={r.id}>
              <SwatchView swatch={r.swatch} />
              {r.label}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function ClassRow({ row }: { row: LegendRow }) {
  return (
    <tr data-class={row.id}>
      <td>
        <SwatchView swatch={row.swatch} />
      </td>
      <td className="interval">
        {row.label}
        {row.rule && <div className="rule">{row.rule}</div>}
      </td>
      {row.count && (
        // a mark over the classes, not a class: its count is not one of theirs
        <td className={row.count.mark ? 'mark-count' : 'count'} data-count={row.count.value}>
          {row.count.text}
        </td>
      )}
    </tr>
  )
}

/** A swatch as the map draws it; the exported sheet draws the same in briefing/export/legend-draw.ts. */
export function SwatchView({ swatch: s }: { swatch: Swatch }) {
  switch (s.kind) {
    case 'fill':
      return s.hatch ? (
        <span className="swatch swatch-nodata" />
      ) : (
        <span className="swatch" style={{ background: s.color, borderColor: s.stroke }} />
      )
    case 'line':
      return (
        <span
          className="line-swatch"
          style={{
            borderTop: `${Math.max(1, Math.round(s.width))}px ${s.dash ? 'dashed' : 'solid'} ${s.color}`,
          }}
        />
      )
    case 'dot': {
      const size = Math.round(12 * (s.size ?? 1))
      return (
        <span
          className="dot"
          style={{
            width: size,
            height: size,
            background: s.color,
            // a white ring reads on the map, not on the panel: a grey halo shows it there
            border: `${s.strokeWidth ?? 1}px solid ${s.stroke}`,
            boxShadow: s.stroke === '#ffffff' ? '0 0 0 1px rgba(0,0,0,0.3)' : 'none',
          }}
        />
      )
    }
    case 'symbol':
      return s.shape === 'triangle' ? (
        <span className="sym sym-triangle" style={{ borderBottomColor: s.color }} />
      ) : (
        <span className={`sym sym-${s.shape}`} style={{ background: s.color }} />
      )
    case 'ramp':
      return (
        <>
          <div className="ramp" style={{ background: `linear-gradient(to right, ${s.colors.join(',')})` }} />
          <div className="ramp-labels">
            <span>{s.low}</span>
            <span>{s.high}</span>
          </div>
        </>
      )
  }
}

/**
 * Raw or Empirical-Bayes smoothed incident rate: the same unit (per 1,000 residents per year), so locked or
 * manual classes are kept and the two maps compare; the ranking follows when it was sorted by the rate.
 */
function RateSwitch({ metric }: { metric: IncidentRate }) {
  const { t } = useI18n()
  const choose = (next: IncidentRate) =>
    update((s) => ({
      classification: { ...s.classification, metric: next },
      sort: s.sort.key === s.classification.metric ? { ...s.sort, key: next } : s.sort,
    }))
  return (
    <div className="legend-rate">
      <Segmented
        choices={INCIDENT_RATES}
        value={metric}
        onChange={choose}
        label={(m) => t(m === 'incident_rate_eb' ? 'legend.rateSmoothed' : 'legend.rateRaw')}
        title={t('legend.rateSwitch')}
        data="rate"
        testId="rate-switch"
      />
      {metric === 'incident_rate_eb' && <div className="legend-method">{t('legend.smoothedHint')}</div>}
    </div>
  )
}
