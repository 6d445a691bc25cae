/** Folds Vietnamese text for matching: no diacritics, đ → d, lower case ("Lào Cai" → "lao cai"). */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim()
}

/** True when every word of `query` occurs in `text`, both folded. */
export function matchesFolded(text: string, query: string): boolean {
  const hay = foldVietnamese(text)
  return foldVietnamese(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w))
}
