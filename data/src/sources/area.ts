// AREA: which part of the country the atlas serves. Today one province, by its code since the 2025 merger
// ('15' Lào Cai, '04' Cao Bằng, …); an area is a list of provinces so that the whole country can be one.
import { type AreaConfig, readManifest } from './manifest.ts'

export interface Area {
  /** the AREA value: a province code */
  code: string
  /** the provinces it covers */
  provinces: string[]
}

/** The area AREA names (default: the manifest's). A value that is no province code is refused, naming it. */
export function areaFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  config: AreaConfig = readManifest().area,
): Area {
  const code = (env.AREA || config.default).trim()
  if (!/^\d{2}$/.test(code))
    throw new Error(`AREA=${code}: expected a two-digit province code, e.g. 15 (Lào Cai) or 04 (Cao Bằng)`)
  return { code, provinces: [code] }
}

/** "Tỉnh Cao Bằng", "Thành phố Hồ Chí Minh": a province's full name from its short one in the ward files. */
export function provinceFullName(code: string, shortName: string, config: AreaConfig): string {
  const name = shortName.replace(/^TP\.\s*/, '')
  return `${config.cities.includes(code) ? 'Thành phố' : 'Tỉnh'} ${name}`
}
