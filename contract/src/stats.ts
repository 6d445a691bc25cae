// Statistics: /api/stats/*, /api/priorities, /api/compare.
import { DEFAULT_PRIORITY_WEIGHTS, EMERGING_CATEGORIES } from '@antt/analysis'
import { z } from 'zod'
import { LEVELS, METRIC_NAMES, PRIORITY_COMPONENTS, type PriorityComponent } from './lists.ts'
import {
  booleanField,
  codeList,
  communeCode,
  isoDate,
  levelField,
  metricField,
  metricsFilterFields,
  periodFields,
  permutationsField,
  seedField,
  wholeNumberField,
} from './params.ts'
import { count, named, period } from './registry.ts'

const level = z.enum(LEVELS)
const nullableNumber = z.number().nullable()

export const levelQuery = z.object({ level: levelField }).strict()

export const neighbours = named(
  'Neighbours',
  z
    .record(z.string(), z.array(z.string()))
    .meta({ description: '{ "<code>": ["<code>", …] }; islands have []' }),
)
export type Neighbours = z.infer<typeof neighbours>

export const contiguitySummary = named(
  'ContiguitySummary',
  z.object({
    level,
    rule: z.string(),
    tolerance_m: z.number(),
    units: count,
    links: count,
    islands: z.array(z.string()),
    without_geometry: z.array(z.string()),
  }),
)
export type ContiguitySummary = z.infer<typeof contiguitySummary>

export const hotspotsQuery = z
  .object({
    level: levelField,
    metric: metricField,
    permutations: permutationsField,
    seed: seedField,
    fdr: booleanField.optional().meta({
      description: 'Benjamini–Hochberg false discovery rate control of the classes',
      default: 'true',
    }),
    ...metricsFilterFields,
  })
  .strict()

const HOTSPOT_CLASSES = [
  'hot-99',
  'hot-95',
  'hot-90',
  'cold-99',
  'cold-95',
  'cold-90',
  'not-significant',
] as const
const QUADRANTS = ['HH', 'LH', 'LL', 'HL'] as const

export const hotspotRow = z.object({
  code: z.string(),
  name: z.string(),
  value: nullableNumber.meta({
    description: "the metric's value; null = no data (left out of the analysis)",
  }),
  neighbours: count.meta({ description: 'neighbours among the units with data' }),
  gi_z: nullableNumber,
  gi_p: nullableNumber,
  gi_p_fdr: nullableNumber,
  gi_class: z.enum(HOTSPOT_CLASSES).nullable(),
  moran_i: nullableNumber,
  lisa_quadrant: z.enum(QUADRANTS).nullable(),
  lisa_p: nullableNumber,
  lisa_p_fdr: nullableNumber,
  lisa_cluster: z.enum([...QUADRANTS, 'not-significant']).nullable(),
})
export type HotspotRow = z.infer<typeof hotspotRow>

export const hotspotResult = named(
  'HotspotResult',
  z.object({
    level,
    metric: z.enum(METRIC_NAMES),
    period,
    method: z
      .object({
        permutations: count,
        seed: count,
        tolerance_m: z.number(),
        gi_star: z.string(),
        local_moran: z.string(),
        contiguity: z.string(),
        fdr: z.string(),
        islands: z.array(z.string()),
      })
      .loose()
      .meta({ description: 'weights, permutations, seed, FDR in words' }),
    counts: z.object({
      units: count,
      analysed: count,
      no_data: count,
      islands: count,
      gi_class: z.record(z.string(), count),
      lisa_cluster: z.record(z.string(), count),
    }),
    rows: z.array(hotspotRow),
  }),
)
export type HotspotResult = z.infer<typeof hotspotResult>

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i
const numberList = z
  .string()
  .max(1000)
  .transform((s) => s.split(',').map((x) => x.trim()))
  .refine((parts) => parts.every((p) => NUMBER.test(p)), 'expected comma-separated numbers')
  .refine((parts) => parts.length <= 20, 'at most 20 breaks')
  .transform((parts) => parts.map(Number))

