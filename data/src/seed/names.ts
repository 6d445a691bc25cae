import type { Rng } from '@antt/analysis'

// Syllables of place names as they occur in Lào Cai and Yên Bái: Hmong, Dao, Tày, Giáy and Kinh.
const HIGHLAND = [
  'Nậm',
  'Pả',
  'Cốc',
  'Khuổi',
  'Lũng',
  'Sín',
  'Chải',
  'Phìn',
  'Hồ',
  'Tả',
  'Ngài',
  'Mường',
  'Làng',
  'Sử',
  'Mào',
  'San',
  'Chư',
  'Lao',
  'Chin',
  'Tủng',
  'Pản',
  'Lùng',
  'Cán',
  'Nà',
  'Pờ',
  'Sảng',
  'Thàng',
  'Chu',
  'Giàng',
  'Séo',
  'Kho',
  'Mý',
  'Pha',
  'Dìn',
  'Ma',
  'Hoàng',
  'Sì',
  'Quang',
  'Háng',
  'Dền',
  'Ý',
  'Trung',
  'Khe',
  'Vài',
  'Pú',
]
const HIGHLAND_TAIL = [
  'Chảy',
  'Sáng',
  'Pao',
  'Chồ',
  'Sủ',
  'Lồ',
  'Tòng',
  'Phố',
  'Thượng',
  'Hạ',
  'Cang',
  'Chải',
  'Trên',
  'Dưới',
  'Mới',
  'Cũ',
  'Chư',
  'Phùng',
  'Sán',
  'Pan',
  'Tủng',
  'Ngài',
  'Dín',
  'Lìn',
  'Hồ',
  'Sang',
  'Vàng',
  'Lử',
]
const LOWLAND = [
  'Tân',
  'Đồng',
  'An',
  'Phú',
  'Xuân',
  'Hòa',
  'Bình',
  'Thịnh',
  'Hưng',
  'Yên',
  'Minh',
  'Quyết',
  'Thắng',
  'Tiến',
  'Trung',
  'Hợp',
  'Đoàn',
  'Kết',
  'Văn',
  'Khánh',
  'Phúc',
  'Lương',
  'Mỹ',
  'Vĩnh',
  'Sơn',
  'Thủy',
  'Cường',
  'Lạc',
]
const LOWLAND_TAIL = [
  'Lập',
  'Tâm',
  'Tiến',
  'Thành',
  'Lợi',
  'Phong',
  'Sơn',
  'Hòa',
  'Thịnh',
  'Xuân',
  'Hưng',
  'Quang',
  'Bình',
  'Yên',
  'Phát',
  'Mới',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Hạ',
  'Thượng',
  'Cát',
  'Lộc',
  'Khang',
]

export type VillageKind = 'thon' | 'ban' | 'to_dan_pho'

const pick = <T>(rng: Rng, xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)]

/**
 * Village names by plausible patterns: "Tổ dân phố số N" in wards; "Bản …" with highland names
 * and "Thôn …" with Kinh or highland names in communes; unique within the commune.
 */
export function villageNames(rng: Rng, count: number, ward: boolean): { name: string; kind: VillageKind }[] {
  if (ward)
    return Array.from({ length: count }, (_, i) => ({ name: `Tổ dân phố số ${i + 1}`, kind: 'to_dan_pho' }))
  const seen = new Set<string>()
  const out: { name: string; kind: VillageKind }[] = []
  const highlandShare = 0.35 + rng.next() * 0.5
  while (out.length < count) {
    const highland = rng.next() < highlandShare
    const kind: VillageKind = highland && rng.next() < 0.6 ? 'ban' : 'thon'
    const stem = highland
      ? `${pick(rng, HIGHLAND)} ${pick(rng, HIGHLAND_TAIL)}`
      : `${pick(rng, LOWLAND)} ${pick(rng, LOWLAND_TAIL)}`
    let name = `${kind === 'ban' ? 'Bản' : 'Thôn'} ${stem}`
    if (seen.has(name)) name = `Thôn ${out.length + 1}`
    if (seen.has(name)) continue
    seen.add(name)
    out.push({ name, kind })
  }
  return out
}
