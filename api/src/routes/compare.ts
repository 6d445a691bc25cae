import { type CompareResult, compareQuery, compareResult } from '@antt/contract'
import { Hono } from 'hono'
import { isAggregateOnly, previousMonths, wholeMonths } from '../auth/disclosure.ts'
import type { AppEnv } from '../context.ts'
import { describeRoute, jsonAnswer } from '../http/describe.ts'
import { badRequest } from '../http/errors.ts'
import { query } from '../http/validate.ts'
import { checkTaxonomyCodes } from '../services/metrics.ts'
import { requestPeriod } from '../services/period.ts'
import { comparePeriods } from '../services/stats/compare.ts'
import { checkCommune, previousPeriod } from '../services/stats/incident-counts.ts'

/**
 * Two periods side by side per commune or village: counts, rates, rate ratio with an exact test and a change
 * class. Period B defaults to the last 12 months of data, period A to the period of the same length before B.
 */
export const compare = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tag: 'Statistics',
    summary: 'Two periods side by side: counts, rates, rate ratio with an exact test, change class',
    description:
      'Period B defaults to the last 12 months of data, period A to the period of the same length before B; they must not overlap.',
    responses: {
      200: jsonAnswer(compareResult),
    },
  }),
  query(compareQuery),
  async (c) => {
    const q = c.req.valid('query')
    const deps = c.get('deps')
    for (const [from, to] of [
      ['a_from', 'a_to'],
      ['b_from', 'b_to'],
    ] as const) {
      if ((q[from] === undefined) !== (q[to] === undefined)) {
        const missing = q[from] === undefined ? from : to
        throw badRequest(missing, `required with ${missing === from ? to : from}`)
      }
      if (q[from] && q[to] && q[from] > q[to]) throw badRequest(from, `must not be after ${to}`)
    }
    await checkTaxonomyCodes(deps, q)
    await checkCommune(deps.db, q.commune)
    const b = await requestPeriod(deps, { from: q.b_from, to: q.b_to })
    // aggregate-only callers count whole months (auth/disclosure.ts)
    const months = isAggregateOnly(deps.principal)
    const given = q.a_from && q.a_to ? { from: q.a_from, to: q.a_to } : null
    const a = given ? (months ? wholeMonths(given) : given) : months ? previousMonths(b) : previousPeriod(b)
    if (a.from <= b.to && b.from <= a.to)
      throw badRequest(
        'a_from',
        `periods A and B must not overlap${months ? ' (counted in whole months)' : ''}`,
      )
    return c.json(
      (await comparePeriods(deps, {
        level: q.level,
        a,
        b,
        categories: q.categories,
        classes: q.classes,
        commune: q.commune,
        fdr: q.fdr ?? false,
      })) satisfies CompareResult,
    )
  },
)