export const classifyQuery = z
  .object({
    level: levelField,
    metric: metricField,
    method: z
      .enum(['quantile', 'equal', 'jenks', 'stddev', 'manual'], {
        message: 'expected quantile, equal, jenks, stddev or manual',
      })
      .default('quantile')
      .meta({ description: 'jenks: Fisher–Jenks exact optimal breaks' }),
    k: wholeNumberField(2, 9).default(5).meta({ description: 'number of classes' }),
    breaks: numberList.optional().meta({
      description: 'method=manual only: comma-separated, strictly ascending upper bounds (at most 20)',
    }),
    ...metricsFilterFields,
  })
  .strict()

export const classification = named(
  'Classification',
  z
    .object({ breaks: z.array(z.number()), counts: z.array(count) })
    .loose()
    .meta({ description: 'upper bounds of the classes (the last is the maximum) and the units in each' }),
)
export type Classification = z.infer<typeof classification>

export const ratesQuery = z
  .object({
    level: levelField,
    ...periodFields,
    categories: codeList.optional(),
    classes: codeList.optional(),
    commune: communeCode.optional(),
    min_population: wholeNumberField(0, 1_000_000)
      .optional()
      .meta({ description: 'units below this population are flagged' }),
    min_count: wholeNumberField(0, 10_000)
      .optional()
      .meta({ description: 'units with fewer incidents are flagged' }),
  })
  .strict()

/** Raw and smoothed incident rates per unit (/api/stats/rates). */
export const ratesResult = named(
  'RatesResult',
  z.object({
    level: z.enum(LEVELS),
    period,
    filters: z.object({
      categories: z.array(z.string()).nullable(),
      classes: z.array(z.string()).nullable(),
      commune: z.string().nullable(),
    }),
    method: z.object({
      raw: z.string(),
      smoothed: z.string(),
      flags: z.string(),
      no_population: z.string(),
      suppressed: z
        .string()
        .optional()
        .meta({ description: 'for aggregate-only callers: how withheld units are left out' }),
    }),
    min_population: count,
    min_count: count,
    global_rate: nullableNumber.meta({ description: 'Σ incidents / Σ residents × 1,000 per year' }),
    prior_variance: nullableNumber,
    totals: z.object({
      units: count,
      population: count,
      incidents: count.meta({ description: 'of the units whose count is shown' }),
      flagged: count,
      withheld_units: count.optional(),
    }),
    rows: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        commune_code: z.string().nullable(),
        population: count.nullable(),
        incidents: count.nullable().meta({ description: 'null where the count is withheld' }),
        suppressed: z.boolean().optional(),
        rate_raw: nullableNumber.meta({ description: 'incidents per 1,000 residents per year' }),
        rate_eb: nullableNumber.meta({
          description: 'Empirical-Bayes smoothed, per 1,000 residents per year',
        }),
        shrinkage: nullableNumber,
        small_population: z.boolean(),
        small_count: z.boolean().nullable(),
        flagged: z.boolean(),
      }),
    ),
  }),
)
export type RatesResult = z.infer<typeof ratesResult>

export const coverageQuery = z.object({ level: levelField, ...metricsFilterFields }).strict()

/** A unit's standard-set coverage. */
export const standardCoverage = z.object({
  /** model types the standards of the unit's classes require */
  required_types: z.array(z.string()),
  /** villages the standard applies to */
  villages: count,
  /** of those, villages covered by every required type */
  villages_meeting: count,
  /** villages_meeting / villages; null when no standard applies */
  coverage: nullableNumber,
  by_class: z.array(
    z.object({ class: z.string(), required: z.array(z.string()), villages: count, villages_meeting: count }),
  ),
  /** per required type, the applicable villages it does not cover */
  lacking: z.record(z.string(), count),
})
export type StandardCoverage = z.infer<typeof standardCoverage>

export const coverageRow = z.object({
  code: z.string(),
  name: z.string(),
  commune_code: z.string().nullable(),
  area_classes: z.array(z.string()),
  standard: standardCoverage,
  exemplary: z.object({
    models: count,
    replicated: count,
    not_replicated: count,
    replicas_made: count,
    replicas_received: count,
  }),
})
export type CoverageRow = z.infer<typeof coverageRow>

export const coverageResult = named(
  'CoverageResult',
  z
    .object({ level, period, method: z.record(z.string(), z.string()), rows: z.array(coverageRow.loose()) })
    .loose()
    .meta({ description: 'coverage metrics, standard-set coverage and exemplary models per unit' }),
)
export type CoverageResult = z.infer<typeof coverageResult>

