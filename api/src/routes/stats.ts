import {
  type Classification,
  type ContiguitySummary,
  type CoverageResult,
  classification,
  classifyQuery,
  contiguitySummary,
  coverageQuery,
  coverageResult,
  type EmergingResult,
  emergingQuery,
  emergingResult,
  type HotspotResult,
  hotspotResult,
  hotspotsQuery,
  levelQuery,
  type Neighbours,
  neighbours,
  type RatesResult,
  ratesQuery,
  ratesResult,
  type Standards,
  standardsResult,
} from '@antt/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { describeTag, jsonAnswer } from '../http/describe.ts'
import { badRequest } from '../http/errors.ts'
import { checkPeriod, query } from '../http/validate.ts'
import { withScenario } from '../services/scenarios/middleware.ts'
import { classify } from '../services/stats/classify.ts'
import { coverage, coverageStandards } from '../services/stats/coverage.ts'
import { emergingHotSpots } from '../services/stats/emerging.ts'
import { hotspots } from '../services/stats/hotspots.ts'
import { CONTIGUITY_RULE, contiguity } from '../services/stats/neighbours.ts'
import { unitRates } from '../services/stats/rates.ts'

const doc = describeTag('Statistics')

/**
 * Spatial statistics: contiguity, hot spots, classification breaks, smoothed rates, coverage standards.
 * Every response states its method; the statistics come from the analysis package, the set operations from
 * the SQL functions of sql/functions/06_stats.sql.
 */
export const stats = new Hono<AppEnv>()
  // { "<code>": ["<code>", …] } for every unit of the level; islands have []. Islands are also named in
  // X-Islands-Count and listed by /neighbors/islands.
  .get(
    '/neighbors',
    doc(
      'Queen contiguity: the neighbours of every unit',
      { 200: jsonAnswer(neighbours) },
      {
        description:
          'Headers X-Islands-Count and X-Contiguity-Tolerance-M state the islands and the sliver tolerance.',
      },
    ),
    query(levelQuery),
    async (c) => {
      const nb = await contiguity(c.get('deps'), c.req.valid('query').level)
      c.header('X-Islands-Count', String(nb.islands.length))
      c.header('X-Contiguity-Tolerance-M', String(nb.tolerance_m))
      return c.json(nb.neighbours satisfies Neighbours)
    },
  )
  .get(
    '/neighbors/islands',
    doc('Contiguity summary: rule, tolerance, links and islands', { 200: jsonAnswer(contiguitySummary) }),
    query(levelQuery),
    async (c) => {
      const nb = await contiguity(c.get('deps'), c.req.valid('query').level)
      return c.json({
        level: nb.level,
        rule: CONTIGUITY_RULE,
        tolerance_m: nb.tolerance_m,
        units: Object.keys(nb.neighbours).length,
        links: nb.links,
        islands: nb.islands,
        without_geometry: nb.without_geometry,
      } satisfies ContiguitySummary)
    },
  )
  .get(
    '/hotspots',
    doc("Getis–Ord Gi* and local Moran's I with permutation p-values and FDR", {
      200: jsonAnswer(hotspotResult),
    }),
    query(hotspotsQuery),
    withScenario,
    async (c) => {
      const q = checkPeriod(c.req.valid('query'))
      return c.json((await hotspots(c.get('deps'), { ...q, fdr: q.fdr ?? true })) satisfies HotspotResult)
    },
  )
  .get(
    '/emerging',
    doc(
      'Emerging hot spots: Gi* per month or quarter, Mann–Kendall trend of each unit’s z-scores, and its category',
      { 200: jsonAnswer(emergingResult) },
      {
        description:
          'At least 4 and at most 120 steps; the period is widened to whole steps. `hot` is true for a hot spot ' +
          'and false for a cold spot significant at 90 %. Categories follow Esri’s emerging hot spot definitions ' +
          '(new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating, historical hot or cold ' +
          'spot, no pattern); `low_counts` marks units whose neighbourhood counted under one incident per step. ' +
          'Callers without the incident-point permission get each step’s withheld counts (1–2, and those withheld so ' +
          'that such a count cannot be worked out) as null with `suppressed`, their Gi* as null, and Gi* computed ' +
          'over the published counts only.',
      },
    ),
    query(emergingQuery),
    async (c) => {
      return c.json(
        (await emergingHotSpots(c.get('deps'), checkPeriod(c.req.valid('query')))) satisfies EmergingResult,
      )
    },
  )
  .get(
    '/classify',
    doc('Classification breaks of a metric (upper bounds; the last is the maximum) and class counts', {
      200: jsonAnswer(classification),
    }),
    query(classifyQuery),
    withScenario,
    async (c) => {
      const q = checkPeriod(c.req.valid('query'))
      if (q.method === 'manual') {
        if (!q.breaks) throw badRequest('breaks', "required for method 'manual'")
        if (q.breaks.some((b, i) => i > 0 && !(b > q.breaks![i - 1])))
          throw badRequest('breaks', 'must be strictly ascending')
      } else if (q.breaks) {
        throw badRequest('breaks', "only for method 'manual'")
      }
      return c.json((await classify(c.get('deps'), q)) satisfies Classification)
    },
  )
  .get(
    '/rates',
    doc(
      'Incident rates per 1,000 residents per year, raw and Empirical-Bayes smoothed (Marshall 1991), small units flagged',
      { 200: jsonAnswer(ratesResult) },
    ),
    query(ratesQuery),
    async (c) => {
      return c.json((await unitRates(c.get('deps'), checkPeriod(c.req.valid('query')))) satisfies RatesResult)
    },
  )
  .get(
    '/standards',
    doc('The standard sets of model types per area class (data, editable)', {
      200: jsonAnswer(standardsResult),
    }),
    query(z.object({}).strict()),
    async (c) => {
      return c.json({ standards: await coverageStandards(c.get('deps')) } satisfies Standards)
    },
  )
  .get(
    '/coverage',
    doc('Village coverage against the standard set of each area class', { 200: jsonAnswer(coverageResult) }),
    query(coverageQuery),
    withScenario,
    async (c) => {
      return c.json(
        (await coverage(c.get('deps'), checkPeriod(c.req.valid('query')))) satisfies CoverageResult,
      )
    },
  )
