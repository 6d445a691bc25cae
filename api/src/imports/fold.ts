// The SQL folding functions (import_fold, import_bare in sql/functions/08_imports.sql; vn_fold of migration 001), in TypeScript.
// Rows carry their names folded here, so the staging statement compares keys instead of calling the SQL
// functions per row (translate() and regexp_replace() cost about 150 µs a call in the embedded database).
// crs.test.ts checks that both give the same result, against the database.

const FROM = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ'
const TO = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd'
const MAP = new Map([...FROM].map((ch, i) => [ch, TO[i]]))

/** = import_fold(t): lower case, Vietnamese letters without diacritics, punctuation as single spaces. */
export function sqlFold(t: string | null | undefined): string | null {
  if (t === null || t === undefined) return null
  let s = ''
  for (const ch of t.toLowerCase()) s += MAP.get(ch) ?? ch
  const out = s.replace(/[^a-z0-9]+/g, ' ').trim()
  return out === '' ? null : out
}

// Alternatives longest first, as PostgreSQL's regular expressions prefer the longest match.
const UNIT = /^(xa|phuong|dac khu|thi tran|tt|thon|ban|to dan pho|tdp|to|khu pho|kp|khu|lang|ap|xom|cum) /

/** = import_bare(t): the folded name without its unit word ("Phường Lào Cai" → "lao cai", "Tổ dân phố số 3" → "3"). */
export function sqlBare(t: string | null | undefined): string | null {
  const f = sqlFold(t)
  if (f === null) return null
  const out = f.replace(UNIT, '').replace(/^(so) /, '')
  return out === '' ? null : out
}
