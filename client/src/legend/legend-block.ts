import type { I18n } from '../i18n/index.ts'
import { NO_DATA_FILL, type Rgba } from '../map/colors.ts'
import type { AtlasState } from '../state/atlas-state.ts'

/** How a legend row is drawn; colours are CSS colours (#rrggbb or rgba()). */
export type Swatch =
  | { kind: 'fill'; color: string; stroke?: string; hatch?: boolean }
  | { kind: 'line'; color: string; width: number; dash?: boolean }
  | { kind: 'dot'; color: string; stroke: string; strokeWidth?: number; size?: number }
  | { kind: 'symbol'; shape: 'square' | 'diamond' | 'triangle' | 'flag'; color: string }
  | { kind: 'ramp'; colors: string[]; low: string; high: string }

export interface LegendRow {
  /** the class it stands for ("0", "nodata", "hot-99", "2,0", a model type's code) */
  id: string
  swatch: Swatch
  label: string
  /** a line under the label (the rule of an emerging hot-spot category) */
  rule?: string
  /**
   * units in the class; `mark` when it counts a mark drawn over the classes (small numbers), which is not a
   * class of its own and is left out of the classes' total
   */
  count?: { value: number; text: string; mark?: boolean }
}

/** The layers a legend block can describe; `base` is the basemap's lines and fills. */
export type LegendLayer =
  | 'choropleth'
  | 'hotspots'
  | 'bivariate'
  | 'change'
  | 'emerging'
  | 'standard'
  | 'incidents'
  | 'models'
  | 'area_classes'
  | 'border_features'
  | 'base'

export interface LegendBlock {
  layer: LegendLayer
  /** '' for the basemap block */
  title: string
  unit?: string
  /** how the classes were made (statistic, method, classes, periods, level): one line each */
  notes: string[]
  /** the classes are locked: the first note says so in words, a renderer may add a padlock */
  locked?: boolean
  /** heading over the counts column */
  countHeader?: string
  rows: LegendRow[]
  /** a line under the rows (total units, suppression rule) */
  footer?: string
  /** the layer is on but its classes are still being computed: no rows yet */
  pending?: boolean
}

/** The part of the atlas state the legend reads. */
export type LegendState = Pick<AtlasState, 'layers' | 'classification' | 'density' | 'level' | 'analytics'>

export const css = (c: Rgba | readonly number[]) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] ?? 255) / 255})`

export const CLASS_STROKE = 'rgba(0,0,0,0.3)'

/** The no-data row of a classified layer: hatched grey, as the map draws units without a value. */
export function noDataRow(label: string, n: number, i18n: I18n): LegendRow {
  return {
    id: 'nodata',
    swatch: { kind: 'fill', color: css(NO_DATA_FILL), stroke: CLASS_STROKE, hatch: true },
    label,
    count: { value: n, text: i18n.fmt.integer(n) },
  }
}

/** A class row with its count. */
export function classRow(id: string, color: string, label: string, n: number, i18n: I18n): LegendRow {
  return {
    id,
    swatch: { kind: 'fill', color, stroke: CLASS_STROKE },
    label,
    count: { value: n, text: i18n.fmt.integer(n) },
  }
}
