import { createServer, type Socket } from 'node:net'
import type { Queryable } from '@antt/data/db'
import { afterAll, describe, expect, it } from 'vitest'
import { type EvaluationResult, evaluateAlerts, mailFires, runEvaluation } from '../alerts/evaluate.ts'
import { mailConfigFromEnv } from '../alerts/mail.ts'
import { updateRule } from '../alerts/rules.ts'
import { DerivedStatistics } from '../auth/disclosure-derived.ts'
import { upload } from '../imports/fixtures/upload.ts'
import { backends, getJson, signIn, useApp } from '../testing.ts'

const PERIOD = 'from=2025-07-01&to=2026-06-30'
/** The last date of the seeded data: evaluations run "as of" it. */
const AS_OF = '2026-06-30'

interface RelayedMail {
  from: string
  to: string[]
  /** the lines between DATA and the final dot */
  lines: string[]
}

/**
 * A mail relay on a free local port that speaks just enough SMTP (RFC 5321) to accept messages, and keeps them.
 * `next()` resolves with the next message to arrive.
 */
async function listenSmtp() {
  const received: RelayedMail[] = []
  const waiting: ((m: RelayedMail) => void)[] = []
  const server = createServer((socket: Socket) => {
    let mail: RelayedMail = { from: '', to: [], lines: [] }
    let data = false
    let buffer = ''
    socket.write('220 relay\r\n')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      const lines = buffer.split('\r\n')
      buffer = lines.pop() ?? '' // an incomplete line waits for the next chunk
      for (const line of lines) {
        if (data) {
          if (line === '.') {
            data = false
            received.push(mail)
            waiting.shift()?.(mail)
            mail = { from: '', to: [], lines: [] }
            socket.write('250 queued\r\n')
          } else mail.lines.push(line)
        } else if (line.startsWith('DATA')) {
          data = true
          socket.write('354 go on\r\n')
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n')
        else {
          const address = /^(MAIL FROM|RCPT TO):<(.*)>$/.exec(line)
          if (address?.[1] === 'MAIL FROM') mail.from = address[2]
          if (address?.[1] === 'RCPT TO') mail.to.push(address[2])
          socket.write('250 ok\r\n')
        }
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as { port: number }).port,
    received,
    next: () => new Promise<RelayedMail>((resolve) => waiting.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A message's Subject (RFC 2047, UTF-8 base64) and body (base64), decoded. */
function readMail(mail: RelayedMail) {
  const headerEnd = mail.lines.indexOf('')
  const subject = mail.lines.find((l) => l.startsWith('Subject: '))?.slice('Subject: '.length) ?? ''
  const encoded = /^=\?UTF-8\?B\?(.*)\?=$/.exec(subject)
  return {
    headerEnd,
    subject: encoded ? Buffer.from(encoded[1], 'base64').toString('utf8') : subject,
    text: Buffer.from(mail.lines.slice(headerEnd + 1).join(''), 'base64').toString('utf8'),
  }
}

describe.each(backends())('alerts on the %s database', (backend) => {
  const ctx = useApp(backend)
  const rules: number[] = []
  afterAll(async () => {
    // the server's test database is shared: leave it as seeded
    await ctx.db.query('delete from alert_rule where id = any ($1::int[])', [rules])
    await ctx.db.query(`delete from evaluation where id like 'ALERT-TEST-%'`)
  })

  async function makeRule(body: Record<string, unknown>, app = ctx.app) {
    const res = await getJson(app, '/api/alerts/rules', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (res.status === 201) rules.push(res.body.rule.id)
    return res
  }
  /** The id of a rule made by the administrator, over the whole area and for leaders unless `more` says otherwise. */
  async function madeRule(
    name: string,
    condition: string,
    threshold: number,
    more: Record<string, unknown> = {},
  ) {
    const res = await makeRule({
      name,
      condition,
      threshold,
      area: { all: true },
      notify: { roles: ['leader'] },
      ...more,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.rule.id as number
  }
  const evaluate = () => getJson(ctx.app, '/api/alerts/evaluate', { method: 'POST' })
  const disable = (id: number) =>
    getJson(ctx.app, `/api/alerts/rules/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    })

  /**
   * Runs `fn` in a transaction that is rolled back afterwards: a test constructs a situation in the records,
   * evaluates it there, and the server's shared test database keeps the records as seeded.
   */
  async function rolledBack(fn: (tx: Queryable) => Promise<void>) {
    let done = false
    await ctx.db
      .transaction(async (tx) => {
        await fn(tx)
        done = true
        throw new Error('rolled back')
      })
      .catch((err) => {
        if (!done) throw err
      })
  }
  /** An evaluation of every enabled rule inside such a transaction, as POST /api/alerts/evaluate runs it. */
  const evaluateIn = (tx: Queryable) => evaluateAlerts(tx, { kind: 'manual' })
  const episodesOf = (q: Queryable, ruleId: number) =>
    q.query<{ id: number; unit_code: string; cleared: boolean; figures: Record<string, unknown> }>(
      `select id::int as id, unit_code, cleared_at is not null as cleared, figures
       from alert_episode where rule_id = $1 order by unit_code, id`,
      [ruleId],
    )
  const openUnits = async (q: Queryable, ruleId: number) =>
    (await episodesOf(q, ruleId)).filter((e) => !e.cleared).map((e) => e.unit_code)

  type Episode = Awaited<ReturnType<typeof episodesOf>>[number]
  /**
   * The life of one episode, in a rolled-back transaction: a rule over the whole scope (told to leaders) is
   * quiet on the records as seeded; after `arrange` it fires once, for the unit and with the figures `arrange`
   * answers; it stays that one open episode while the condition holds, and is cleared after `clear`.
   */
  async function firesOnceThenClears(
    rule: { name: string; condition: string; threshold: number },
    steps: {
      arrange: (tx: Queryable) => Promise<Pick<Episode, 'unit_code' | 'figures'>>
      /** checks of the fire itself: the evaluation that opened `episode` */
      fired?: (
        tx: Queryable,
        fire: { ruleId: number; run: EvaluationResult; episode: Episode },
      ) => Promise<void>
      clear: (tx: Queryable) => Promise<unknown>
    },
  ) {
    const id = await madeRule(rule.name, rule.condition, rule.threshold)
    await rolledBack(async (tx) => {
      await evaluateIn(tx)
      expect(await episodesOf(tx, id)).toEqual([])

      const expected = await steps.arrange(tx)
      const run = await evaluateIn(tx)
      const episodes = await episodesOf(tx, id)
      expect(episodes).toEqual([{ id: expect.any(Number), cleared: false, ...expected }])
      await steps.fired?.(tx, { ruleId: id, run, episode: episodes[0] })

      await evaluateIn(tx)
      expect(await episodesOf(tx, id)).toEqual(episodes)

      await steps.clear(tx)
      await evaluateIn(tx)
      expect(await episodesOf(tx, id)).toEqual([{ ...episodes[0], cleared: true }])
    })
    await disable(id)
  }

  it('lets administrators and leaders make rules, not planners, and names the field at fault', async () => {
    const body = {
      name: 'Thiếu bao phủ',
      condition: 'village_coverage_below',
      threshold: 0.5,
      area: { classes: ['border'] },
      level: 'commune',
      notify: { roles: ['leader'] },
      enabled: false,
    }
    expect((await makeRule(body)).status).toBe(201)
    expect((await makeRule(body, await signIn(ctx.raw, 'leader'))).status).toBe(201)
    expect((await makeRule(body, await signIn(ctx.raw, 'planner'))).status).toBe(403)
    for (const [patch, field] of [
      [{ threshold: 1.5 }, 'threshold'],
      [{ condition: 'weather' }, 'condition'],
      [{ area: { classes: ['nowhere'] } }, 'area.classes'],
      [{ area: { communes: ['99999'] } }, 'area.communes'],
      [{ area: { communes: Array.from({ length: 201 }, (_, i) => String(10000 + i)) } }, 'area.communes'],
      [{ notify: { roles: ['nobody'] } }, 'notify.roles'],
    ] as const) {
      const res = await makeRule({ ...body, ...patch })
      expect(res.status, JSON.stringify(patch)).toBe(400)
      expect(res.body.error.details[0].field).toBe(field)
    }
    const listed = (await getJson(ctx.app, '/api/alerts/rules')).body.rules
    expect(listed.filter((r: any) => rules.includes(r.id))).toHaveLength(2)
  })

  it('fires once per unit, stays quiet while the condition holds and clears when it ends', async () => {
    // A commune away from the ward (02647) and 02671, where other test files add and edit models: on the shared
    // server database a model committed there meanwhile can keep the condition from ending (this test failed
    // so now and then beside the import tests).
    const [{ commune }] = await ctx.db.query<{ commune: string }>(
      `select commune_code as commune from security_model_state('2026-06-30', 6)
       where status = 'active' and evaluation_overdue and commune_code not in ('02647', '02671')
       group by 1 order by count(*) desc, 1 limit 1`,
    )
    // overdue evaluations in the commune at the data's last date, and one overdue model
    const overdue = await ctx.db.query<{ id: string }>(
      `select id from security_model_state('2026-06-30', 6)
       where commune_code = $1 and status = 'active' and evaluation_overdue order by id`,
      [commune],
    )
    expect(overdue.length).toBeGreaterThan(0)
    const id = await madeRule('Quá hạn kiểm tra', 'overdue_evaluations_above', overdue.length - 1, {
      area: { communes: [commune] },
      notify: { roles: ['admin', 'steward'] },
    })
    const mine = () =>
      ctx.db.query<{ id: number; cleared_at: string | null; figures: any }>(
        'select id, cleared_at::text, figures from alert_episode where rule_id = $1 order by id',
        [id],
      )
    const first = await evaluate()
    expect(first.status).toBe(200)
    expect(first.body.fired).toBeGreaterThanOrEqual(1)
    const episodes = await mine()
    expect(episodes).toHaveLength(1)
    expect(episodes[0].figures.overdue_evaluations).toBe(overdue.length)

    const again = await evaluate()
    expect(await mine()).toEqual(episodes)

    // One overdue model is evaluated: one fewer overdue, the condition ends, the rule clears.
    const made = await getJson(ctx.app, '/api/records/evaluations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: `ALERT-TEST-${backend}`,
        model_id: overdue[0].id,
        evaluated_on: '2026-06-30',
        rating_code: 'kha',
      }),
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(again.body.fired).toBe(0)
    // the evaluation after the change runs after the commit; a run queued now waits for it
    await runEvaluation(ctx.db, { kind: 'records', communes: [commune] })
    const after = await mine()
    expect(after).toHaveLength(1)
    expect(after[0].cleared_at).not.toBeNull()
    const audits = await ctx.db.query<{ action: string }>(
      `select action from audit_log where target = $1 and action like 'alert_%' order by id`,
      [`${id}:${commune}`],
    )
    expect(audits.map((a) => a.action)).toEqual(['alert_fire', 'alert_clear'])
    await disable(id)
  })

  it('shows each role only notifications of its scope, with small counts suppressed for aggregate-only roles', async () => {
    // incident spikes anywhere, a minimum count of 1 so that small counts occur
    const id = await madeRule('Vụ việc tăng đột biến', 'incident_spike', 1, {
      level: 'village',
      notify: { roles: ['leader', 'viewer', 'steward'] },
    })
    await evaluate()
    const fired = await ctx.db.query<{ unit_code: string; commune_code: string; incidents: number }>(
      `select unit_code, commune_code, (figures->>'incidents')::int as incidents
       from alert_episode where rule_id = $1 and cleared_at is null`,
      [id],
    )
    expect(fired.length).toBeGreaterThan(0)
    const answers: Record<string, any> = {}
    const of = async (role: 'leader' | 'viewer' | 'steward' | 'planner') => {
      answers[role] = (await getJson(await signIn(ctx.raw, role), '/api/alerts?limit=500&lang=en')).body
      return answers[role].alerts.filter((a: any) => a.rule_id === id)
    }

    const leader = await of('leader')
    expect(leader.map((a: any) => a.unit_code).sort()).toEqual(fired.map((f) => f.unit_code).sort())
    const steward = await of('steward')
    expect(steward.length).toBe(fired.filter((f) => f.commune_code === '02647').length)
    for (const a of steward) expect(a.commune_code).toBe('02647')
    expect(await of('planner')).toEqual([]) // not told

    const viewer = await of('viewer')
    expect(viewer).toHaveLength(leader.length)
    // a count is shown to the viewer exactly where the viewer's own metrics of that month show it: counts of
    // 1–2 and those withheld to protect them (secondary suppression) are null
    const viewerApp = await signIn(ctx.raw, 'viewer')
    const published = new Map<string, Map<string, number | null>>()
    const shownIn = async (month: string, commune: string) => {
      const key = `${month}|${commune}`
      if (!published.has(key)) {
        const [y, m] = month.split('-').map(Number)
        const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
        const { body } = await getJson(
          viewerApp,
          `/api/metrics?level=village&commune=${commune}&from=${month}-01&to=${to}`,
        )
        published.set(key, new Map(body.rows.map((r: any) => [r.code, r.incidents])))
      }
      return published.get(key)!
    }
    let small = 0
    for (const a of viewer) {
      const f = fired.find((x) => x.unit_code === a.unit_code)!
      const shown = (await shownIn(a.figures.month, a.commune_code)).get(a.unit_code)
      if (shown === null) {
        if (f.incidents <= 2) small++
        expect(a.figures.incidents).toBeNull()
        expect(a.figures.incidents_suppressed).toBe(true)
        expect(a.message).toContain('small numbers withheld')
        expect(a.message).not.toMatch(new RegExp(`: ${f.incidents} incidents`))
      } else {
        expect(shown).toBe(f.incidents)
        expect(a.figures.incidents).toBe(f.incidents)
      }
    }
    expect(small).toBeGreaterThan(0)
    for (const a of leader) expect(a.figures.incidents).toBeGreaterThan(0)
    // nor anything computed from a withheld count: the spike's p-value would tell 1 from 2 given the
    // average (the disclosure walk's checks, on this answer)
    expect(new DerivedStatistics().observe('viewer', '/api/alerts', {}, answers.viewer)).toEqual([])
    for (const a of viewer.filter((x: any) => x.figures.incidents === null)) expect(a.figures.p).toBeNull()
    expect(leader.filter((a: any) => a.figures.incidents <= 2).every((a: any) => a.figures.p > 0)).toBe(true)
    await disable(id)
  })

  it('counts unread notifications, marks one read and then all read, per user', async () => {
    const leader = await signIn(ctx.raw, 'leader')
    const before = (await getJson(leader, '/api/alerts')).body
    expect(before.unread).toBeGreaterThan(0)
    const one = before.alerts.find((a: any) => !a.read)
    const read = await getJson(leader, `/api/alerts/${one.id}/read`, { method: 'POST' })
    expect(read.status).toBe(200)
    expect((await getJson(leader, '/api/alerts')).body.unread).toBe(before.unread - 1)
    expect((await getJson(leader, '/api/alerts/999999999/read', { method: 'POST' })).status).toBe(404)
    const all = await getJson(leader, '/api/alerts/read', { method: 'POST' })
    expect(all.body.marked).toBe(before.unread - 1)
    expect((await getJson(leader, '/api/alerts?unread=true')).body.alerts).toEqual([])
    // another user's read state is their own
    expect((await getJson(await signIn(ctx.raw, 'viewer'), '/api/alerts')).body.unread).toBeGreaterThan(0)
  })

  it('lets only administrators evaluate every rule now', async () => {
    const leader = await signIn(ctx.raw, 'leader')
    expect((await getJson(leader, '/api/alerts/evaluate', { method: 'POST' })).status).toBe(403)
    const res = await evaluate()
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ fired: expect.any(Number), cleared: expect.any(Number), as_of: '2026-06-30' })
  })

  it('e-mails a fire in Vietnamese through the configured relay and audits the send', async () => {
    const relay = await listenSmtp()
    const fire = {
      id: 1,
      rule: {
        id: 1,
        name: 'Vụ việc tăng',
        condition: 'incident_spike' as const,
        notify: { roles: [], users: [], emails: ['truc.ban@example.vn'] },
      },
      unit_code: '02647',
      unit_name: 'Phường Lào Cai',
      figures: { month: '2026-06', incidents: 2, baseline_incidents: 6, baseline_mean: 0.5, p: 0.09 },
    }
    await mailFires(ctx.db, { host: '127.0.0.1', port: relay.port, from: 'atlas@example.vn' }, [fire])
    await relay.close()
    expect(relay.received).toHaveLength(1)
    const mail = readMail(relay.received[0])
    expect(mail.headerEnd).toBeGreaterThan(-1)
    expect(relay.received[0].lines.some((l) => l.startsWith('Subject: =?UTF-8?B?'))).toBe(true)
    expect(mail.subject).toBe('[ANTT Atlas] Vụ việc tăng: Phường Lào Cai')
    // no count leaves the network: a mailbox has no scope
    expect(mail.text).toContain(
      'Phường Lào Cai: số vụ việc trong tháng 2026-06 cao bất thường so với 12 tháng trước (số nhỏ được ẩn)',
    )
    expect(mail.text).not.toMatch(/\b2 vụ|0,5/)
    const [sent] = await ctx.db.query<{ action: string; details: { to: string[] } }>(
      `select action, details from audit_log where action like 'alert_mail%' order by id desc limit 1`,
    )
    expect(sent.action).toBe('alert_mail')
    expect(sent.details.to).toEqual(['truc.ban@example.vn'])
  })

  it("takes a list of provinces as a rule's area, names the field at fault, and documents the form", async () => {
    const body = {
      name: 'Bao phủ thôn theo tỉnh',
      condition: 'village_coverage_below',
      threshold: 0.4,
      level: 'commune',
      notify: { roles: ['leader'] },
      enabled: false,
    }
    const tooMany = Array.from({ length: 41 }, (_, i) => String(10 + i))
    for (const [area, field, problem] of [
      [{ provinces: ['1'] }, 'area.provinces.0', 'expected a 2-digit province code'],
      [{ provinces: ['15@2025'] }, 'area.provinces.0', 'expected a 2-digit province code'],
      [{ provinces: [] }, 'area.provinces', '>=1'],
      [{ provinces: tooMany }, 'area.provinces', '<=40'],
      [{ provinces: ['15', '01'] }, 'area.provinces', 'unknown province 01'],
      [{ provinces: ['15'], communes: ['02647'] }, 'area', 'expected one of {"all": true}'],
    ] as const) {
      const res = await makeRule({ ...body, area })
      expect(res.status, JSON.stringify(area)).toBe(400)
      expect(res.body.error.details[0].field, JSON.stringify(area)).toBe(field)
      expect(res.body.error.details[0].problem).toContain(problem)
    }
    const made = await makeRule({ ...body, area: { provinces: ['15'] } })
    expect(made.status).toBe(201)
    expect(made.body.rule.area).toEqual({ provinces: ['15'] })

    const doc = (await getJson(ctx.raw, '/api/openapi.json')).body
    const area =
      doc.paths['/api/alerts/rules'].post.requestBody.content['application/json'].schema.properties.area
    expect(area.anyOf.map((form: any) => Object.keys(form.properties))).toEqual([
      ['all'],
      ['classes'],
      ['communes'],
      ['provinces'],
    ])
    expect(area.anyOf[3].properties.provinces).toMatchObject({ maxItems: 40, items: { pattern: '^\\d{2}$' } })
    expect(area.description).toContain('{"provinces": [2-digit codes of provinces in force]}')
  })

  it('watches the communes and villages of the provinces a rule names, and no others', async () => {
    const province = { provinces: ['15'] }
    const communeRule = await madeRule('Bao phủ thôn dưới 40 % (tỉnh)', 'village_coverage_below', 0.4, {
      area: province,
      level: 'commune',
    })
    const villageRule = await madeRule(
      'Thôn có trên 1 mô hình quá hạn kiểm tra (tỉnh)',
      'overdue_evaluations_above',
      1,
      { area: province, level: 'village' },
    )
    // Every commune of the test data is in Lào Cai (15): the rules watch what the metrics of the whole area show.
    const metricsOf = async (level: string) =>
      (await getJson(ctx.app, `/api/metrics?level=${level}&${PERIOD}`)).body.rows
    const communes = (await metricsOf('commune'))
      .filter((r: any) => r.village_coverage < 0.4)
      .map((r: any) => r.code)
      .sort()
    const villages = (await metricsOf('village'))
      .filter((r: any) => r.active_models - r.compliant_models > 1)
      .map((r: any) => r.code)
      .sort()
    expect(communes).toContain('02788')
    expect(villages.filter((v: string) => v.startsWith('02989-'))).toHaveLength(3)

    await rolledBack(async (tx) => {
      await evaluateIn(tx)
      expect(await openUnits(tx, communeRule)).toEqual(communes)
      expect(await openUnits(tx, villageRule)).toEqual(villages)

      // Two communes move to another province (08): the rules of province 15 no longer watch them or their villages.
      await tx.query(
        `insert into province (code, official_code, name, valid_from, geom)
         select '08', '08', 'Tỉnh Tuyên Quang', '2025-07-01', geom from province where code = '15'`,
      )
      await tx.query(`update commune set province_code = '08' where code in ('02788', '02989')`)
      await evaluateIn(tx)
      expect(await openUnits(tx, communeRule)).toEqual(communes.filter((c: string) => c !== '02788'))
      expect(await openUnits(tx, villageRule)).toEqual(
        villages.filter((v: string) => !v.startsWith('02989-')),
      )
      const gone = (await episodesOf(tx, communeRule)).filter((e) => e.cleared)
      expect(gone.map((e) => e.unit_code)).toEqual(['02788'])

      // Both provinces: 02788 is watched again, in a new episode.
      await updateRule({ db: tx, principal: null, ip: '127.0.0.1' }, communeRule, {
        area: { provinces: ['15', '08'] },
      })
      await evaluateIn(tx)
      expect(await openUnits(tx, communeRule)).toEqual(communes)
    })
    await disable(communeRule)
    await disable(villageRule)
  })

  it('fires population_covered_below for a commune whose models are all dissolved, once, and clears when a new model covers it', async () => {
    // Y Tý has the lowest share of residents covered (21.6 %); no camera of a neighbouring commune reaches it.
    const commune = '02701'
    const rule = {
      name: 'Dân số được bao phủ dưới 20 %',
      condition: 'population_covered_below',
      threshold: 0.2,
    }
    await firesOnceThenClears(rule, {
      arrange: async (tx) => {
        const active = await tx.query<{ id: string }>(
          `select id from security_model_state($1) where commune_code = $2 and status = 'active'`,
          [AS_OF, commune],
        )
        expect(active.length).toBeGreaterThan(0)
        for (const m of active)
          await tx.query(`select set_model_status($1, 'dissolved', $2::date, 'Hoạt động không hiệu quả')`, [
            m.id,
            AS_OF,
          ])
        const [{ population }] = await tx.query<{ population: number }>(
          'select population from commune where code = $1',
          [commune],
        )
        return { unit_code: commune, figures: { population_covered_share: 0, population } }
      },
      fired: async (_tx, { ruleId, run }) => {
        expect(run.fires.filter((f) => f.rule.id === ruleId).map((f) => [f.unit_code, f.unit_name])).toEqual([
          [commune, 'Y Tý'],
        ])
      },
      // an anti-drug club covers its whole commune: every village is covered again
      clear: async (tx) => {
        await tx.query(
          `insert into security_model (id, name, type_code, commune_code, lead_org_code, founded_on, status)
           values ('ALERT-TEST-CLB', 'CLB phòng, chống ma túy', 'clb_phong_chong_ma_tuy', $1, 'police', '2026-06-01', 'active')`,
          [commune],
        )
        await tx.query(`select set_model_status('ALERT-TEST-CLB', 'active', '2026-06-01', null)`)
      },
    })
  })

  it('fires no_outreach_months for a commune without a session in the months given, once, and clears when one is held', async () => {
    // Every commune held a session after 2025-09-30, nine months before the data's last date (the longest gap is
    // 8.7 months); Mường Hum's are removed after that day.
    const commune = '02725'
    const rule = {
      name: 'Không có buổi tuyên truyền trong 9 tháng',
      condition: 'no_outreach_months',
      threshold: 9,
    }
    await firesOnceThenClears(rule, {
      arrange: async (tx) => {
        const [{ last }] = await tx.query<{ last: string }>(
          `select to_char(max(held_on), 'YYYY-MM-DD') as last from outreach_session
           where commune_code = $1 and held_on <= '2025-09-30'`,
          [commune],
        )
        expect(last).toBe('2025-03-03')
        const removed = await tx.query(
          `delete from outreach_session where commune_code = $1 and held_on > '2025-09-30' returning id`,
          [commune],
        )
        expect(removed.length).toBeGreaterThan(0)
        return { unit_code: commune, figures: { months: 9, last_session: last } }
      },
      clear: (tx) =>
        tx.query(
          `insert into outreach_session (id, commune_code, held_on, topic, attendees)
           values ('ALERT-TEST-OUTREACH', $1, '2026-06-15', 'Phòng, chống ma túy', 42)`,
          [commune],
        ),
    })
  })

  it('fires exemplary_dissolved for a commune whose exemplary models were dissolved within the months given, once, and clears when they are reinstated', async () => {
    const rule = {
      name: 'Mô hình điển hình bị thanh loại trong 6 tháng',
      condition: 'exemplary_dissolved',
      threshold: 6,
    }
    // the seed dissolves no exemplary model; these two are reinstated to clear the episode
    let withinMonths: string[] = []
    await firesOnceThenClears(rule, {
      arrange: async (tx) => {
        const exemplary = async (commune: string, n: number, before: string) =>
          (
            await tx.query<{ id: string }>(
              `select id from security_model s
               where commune_code = $1 and exemplary and status = 'active'
                 and not exists (select 1 from security_model_status h where h.model_id = s.id and h.valid_from >= $2)
               order by id limit $3`,
              [commune, before, n],
            )
          ).map((m) => m.id)
        const dissolve = (model: string, on: string) =>
          tx.query(`select set_model_status($1, 'dissolved', $2::date, 'Không còn hoạt động')`, [model, on])
        // two in 04375 within the six months (after 2025-12-30), one in 04498 before them
        const [a, b] = await exemplary('04375', 2, '2026-02-10')
        const [c] = await exemplary('04498', 1, '2025-11-20')
        expect([a, b, c].every(Boolean)).toBe(true)
        await dissolve(a, '2026-02-10')
        await dissolve(b, '2026-06-01')
        await dissolve(c, '2025-11-20')
        withinMonths = [a, b]
        return {
          unit_code: '04375',
          figures: { exemplary_dissolved: 2, last_dissolved_on: '2026-06-01', months: 6 },
        }
      },
      clear: async (tx) => {
        for (const model of withinMonths)
          await tx.query(`select set_model_status($1, 'active', $2::date, null)`, [model, AS_OF])
      },
    })
  })

  it('fires hot_spot_emerging for a commune that becomes a new hot spot, once, and clears when the incidents go', async () => {
    // Phong Dụ Hạ (04402) had 0–3 incidents a month in 2026; ten more in June in it and in each of the five
    // communes around it make June its only significant hot step: a new hot spot. Its Gi* z-scores fall for five
    // months and jump in the sixth: Mann–Kendall S = 1, so z = 0 with the continuity correction, p = 1.
    const cluster = ['04402', '03091', '04387', '04399', '04423', '04429']
    const figures = { category: 'new-hot-spot', trend_z: 0, trend_p: 1, months: 6, low_counts: false }
    const rule = { name: 'Điểm nóng mới (6 tháng)', condition: 'hot_spot_emerging', threshold: 6 }
    await firesOnceThenClears(rule, {
      arrange: async (tx) => {
        await tx.query(
          `insert into incident (id, category_code, occurred_on, commune_code, severity, precision, point)
           select 'ALERT-TEST-' || c.code || '-' || g, 'drugs', '2026-06-15', c.code, 1, 'approximate', c.label_point
           from commune c cross join generate_series(1, 10) g where c.code = any ($1::text[])`,
          [cluster],
        )
        return { unit_code: '04402', figures }
      },
      fired: async (tx, { ruleId, episode }) => {
        const audited = await tx.query<{ details: Record<string, unknown> }>(
          `select details from audit_log where action = 'alert_fire' and target = $1`,
          [`${ruleId}:04402`],
        )
        expect(audited.map((a) => a.details)).toEqual([
          { rule_id: ruleId, episode_id: episode.id, unit_code: '04402', figures, run: 'manual' },
        ])
      },
      clear: (tx) => tx.query(`delete from incident where id like 'ALERT-TEST-%'`),
    })
  })

  it('evaluates the rules for the commune of a record edited through the records API, without being asked', async () => {
    // the model dissolved last (not exemplary): marking it exemplary makes an exemplary model dissolved
    const [model] = await ctx.db.query<{ id: string; commune_code: string; dissolved_on: string }>(
      `select id, commune_code, to_char(dissolved_on, 'YYYY-MM-DD') as dissolved_on from security_model
       where status = 'dissolved' and not exemplary order by dissolved_on desc, id limit 1`,
    )
    expect(model.dissolved_on > '2025-06-30').toBe(true)
    const [{ name }] = await ctx.db.query<{ name: string }>('select name from commune where code = $1', [
      model.commune_code,
    ])
    const id = await madeRule('Mô hình điển hình bị thanh loại trong 12 tháng', 'exemplary_dissolved', 12)
    const edit = (exemplary: boolean) =>
      getJson(ctx.app, `/api/records/models/${model.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ exemplary }),
      })
    const fired = {
      id: expect.any(Number),
      unit_code: model.commune_code,
      cleared: false,
      figures: { exemplary_dissolved: 1, last_dissolved_on: model.dissolved_on, months: 12 },
    }

    try {
      expect((await edit(true)).status).toBe(200)
      // the evaluation runs after the commit, off the response path
      await expect.poll(() => episodesOf(ctx.db, id), { timeout: 60_000, interval: 100 }).toEqual([fired])
      const [audited] = await ctx.db.query<{ details: { run: string } }>(
        `select details from audit_log where action = 'alert_fire' and target = $1`,
        [`${id}:${model.commune_code}`],
      )
      expect(audited.details.run).toBe('records')
      const told = (await getJson(await signIn(ctx.raw, 'leader'), '/api/alerts?lang=en')).body.alerts.filter(
        (a: any) => a.rule_id === id,
      )
      expect(told.map((a: any) => a.message)).toEqual([
        `${name}: 1 exemplary model(s) dissolved in the last 12 months`,
      ])

      expect((await edit(false)).status).toBe(200)
      await expect
        .poll(() => episodesOf(ctx.db, id), { timeout: 60_000, interval: 100 })
        .toEqual([{ ...fired, cleared: true }])
    } finally {
      // the server's test database is shared: the model is as seeded again even when a check above failed
      await ctx.db.query('update security_model set exemplary = false where id = $1', [model.id])
    }
    await disable(id)
  })

  /** Runs `fn` with SMTP_URL (and the sender) set as given, or unset, and restores them. */
  async function withMailEnv(url: string | null, fn: () => Promise<void>) {
    const saved = { url: process.env.SMTP_URL, from: process.env.ALERT_MAIL_FROM }
    if (url === null) delete process.env.SMTP_URL
    else process.env.SMTP_URL = url
    process.env.ALERT_MAIL_FROM = 'atlas@example.vn'
    try {
      await fn()
    } finally {
      for (const [key, value] of [
        ['SMTP_URL', saved.url],
        ['ALERT_MAIL_FROM', saved.from],
      ] as const)
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
    }
  }
  const coverageRuleWithEmail = (name: string) =>
    makeRule({
      name,
      condition: 'village_coverage_below',
      threshold: 0.5,
      area: { communes: ['02701'] }, // Y Tý: 3 of its 14 villages covered
      notify: { emails: ['truc.ban@example.vn'] },
    })
  const auditedActions = async (target: string) =>
    (
      await ctx.db.query<{ action: string }>(
        `select action from audit_log where target = $1 and action like 'alert_%' order by id`,
        [target],
      )
    ).map((a) => a.action)

  it('sends no e-mail when no SMTP server is configured, and still audits the fire', async () => {
    await withMailEnv(null, async () => {
      expect(mailConfigFromEnv()).toBeNull()
      const id = (await coverageRuleWithEmail('Bao phủ thôn Y Tý (không gửi thư)')).body.rule.id
      const res = await evaluate()
      expect(res.status).toBe(200)
      expect(await openUnits(ctx.db, id)).toEqual(['02701'])
      // nothing is queued to send after the request: the fire is audited, no send and no failed send
      expect(await auditedActions(`${id}:02701`)).toEqual(['alert_fire'])
      const [episode] = await episodesOf(ctx.db, id)
      const mailed = await ctx.db.query(
        `select 1 from audit_log where action like 'alert_mail%' and (details->>'episode_id')::bigint = $1`,
        [episode.id],
      )
      expect(mailed).toEqual([])
      await disable(id)
    })
  })

  it('e-mails the fires of an evaluation in Vietnamese through the relay in SMTP_URL, and audits the send', async () => {
    const relay = await listenSmtp()
    await withMailEnv(`smtp://127.0.0.1:${relay.port}`, async () => {
      const name = 'Bao phủ thôn Y Tý'
      const id = (await coverageRuleWithEmail(name)).body.rule.id
      const arrived = relay.next()
      expect((await evaluate()).status).toBe(200)
      const mail = await arrived
      expect(mail.from).toBe('atlas@example.vn')
      expect(mail.to).toEqual(['truc.ban@example.vn'])
      const { subject, text } = readMail(mail)
      expect(subject).toBe(`[ANTT Atlas] ${name}: Y Tý`)
      expect(text).toBe(
        `Y Tý: tỷ lệ thôn, tổ có mô hình 21,4 % (3/14)\n\nQuy tắc cảnh báo: ${name}\nĐơn vị: Y Tý (02701)\n`,
      )
      await expect.poll(() => auditedActions(`${id}:02701`)).toEqual(['alert_fire', 'alert_mail'])
      const [episode] = await episodesOf(ctx.db, id)
      const [sent] = await ctx.db.query<{ details: Record<string, unknown> }>(
        `select details from audit_log where action = 'alert_mail' and target = $1`,
        [`${id}:02701`],
      )
      expect(sent.details).toEqual({ episode_id: episode.id, to: ['truc.ban@example.vn'] })
      await disable(id)
    })
    await relay.close()
    expect(relay.received).toHaveLength(1)
  })

  if (backend === 'embedded') {
    // Dissolving records cannot be undone on the shared server database; the embedded copy is this file's own.
    it('fires for exactly the units whose coverage an import lowered', async () => {
      const id = await madeRule('Bao phủ thôn dưới 99 %', 'village_coverage_below', 0.99)
      await evaluate()
      const open = async () =>
        (
          await ctx.db.query<{ unit_code: string }>(
            'select unit_code from alert_episode where rule_id = $1 and cleared_at is null order by 1',
            [id],
          )
        ).map((r) => r.unit_code)
      const before = await open()
      expect(before).not.toContain('02647')

      // every model of Phường Lào Cai dissolved on the data's last date, by import
      const csv = await (await ctx.app.request('/api/export/models.csv?commune=02647&lang=en')).text()
      const [head, ...lines] = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n')
      const cols = head.split(',')
      const at = (name: string) => cols.indexOf(name)
      const dissolved = lines.map((l) => {
        const cells = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''))
        cells[at('status')] = 'dissolved'
        cells[at('dissolved_on')] = '2026-06-30'
        cells[at('dissolved_reason')] = 'Sáp nhập tổ'
        return cells.slice(0, cols.length).join(',')
      })
      const bytes = new TextEncoder().encode([head, ...dissolved].join('\n'))
      const dry = await upload(ctx.app, 'models', bytes, 'models.csv')
      expect(dry.body.errors, JSON.stringify(dry.body.errors?.slice(0, 3))).toEqual([])
      const commit = await getJson(ctx.app, `/api/imports/${dry.body.id}/commit`, { method: 'POST' })
      expect(commit.status, JSON.stringify(commit.body)).toBe(200)
      await runEvaluation(ctx.db, { kind: 'records', communes: [] }) // waits for the run after the commit

      const metrics = (await getJson(ctx.app, `/api/metrics?level=commune&${PERIOD}`)).body.rows
      expect(metrics.find((r: any) => r.code === '02647').village_coverage).toBeLessThan(0.99)
      expect(await open()).toEqual([...before, '02647'].sort())
      const [run] = await ctx.db.query<{ communes: string[]; fired: number }>(
        `select communes, fired from alert_run where kind = 'records' and communes = array['02647'] order by id desc limit 1`,
      )
      expect(run).toEqual({ communes: ['02647'], fired: 1 })
    })
  }
})
