/**
 * The permission each route needs. One table, so the rule is easy to review and the permission matrix
 * test can walk it. First match wins; an authenticated request that matches nothing is refused (fail closed).
 */
export type Permission =
  | 'read_aggregates'
  | 'read_records'
  | 'read_incident_points'
  | 'plan'
  | 'edit_costs'
  | 'manage_views'
  | 'export'
  | 'edit_records'
  | 'manage_users'
  | 'read_audit'
  | 'manage_alerts'

type Rule = [methods: string, path: RegExp, need: Permission | 'authenticated' | 'public']

export const ROUTE_RULES: Rule[] = [
  ['GET', /^\/api\/health$/, 'public'],
  ['POST', /^\/api\/auth\/login$/, 'public'],
  ['GET', /^\/api\/(openapi\.json|docs)$/, 'public'],
  ['GET POST', /^\/api\/auth\/(me|logout|password)$/, 'authenticated'],
  ['GET POST PATCH DELETE', /^\/api\/users(\/.*)?$/, 'manage_users'],
  ['GET', /^\/api\/roles$/, 'manage_users'],
  ['GET', /^\/api\/audit$/, 'read_audit'],
  ['GET', /^\/api\/incidents$/, 'read_incident_points'],
  ['GET', /^\/api\/incidents\/density$/, 'read_aggregates'],
  ['GET', /^\/api\/layers\/models$/, 'read_records'],
  ['GET', /^\/tiles\/models(\.json|\/.*)$/, 'read_records'],
  ['GET POST PUT PATCH DELETE', /^\/api\/(views|decks)(\/.*)?$/, 'manage_views'],
  ['GET POST', /^\/api\/export(\/.*)?$/, 'export'],
  ['GET POST PUT PATCH DELETE', /^\/api\/(imports|records)(\/.*)?$/, 'edit_records'],
  ['POST', /^\/api\/plans\/(optimize|cover|export)$/, 'plan'],
  ['GET', /^\/api\/plans\/costs$/, 'plan'],
  ['GET POST PATCH DELETE', /^\/api\/scenarios(\/.*)?$/, 'plan'],
  ['PATCH', /^\/api\/plans\/costs\/[^/]+$/, 'edit_costs'],
  ['GET', /^\/api\/priorities$/, 'read_aggregates'],
  ['GET POST PATCH DELETE', /^\/api\/alerts\/rules(\/.*)?$/, 'manage_alerts'],
  // evaluating every rule now: administrators, who alone manage accounts
  ['POST', /^\/api\/alerts\/evaluate$/, 'manage_users'],
  ['GET POST', /^\/api\/alerts(\/read|\/\d+\/read)?$/, 'read_aggregates'],
  ['GET', /^\/(api|tiles)(\/.*)?$/, 'read_aggregates'],
]

export function ruleFor(method: string, path: string): Permission | 'authenticated' | 'public' | null {
  for (const [methods, re, need] of ROUTE_RULES)
    if (methods.split(' ').includes(method) && re.test(path)) return need
  return null
}
