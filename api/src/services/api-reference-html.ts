// The API reference page, rendered on the server from the OpenAPI document: plain HTML and inline CSS,
// no script, font or stylesheet from anywhere (the app runs offline and its CSP allows no external origin).
import type { JsonSchema, Parameter } from '../http/describe.ts'
import type { OpenApiDocument, Operation } from './openapi-doc.ts'

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  )

/** The little markdown the document uses: paragraphs and `code`. */
const inline = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>')
const prose = (text: string | undefined) =>
  (text ?? '')
    .split(/\n{2,}/)
    .filter(Boolean)
    .map((para) => `<p>${inline(para)}</p>`)
    .join('')

const refName = (ref: string) => ref.split('/').pop() as string

/** One line saying what a JSON Schema accepts: type, enum, bounds, pattern, default. */
export function schemaSummary(s: JsonSchema | undefined): string {
  if (!s) return ''
  if (typeof s.$ref === 'string')
    return `<a href="#schema-${escapeHtml(refName(s.$ref))}">${escapeHtml(refName(s.$ref))}</a>`
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alts = s[key] as JsonSchema[] | undefined
    if (alts) return alts.map(schemaSummary).join(' or ')
  }
  const parts: string[] = []
  if (s.const !== undefined) parts.push(`<code>${escapeHtml(JSON.stringify(s.const))}</code>`)
  if (Array.isArray(s.enum))
    parts.push(`one of ${s.enum.map((v) => `<code>${escapeHtml(String(v))}</code>`).join(', ')}`)
  else if (s.type) {
    const type = Array.isArray(s.type) ? s.type.join(' | ') : String(s.type)
    parts.push(escapeHtml(s.format ? `${type} (${s.format})` : type))
  }
  if (s.type === 'array' && s.items) parts.push(`of ${schemaSummary(s.items as JsonSchema)}`)
  const min = s.minimum ?? s.minLength ?? s.minItems
  const max = s.maximum ?? s.maxLength ?? s.maxItems
  if (min !== undefined || max !== undefined) {
    const unit =
      s.minLength !== undefined || s.maxLength !== undefined
        ? ' characters'
        : s.maxItems !== undefined
          ? ' items'
          : ''
    parts.push(
      min === undefined
        ? `at most ${max}${unit}`
        : max === undefined
          ? `at least ${min}${unit}`
          : `${min} – ${max}${unit}`,
    )
  }
  if (typeof s.pattern === 'string' && !s.format) parts.push(`matching <code>${escapeHtml(s.pattern)}</code>`)
  return parts.join(', ')
}

function parametersTable(params: Parameter[]): string {
  const rows = params
    .map(
      (p) => `<tr>
        <td><code>${escapeHtml(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}</td>
        <td>${p.in}</td>
        <td>${schemaSummary(p.schema)}</td>
        <td>${p.schema.default === undefined ? '' : `<code>${escapeHtml(JSON.stringify(p.schema.default))}</code>`}</td>
        <td>${prose(p.description)}</td>
      </tr>`,
    )
    .join('')
  return `<table><thead><tr><th>Parameter</th><th>In</th><th>Accepts</th><th>Default</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>`
}

function responsesList(doc: OpenApiDocument, responses: Record<string, unknown>): string {
  const items = Object.entries(responses).map(([status, value]) => {
    let r = value as {
      $ref?: string
      description?: string
      content?: Record<string, { schema?: JsonSchema }>
    }
    if (r.$ref) r = (doc.components.responses[refName(r.$ref)] ?? {}) as typeof r
    const content = Object.entries(r.content ?? {})
      .map(([type, c]) => `<code>${escapeHtml(type)}</code> ${schemaSummary(c.schema)}`)
      .join('; ')
    const kind = status.startsWith('2') || status.startsWith('3') ? 'ok' : 'err'
    return `<li><span class="status ${kind}">${escapeHtml(status)}</span> ${inline(r.description ?? '')}${content ? ` — ${content}` : ''}</li>`
  })
  return `<ul class="responses">${items.join('')}</ul>`
}

function operation(doc: OpenApiDocument, method: string, path: string, op: Operation): string {
  const [bodyType, bodyContent] = Object.entries(op.requestBody?.content ?? {})[0] ?? []
  return `<article id="${escapeHtml(op.operationId)}">
    <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
    <p class="summary">${escapeHtml(op.summary)}</p>
    ${prose(op.description)}
    ${op.parameters?.length ? parametersTable(op.parameters) : '<p class="none">No parameters.</p>'}
    ${bodyContent ? `<h4>Request body (${escapeHtml(bodyType as string)})</h4><pre>${escapeHtml(JSON.stringify(bodyContent.schema, null, 2))}</pre>` : ''}
    <h4>Responses</h4>
    ${responsesList(doc, op.responses)}
  </article>`
}

