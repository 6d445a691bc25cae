// AREA: which part of the country the atlas serves: one province, by its code since the 2025 merger
// ('15' Lào Cai, '04' Cao Bằng, …), or 'VN', the whole country.
import { type AreaConfig, readManifest } from './manifest.ts'

export interface Area {
  /** the AREA value: a province code, or 'VN' */
  code: string
  /** the provinces it covers; null for the whole country */
  provinces: string[] | null
}

/** AREA's value for the whole country. */
export const NATIONAL = 'VN'

/** Whether the area covers the province with this code. */
export const covers = (area: Area, provinceCode: string): boolean =>
  area.provinces === null || area.provinces.includes(provinceCode)

/** The area AREA names (default: the manifest's). A value that is no province code is refused, naming it. */
export function areaFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  config: AreaConfig = readManifest().area,
): Area {
  const code = (env.AREA || config.default).trim().toUpperCase()
  if (code === NATIONAL) return { code, provinces: null }
  if (!/^\d{2}$/.test(code))
    throw new Error(
      `AREA=${code}: expected a two-digit province code, e.g. 15 (Lào Cai) or 04 (Cao Bằng), or VN for the whole country`,
    )
  return { code, provinces: [code] }
}

/** "Tỉnh Cao Bằng", "Thành phố Hồ Chí Minh": a province's full name from its short one in the ward files. */
export function provinceFullName(code: string, shortName: string, config: AreaConfig): string {
  const name = shortName.replace(/^TP\.\s*/, '')
  return `${config.cities.includes(code) ? 'Thành phố' : 'Tỉnh'} ${name}`
}
