// The recipe of each layer in data/sources.json, by layer id.
import { communes2008 } from './communes-2008.ts'
import { communes2025 } from './communes-2025.ts'
import type { Recipe } from './context.ts'
import { crosswalk } from './crosswalk.ts'
import { districts } from './districts.ts'
import { landBorder } from './land-border.ts'
import { provinceOutlines } from './province-outlines.ts'
import { provinces2025 } from './provinces-2025.ts'

export type { Recipe, RecipeContext } from './context.ts'

export const RECIPES: Record<string, Recipe> = {
  communes_2025: communes2025,
  provinces_2025: provinces2025,
  land_border: landBorder,
  province_outlines: provinceOutlines,
  commune_crosswalk: crosswalk,
  districts_pre2025: districts,
  communes_2008: communes2008,
}
