import { AnalyticsLegend } from '../analytics/AnalyticsLegend.tsx'
import { useMapMetrics, useTaxonomies } from '../api/hooks.ts'
import { useI18n } from '../i18n/use-i18n.ts'
import { formatSigma, intervalLabels, noDataLabel } from '../legend/class-scale.ts'
import { useClassScale } from '../legend/use-class-scale.ts'
import { AREA_CLASS_COLORS, BORDER_FEATURE_COLORS } from '../map/colors.ts'
import { OUTLINED_CLASSES } from '../map/layers/area-classes.ts'
import { HEAT_RANGE } from '../map/layers/incident-density.ts'
import { useTypeColors } from '../map/use-layer-specs.ts'
import { INCIDENT_RATES, type IncidentRate, isIncidentRate } from '../metrics/catalog.ts'
import { formatMetricValue, metricUnit } from '../metrics/format-metric.ts'
import { smallNumbers } from '../metrics/small-numbers.ts'
import { StandardLegend } from '../standard/StandardLegend.tsx'
import { update, useAtlas } from '../state/store.ts'
import { LockIcon } from './LockIcon.tsx'

/** One entry per visible layer: the thematic map with its classes and counts first. */
export function Legend({ hexBreaks, hexColors }: { hexBreaks: number[]; hexColors: string[] }) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const layers = useAtlas((s) => s.layers)
  const c = useAtlas((s) => s.classification)
  const density = useAtlas((s) => s.density)
  const level = useAtlas((s) => s.level)
  const metrics = useMapMetrics()
  const scale = useClassScale(metrics.data?.rows, c)
  const tax = useTaxonomies().data
  const typeColors = useTypeColors()
  const unit = metricUnit(i18n, c.metric)
  const labels = scale
    ? intervalLabels(
        scale,
        (v) => formatMetricValue(i18n, c.metric, v, 2),
        (z) => formatSigma(z, fmt.number),
      )
    : []
  const anyOn = Object.values(layers).some((l) => l.on)
  const rate = isIncidentRate(c.metric)
  const small = smallNumbers(metrics.data, c.metric)

  return (
    <div className="legend" data-testid="legend">
      {!anyOn && <div className="muted">{t('legend.empty')}</div>}
      {layers.choropleth.on && scale && (
        <section className="legend-entry" data-testid="legend-choropleth">
          <h3>
            {t(`metric.${c.metric}`)}
            {unit && <span className="legend-unit"> ({unit})</span>}
          </h3>
          <div className="legend-method">
            {t('legend.method', { method: t(`method.short.${scale.method}`), k: scale.breaks.length })}
            {scale.locked && (
              <span className="lock-tag">
                {' · '}
                <LockIcon /> {t('legend.locked')}
              </span>
            )}
            {' · '}
            {t(`level.${level}`)}
          </div>
          {rate && <RateSwitch metric={c.metric as IncidentRate} />}
          {scale.sigma && (
            <div className="legend-method" data-testid="legend-sigma">
              {t('legend.sigma', {
                mean: formatMetricValue(i18n, c.metric, scale.sigma.mean, 2),
                sd: formatMetricValue(i18n, c.metric, scale.sigma.sd, 2),
              })}
            </div>
          )}
          {!scale.locked && c.method !== 'manual' && scale.breaks.length < c.k && (
            <div className="legend-method" data-testid="legend-fewer">
              {t(scale.method === 'stddev' ? 'legend.fewerClassesRange' : 'legend.fewerClasses', {
                n: scale.breaks.length,
                k: c.k,
              })}
            </div>
          )}
          <table className="legend-classes">
            <tbody>
              {[...scale.breaks.keys()].reverse().map((i) => (
                <tr key={i} data-class={i}>
                  <td>
                    <span className="swatch" style={{ background: scale.colors[i] }} />
                  </td>
                  <td className="interval">{labels[i]}</td>
                  <td className="count" data-count={scale.counts[i]}>
                    {fmt.integer(scale.counts[i])}
                  </td>
                </tr>
              ))}
              <tr data-class="nodata">
                <td>
                  <span className="swatch swatch-nodata" />
                </td>
                <td className="interval">{noDataLabel(i18n, scale)}</td>
                <td className="count" data-count={scale.noData}>
                  {fmt.integer(scale.noData)}
                </td>
              </tr>
              {small && (
                <tr data-class="small-numbers" data-testid="legend-small-numbers">
                  <td>
                    <span className="small-number-mark" />
                  </td>
                  <td className="interval">
                    {t('legend.smallNumbers', {
                      count: fmt.integer(small.minCount),
                      population: fmt.integer(small.minPopulation),
                    })}
                  </td>
                  {/* a mark over the classes, not a class: its count is not one of theirs */}
                  <td className="mark-count" data-count={small.count}>
                    {fmt.integer(small.count)}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <div className="legend-total">
            {t('legend.units', { n: fmt.integer(scale.counts.reduce((a, b) => a + b, 0) + scale.noData) })}
          </div>
        </section>
      )}
      <AnalyticsLegend />
      {layers.standard.on && <StandardLegend />}
      {layers.incidents.on && (
        <section className="legend-entry">
          <h3>{density === 'hex' ? t('density.legendHex') : t('density.legendHeat')}</h3>
          {density === 'hex' && hexBreaks.length > 0 ? (
            <>
              <table className="legend-classes">
                <tbody>
                  {[...hexBreaks.keys()].reverse().map((i) => (
                    <tr key={i}>
                      <td>
                        <span className="swatch" style={{ background: hexColors[i] }} />
                      </td>
                      <td className="interval">
                        {intervalLabels({ breaks: hexBreaks, min: null }, (v) => fmt.integer(v))[i]}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="hint">{t('density.suppressed', { n: 3 })}</div>
            </>
          ) : (
            <div className="ramp-wrap">
              <div
                className="ramp"
                style={{
                  background: `linear-gradient(to right, ${HEAT_RANGE.map((c2) => `rgba(${c2[0]},${c2[1]},${c2[2]},${Math.max(c2[3], 60) / 255})`).join(',')})`,
                }}
              />
              <div className="ramp-labels">
                <span>{t('density.low')}</span>
                <span>{t('density.high')}</span>
              </div>
            </div>
          )}
        </section>
      )}
      {layers.models.on && (
        <section className="legend-entry">
          <h3>{t('legend.modelsByType')}</h3>
          <ul className="legend-list">
            {(tax?.model_types ?? []).map((m) => (
              <li key={m.code}>
                <span className="dot" style={{ background: typeColors.get(m.code) }} />
                {i18n.name(m)}
              </li>
            ))}
            <li>
              <span className="dot dot-ring-weak" />
              {t('status.weak')}
            </li>
            <li>
              <span className="dot dot-ring-overdue" />
              {t('legend.overdue')}
            </li>
            <li>
              <span className="dot dot-dissolved" />
              {t('status.dissolved')}
            </li>
            <li>
              <span className="dot dot-radius" />
              {t('legend.cameraRadius', { r: 500 })}
            </li>
          </ul>
        </section>
      )}
      {layers.area_classes.on && (
        <section className="legend-entry">
          <h3>{t('layer.area_classes')}</h3>
          <ul className="legend-list">
            {OUTLINED_CLASSES.map((cls) => (
              <li key={cls}>
                <span className="line-swatch" style={{ borderColor: AREA_CLASS_COLORS[cls] }} />
                {i18n.name(
                  tax?.area_classes.find((a) => a.code === cls),
                  cls,
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {layers.border_features.on && (
        <section className="legend-entry">
          <h3>{t('layer.border_features')}</h3>
          <ul className="legend-list">
            <li>
              <span
                className="sym sym-square"
                style={{ background: BORDER_FEATURE_COLORS.gate_international }}
              />
              {t('legend.gate')}
            </li>
            <li>
              <span className="sym sym-diamond" style={{ background: BORDER_FEATURE_COLORS.opening }} />
              {t('legend.opening')}
            </li>
            <li>
              <span
                className="sym sym-triangle"
                style={{ borderBottomColor: BORDER_FEATURE_COLORS.marker }}
              />
              {t('legend.marker')}
            </li>
            <li>
              <span className="sym sym-flag" style={{ background: BORDER_FEATURE_COLORS.post }} />
              {t('legend.post')}
            </li>
          </ul>
        </section>
      )}
      <section className="legend-entry legend-base">
        <ul className="legend-list">
          {layers.border_line.on && (
            <li>
              <span className="line-swatch line-border" />
              {t('legend.borderLine')}
            </li>
          )}
          {layers.communes_2008.on && (
            <li>
              <span className="line-swatch line-commune-2008" />
              {t('legend.communes2008')}
            </li>
          )}
          {layers.border_belt.on && (
            <li>
              <span className="fill-swatch fill-belt" />
              {t('legend.borderBelt')}
            </li>
          )}
          <li>
            <span className="line-swatch line-province" />
            {t('legend.province')}
          </li>
          <li>
            <span className="line-swatch line-commune" />
            {t('legend.commune')}
          </li>
          <li>
            <span className="fill-swatch fill-mask" />
            {t('legend.neighbour')}
          </li>
        </ul>
      </section>
    </div>
  )
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
      <div className="segmented" title={t('legend.rateSwitch')} data-testid="rate-switch">
        {INCIDENT_RATES.map((m) => (
          <button
            key={m}
            type="button"
            data-rate={m}
            aria-pressed={metric === m}
            className={metric === m ? 'on' : ''}
            onClick={() => choose(m)}
          >
            {t(m === 'incident_rate_eb' ? 'legend.rateSmoothed' : 'legend.rateRaw')}
          </button>
        ))}
      </div>
      {metric === 'incident_rate_eb' && <div className="legend-method">{t('legend.smoothedHint')}</div>}
    </div>
  )
}
