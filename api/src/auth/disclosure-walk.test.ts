// The disclosure test: every role walks every GET endpoint and tile layer (disclosure-walk.ts). It fails on an
// incident count of 1–2, an incident location or a count that can be worked out from a total, for a role
// without the incident-point permission, and on any commune or village outside the steward's ward.
import { describe, expect, it } from 'vitest'
import { backends, type Role, useApp } from '../testing.ts'
import { LAO_CAI_WARD } from '../tiles/testing.ts'
import { walkDisclosure } from './disclosure-walk.ts'

const ROLES: Role[] = ['admin', 'leader', 'planner', 'briefer', 'steward', 'viewer']

describe.each(backends())('disclosure on the %s database', (backend) => {
  const ctx = useApp(backend)

  it('gives no role more than it may learn, on every documented endpoint and tile layer', {
    timeout: 900_000,
  }, async () => {
    const { callers, requests, problems } = await walkDisclosure(ctx, {
      accounts: ROLES,
      home: LAO_CAI_WARD,
      inScope: (commune) => commune === LAO_CAI_WARD.code,
    })
    expect(callers.filter((c) => c.aggregateOnly).map((c) => c.role)).toEqual(['briefer', 'viewer'])
    expect(requests).toBeGreaterThan(500)
    expect(problems).toEqual([])
  })
})
