import {
  type Classification,
  type ContiguitySummary,
  type CoverageResult,
  classifyQuery,
  coverageQuery,
  type EmergingResult,
  emergingQuery,
  type HotspotResult,
  hotspotsQuery,
  levelQuery,
  type Neighbours,
  ratesQuery,
  type Standards,
} from '@antt/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import { badRequest } from '../http/errors.ts'
import { checkPeriod, query } from '../http/validate.ts'
import { withScenario } from '../services/scenarios/middleware.ts'
import { classify } from '../services/stats/classify.ts'
import { coverage, coverageStandards } from '../services/stats/coverage.ts'
import { emergingHotSpots } from '../services/stats/emerging.ts'
import { hotspots } from '../services/stats/hotspots.ts'
import { CONTIGUITY_RULE, contiguity } from '../services/stats/neighbours.ts'
import { unitRates } from '../services/stats/rates.ts'

/**
 * Spatial statistics: contiguity, hot spots, classification breaks, smoothed rates, coverage standards.
 * Every response states its method; the statistics come from the analysis package, the set operations from
 * the SQL functions of sql/functions/06_stats.sql.
 */
export const stats = new Hono<AppEnv>()
  // { "<code>": ["<code>", …] } for every unit of the level; islands have []. Islands are also named in
  // X-Islands-Count and listed by /neighbors/islands.
  .get('/neighbors', query(levelQuery), async (c) => {
    const nb = await contiguity(c.get('deps'), c.req.valid('query').level)
    c.header('X-Islands-Count', String(nb.islands.length))
    c.header('X-Contiguity-Tolerance-M', String(nb.tolerance_m))
    return c.json(nb.neighbours satisfies Neighbours)
  })
  .get('/neighbors/islands', query(levelQuery), async (c) => {
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
  })
  .get('/hotspots', query(hotspotsQuery), withScenario, async (c) => {
    const q = checkPeriod(c.req.valid('query'))
    return c.json((await hotspots(c.get('deps'), { ...q, fdr: q.fdr ?? true })) satisfies HotspotResult)
  })
  .get('/emerging', query(emergingQuery), async (c) => {
    return c.json(
      (await emergingHotSpots(c.get('deps'), checkPeriod(c.req.valid('query')))) satisfies EmergingResult,
    )
  })
  .get('/classify', query(classifyQuery), withScenario, async (c) => {
    const q = checkPeriod(c.req.valid('query'))
    if (q.method === 'manual') {
      if (!q.breaks) throw badRequest('breaks', "required for method 'manual'")
      if (q.breaks.some((b, i) => i > 0 && !(b > q.breaks![i - 1])))
        throw badRequest('breaks', 'must be strictly ascending')
    } else if (q.breaks) {
      throw badRequest('breaks', "only for method 'manual'")
    }
    return c.json((await classify(c.get('deps'), q)) satisfies Classification)
  })
  .get('/rates', query(ratesQuery), async (c) => {
    return c.json(await unitRates(c.get('deps'), checkPeriod(c.req.valid('query'))))
  })
  .get('/standards', query(z.object({}).strict()), async (c) => {
    return c.json({ standards: await coverageStandards(c.get('deps')) } satisfies Standards)
  })
  .get('/coverage', query(coverageQuery), withScenario, async (c) => {
    return c.json((await coverage(c.get('deps'), checkPeriod(c.req.valid('query')))) satisfies CoverageResult)
  })