const CSS = `
  :root { color-scheme: light; --ink: #1d2733; --muted: #5b6775; --line: #d9dee4; --accent: #a3261b; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); }
  header { padding: 24px 32px; border-bottom: 4px solid var(--accent); background: #fbf7f2; }
  header h1 { margin: 0 0 4px; font-size: 26px; }
  .layout { display: grid; grid-template-columns: 300px 1fr; }
  nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; padding: 16px 20px; border-right: 1px solid var(--line); font-size: 13px; }
  nav h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 16px 0 4px; }
  nav ul { list-style: none; margin: 0; padding: 0; }
  nav a { color: var(--ink); text-decoration: none; display: block; padding: 1px 0; }
  nav a:hover { text-decoration: underline; }
  main { padding: 8px 32px 48px; min-width: 0; }
  main > section > h2 { margin-top: 32px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
  article { margin: 20px 0 28px; padding-bottom: 12px; border-bottom: 1px solid var(--line); }
  article h3 { margin: 0; font-size: 17px; }
  article h4 { margin: 14px 0 4px; font-size: 14px; }
  .summary { font-weight: 600; margin: 6px 0; }
  .method { display: inline-block; min-width: 62px; text-align: center; border-radius: 4px; padding: 1px 6px; color: #fff; font-size: 12px; font-family: ui-monospace, monospace; }
  .method.get { background: #1f6f43; } .method.post { background: #1f4f8f; } .method.patch { background: #8a5a00; } .method.delete { background: #a3261b; }
  code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
  code { background: #f1f3f5; padding: 0 3px; border-radius: 3px; }
  pre { background: #f6f8fa; border: 1px solid var(--line); padding: 10px; overflow: auto; max-height: 420px; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13.5px; }
  th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
  th { background: #f6f8fa; }
  td p { margin: 0; }
  .req { color: var(--accent); font-size: 11px; font-weight: 600; }
  .none { color: var(--muted); }
  .responses { margin: 4px 0; padding-left: 18px; }
  .status { font-family: ui-monospace, monospace; font-weight: 700; }
  .status.ok { color: #1f6f43; } .status.err { color: var(--accent); }
  @media (max-width: 900px) { .layout { display: block; } nav { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--line); } }
  @media print { nav { display: none; } .layout { display: block; } pre { max-height: none; } }
`

/** The whole page. */
export function renderApiReference(doc: OpenApiDocument): string {
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>(
    doc.tags.map((t) => [t.name, []]),
  )
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0]
      if (!byTag.has(tag)) byTag.set(tag, [])
      byTag.get(tag)?.push({ method, path, op })
    }
  const tagDescription = (name: string) => doc.tags.find((t) => t.name === name)?.description ?? ''
  const nav = [...byTag]
    .map(
      ([tag, ops]) =>
        `<h2>${escapeHtml(tag)}</h2><ul>${ops
          .map(
            (o) =>
              `<li><a href="#${escapeHtml(o.op.operationId)}"><b>${o.method.toUpperCase()}</b> ${escapeHtml(o.path)}</a></li>`,
          )
          .join('')}</ul>`,
    )
    .join('')
  const sections = [...byTag]
    .map(
      ([tag, ops]) =>
        `<section><h2>${escapeHtml(tag)}</h2><p>${escapeHtml(tagDescription(tag))}</p>${ops
          .map((o) => operation(doc, o.method, o.path, o.op))
          .join('')}</section>`,
    )
    .join('')
  const schemas = Object.entries(doc.components.schemas)
    .map(
      ([name, s]) =>
        `<article id="schema-${escapeHtml(name)}"><h3><code>${escapeHtml(name)}</code></h3><pre>${escapeHtml(JSON.stringify(s, null, 2))}</pre></article>`,
    )
    .join('')
  const info = doc.info as { title: string; version: string; description?: string }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} — API reference</title>
<style>${CSS}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(info.title)}</h1>
  <div>Version ${escapeHtml(info.version)} · OpenAPI ${escapeHtml(doc.openapi)} · machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></div>
</header>
<div class="layout">
<nav aria-label="Endpoints">${nav}<h2>Schemas</h2><ul>${Object.keys(doc.components.schemas)
    .map((n) => `<li><a href="#schema-${escapeHtml(n)}">${escapeHtml(n)}</a></li>`)
    .join('')}</ul></nav>
<main>
  <section>${prose(info.description)}</section>
  ${sections}
  <section><h2>Schemas</h2>${schemas}</section>
</main>
</div>
</body>
</html>
`
}
