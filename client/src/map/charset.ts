/**
 * Characters the label font atlas must hold: printable ASCII, Latin-1 letters, and every precomposed
 * Vietnamese letter (Latin Extended-A Ă Đ Ĩ Ũ, Ơ Ư, and Latin Extended Additional U+1EA0–U+1EF9 with
 * the tone marks). deck.gl's TextLayer draws only the characters in its atlas.
 */
function range(from: number, to: number): string {
  let s = ''
  for (let c = from; c <= to; c++) s += String.fromCharCode(c)
  return s
}

export const VIETNAMESE_CHARSET: readonly string[] = Array.from(
  new Set(
    range(0x20, 0x7e) +
      range(0xc0, 0xff) +
      range(0x100, 0x17f) +
      'ƠơƯư' +
      range(0x1ea0, 0x1ef9) +
      '–—‘’“”…·•²',
  ),
)
