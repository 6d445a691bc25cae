import type { I18n } from '../i18n/index.ts'
import type { ClassScale } from '../map/class-scale.ts'

/**
 * Legend labels for the classes, matching classIndex: the first class runs from the data minimum to b0
 * ("0,5 – 1,5", or the value alone when every unit in it has that value, "0 %"); the others hold values
 * above the previous bound up to their own ("> 1,5 – 3"). When the data minimum lies above the first bound
 * (locked breaks), the first class reads ≤ b0. Standard-deviation classes are labelled in σ from the mean.
 */
export function intervalLabels(
  scale: Pick<ClassScale, 'breaks' | 'min'> & Partial<Pick<ClassScale, 'sigma'>>,
  format: (v: number) => string,
  formatSigma?: (z: number) => string,
): string[] {
  const { breaks, min, sigma } = scale
  if (sigma && formatSigma) return sigmaLabels(breaks, sigma, formatSigma)
  return breaks.map((b, i) => {
    if (i === 0) {
      if (min === null || min > b) return `≤ ${format(b)}`
      return min === b ? format(b) : `${format(min)} – ${format(b)}`
    }
    return `> ${format(breaks[i - 1])} – ${format(b)}`
  })
}

/** σ labels: "< −0,5 σ", "−0,5 σ – +0,5 σ", "> +1,5 σ" (the last class runs to the maximum). */
function sigmaLabels(
  breaks: readonly number[],
  sigma: { mean: number; sd: number },
  formatSigma: (z: number) => string,
): string[] {
  const z = (b: number) => formatSigma((b - sigma.mean) / sigma.sd)
  if (breaks.length === 1) return ['']
  return breaks.map((b, i) => {
    if (i === 0) return `< ${z(b)}`
    if (i === breaks.length - 1) return `> ${z(breaks[i - 1])}`
    return `${z(breaks[i - 1])} – ${z(b)}`
  })
}

/** A z in σ with its sign, in the interface's number format: "+1,5 σ", "−0,5 σ", "0 σ". */
export function formatSigma(z: number, number: (v: number, digits: number) => string): string {
  const r = Math.round(z * 10) / 10
  const sign = r > 0 ? '+' : r < 0 ? '−' : ''
  return `${sign}${number(Math.abs(r), 1)} σ`
}

/** The no-data class's label; it says so when some of those values were withheld for privacy. */
export function noDataLabel(i18n: Pick<I18n, 't'>, scale: Pick<ClassScale, 'suppressed'>): string {
  // 3: the smallest count shown to aggregate-only roles (api/src/auth/disclosure.ts)
  return scale.suppressed > 0 ? i18n.t('legend.noDataSuppressed', { n: 3 }) : i18n.t('legend.noData')
}