export const standardsResult = named(
  'Standards',
  z.object({
    standards: z.array(
      z.object({
        class_code: z.string(),
        name_vi: z.string(),
        name_en: z.string(),
        types: z.array(
          z.object({
            code: z.string(),
            name_vi: z.string(),
            name_en: z.string(),
            note: z.string().nullable(),
          }),
        ),
      }),
    ),
  }),
)
export type Standards = z.infer<typeof standardsResult>

export const EMERGING_METRICS = ['incidents'] as const
export const EMERGING_STEPS = ['month', 'quarter'] as const

export const emergingQuery = z
  .object({
    level: levelField,
    metric: z
      .enum(EMERGING_METRICS, { message: `expected ${EMERGING_METRICS.join(', ')}` })
      .default('incidents'),
    step: z.enum(EMERGING_STEPS, { message: `expected ${EMERGING_STEPS.join(' or ')}` }).default('month'),
    ...periodFields,
    categories: codeList.optional(),
    permutations: permutationsField,
    seed: seedField,
    fdr: booleanField.optional(),
  })
  .strict()

export const emergingStepValue = z.object({
  step: z.string().meta({ description: 'YYYY-MM for months, YYYY-Qn for quarters' }),
  value: count.nullable().meta({
    description:
      'null when withheld from the caller (a count of 1–2, or withheld so that such a count cannot be worked out), with gi_z, gi_p and hot',
  }),
  suppressed: z.literal(true).optional(),
  gi_z: nullableNumber,
  gi_p: nullableNumber,
  hot: z
    .boolean()
    .nullable()
    .meta({ description: 'true: significant hot spot at 90 %; false: significant cold spot; null: neither' }),
})

export const emergingRow = z.object({
  code: z.string(),
  name: z.string(),
  category: z.enum(EMERGING_CATEGORIES),
  trend_z: nullableNumber,
  trend_p: nullableNumber,
  low_counts: z.boolean().meta({ description: 'under one incident per step in the neighbourhood' }),
  series: z.array(emergingStepValue),
})
export type EmergingRow = z.infer<typeof emergingRow>

export const emergingResult = named(
  'EmergingHotSpots',
  z
    .object({
      level,
      metric: z.enum(EMERGING_METRICS),
      step: z.enum(EMERGING_STEPS),
      period: period.meta({ description: 'the period widened to whole steps' }),
      steps: z.array(z.string().meta({ description: 'YYYY-MM or YYYY-Qn' })),
      method: z
        .record(z.string(), z.unknown())
        .meta({ description: 'contiguity, Gi*, trend and category rules in words' }),
      counts: z.object({ units: count, low_counts: count, categories: z.record(z.string(), count) }),
      rows: z.array(emergingRow),
    })
    .meta({ description: 'emerging hot spot analysis' }),
)
export type EmergingResult = z.infer<typeof emergingResult>

const weightField = z.coerce
  .number({ message: 'expected a non-negative number' })
  .finite('expected a non-negative number')
  .min(0, 'must be a non-negative number')
  .max(1000, 'must be at most 1000')

/** One query parameter per component: w_incident_rate_eb, w_hotspot_z, … */
const weightFields = Object.fromEntries(
  PRIORITY_COMPONENTS.map((k) => [
    `w_${k}`,
    weightField.optional().meta({ description: `weight of ${k}`, default: DEFAULT_PRIORITY_WEIGHTS[k] }),
  ]),
) as Record<`w_${PriorityComponent}`, z.ZodOptional<typeof weightField>>

export const prioritiesQuery = z
  .object({
    level: levelField,
    normalise: z
      .enum(['rank', 'minmax'], { message: 'expected rank or minmax' })
      .default('rank')
      .meta({ description: 'how each component is scaled to 0–1' }),
    ...weightFields,
    ...metricsFilterFields,
  })
  .strict()

const byComponent = <T extends z.ZodType>(value: T) =>
  z.object(Object.fromEntries(PRIORITY_COMPONENTS.map((k) => [k, value])) as Record<PriorityComponent, T>)

