import { boundaries } from './boundaries.ts'
import { certifications } from './certifications.ts'
import { evaluations } from './evaluations.ts'
import { funding } from './funding.ts'
import { incidents } from './incidents.ts'
import { models } from './models.ts'
import { outreach } from './outreach.ts'
import type { ImportKind, KindDef } from './types.ts'
import { villages } from './villages.ts'

export type { ImportKind, KindDef } from './types.ts'

export const KINDS: Record<ImportKind, KindDef> = {
  models,
  evaluations,
  incidents,
  outreach,
  certifications,
  funding,
  villages,
  boundaries,
}
