// Content negotiation and conditional requests for tiles (RFC 9110 §12.5.3 Accept-Encoding, §13.1.2 If-None-Match).

/** Whether the client takes gzip: listed (or `*`) with a non-zero q-value, and not refused by name. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  const q: Record<string, number> = {}
  for (const part of header.toLowerCase().split(',')) {
    const [coding, ...params] = part.split(';').map((s) => s.trim())
    if (!coding) continue
    const qParam = params.find((p) => p.startsWith('q='))
    const value = qParam ? Number(qParam.slice(2)) : 1
    q[coding] = Number.isFinite(value) ? value : 0
  }
  if ('gzip' in q) return q.gzip > 0
  if ('x-gzip' in q) return q['x-gzip'] > 0
  return (q['*'] ?? 0) > 0
}

/** Whether If-None-Match names one of `etags` (quoted) or is `*`; weak comparison, as the RFC asks for this header. */
export function noneMatchHits(header: string | undefined, etags: readonly string[]): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  const listed = new Set(header.split(',').map((t) => t.trim().replace(/^W\//, '')))
  return etags.some((e) => listed.has(e))
}