export const priorityRow = z.object({
  code: z.string(),
  name: z.string(),
  commune_code: z.string().nullable(),
  score: nullableNumber,
  rank: count.nullable().meta({ description: "rank among every unit of the caller's scope" }),
  filter_rank: count
    .nullable()
    .meta({ description: 'rank among the rows the area-class / commune filter returns' }),
  contributions: byComponent(z.number()).partial(),
  need: z.number(),
  lack_of_coverage: z.number(),
  components: byComponent(nullableNumber),
  missing: z.array(z.enum(PRIORITY_COMPONENTS as [PriorityComponent, ...PriorityComponent[]])),
  values: z.object({
    population: nullableNumber,
    incidents: count.nullable(),
    incidents_previous: count.nullable(),
    incident_rate_per_1000: nullableNumber,
    incident_rate_eb: nullableNumber,
    rate_flagged: z.boolean().nullable(),
    gi_z: nullableNumber,
    is_border: z.boolean(),
    is_strategic: z.boolean(),
    rate_ratio: nullableNumber,
    rate_ratio_lower: nullableNumber,
    trend_p: nullableNumber,
    village_coverage: nullableNumber,
    effective_share: nullableNumber,
    evaluation_compliance: nullableNumber,
    active_models: nullableNumber,
    models_per_1000: nullableNumber,
  }),
})
export type PriorityRow = z.infer<typeof priorityRow>

export const priorityResult = named(
  'PriorityResult',
  z.object({
    level,
    period,
    previous_period: period,
    weights: byComponent(z.number()),
    weights_normalised: byComponent(z.number()),
    normalise: z.enum(['rank', 'minmax']),
    method: z.object({ score: z.string(), missing: z.string(), components: byComponent(z.string()) }).loose(),
    scope_units: count.meta({ description: "units scored and ranked: all of the caller's scope" }),
    filter_units: count.meta({ description: 'rows returned: those the filter shows' }),
    rows: z.array(priorityRow),
  }),
)
export type PriorityResult = z.infer<typeof priorityResult>

const fdrField = booleanField
  .optional()
  .meta({ description: 'Benjamini–Hochberg control of the change classes', default: 'false' })

const comparePeriodEnd = (name: string) =>
  isoDate.optional().meta({
    description: `${name.startsWith('a') ? 'period A' : 'period B'}: ${name.endsWith('from') ? 'first' : 'last'} day (both ends or neither)`,
  })

export const compareQuery = z
  .object({
    level: levelField,
    a_from: comparePeriodEnd('a_from'),
    a_to: comparePeriodEnd('a_to'),
    b_from: comparePeriodEnd('b_from'),
    b_to: comparePeriodEnd('b_to'),
    categories: codeList.optional(),
    classes: codeList.optional(),
    commune: communeCode.optional(),
    fdr: fdrField,
  })
  .strict()

const RATE_CHANGES = ['rise', 'fall', 'no-change'] as const

export const compareRow = z.object({
  code: z.string(),
  name: z.string(),
  commune_code: z.string().nullable(),
  population: z.number(),
  count_a: count.nullable().meta({ description: 'null when withheld from an aggregate-only caller' }),
  count_b: count.nullable(),
  suppressed: z.boolean().optional(),
  rate_a: nullableNumber.meta({
    description: 'incidents per 1,000 residents per year; null without population',
  }),
  rate_b: nullableNumber,
  rate_ratio: nullableNumber.meta({
    description: 'rate_b / rate_a; null when undefined or infinite (count_a = 0)',
  }),
  ci_lower: nullableNumber,
  ci_upper: nullableNumber.meta({ description: 'null when unbounded' }),
  p_value: nullableNumber,
  p_value_fdr: nullableNumber,
  change_class: z.enum(RATE_CHANGES).nullable(),
})
export type CompareRow = z.infer<typeof compareRow>

const periodWithDays = period.extend({ days: count })

export const compareResult = named(
  'CompareResult',
  z.object({
    level,
    a: periodWithDays,
    b: periodWithDays,
    method: z.record(z.string(), z.string()),
    totals: z.object({
      units: count,
      population: z.number(),
      count_a: count,
      count_b: count,
      rate_a: nullableNumber,
      rate_b: nullableNumber,
      rate_ratio: nullableNumber,
      ci_lower: nullableNumber,
      ci_upper: nullableNumber,
      p_value: nullableNumber,
      change_class: z.enum(RATE_CHANGES).nullable(),
      change_classes: z.record(z.enum(RATE_CHANGES), count),
      withheld_units: count.optional(),
    }),
    rows: z.array(compareRow),
  }),
)
export type CompareResult = z.infer<typeof compareResult>
