import { createConnection, type Socket } from 'node:net'

/**
 * A minimal SMTP client (RFC 5321: EHLO, MAIL FROM, RCPT TO, DATA, QUIT) for the internal relay a
 * deployment names in SMTP_URL (smtp://host:port, no authentication, no TLS: the relay is on the internal
 * network). Written out rather than adding a mail library for these five commands. Unset → nothing is sent.
 */
export interface MailConfig {
  host: string
  port: number
  from: string
}

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const url = env.SMTP_URL
  if (!url) return null
  const u = new URL(url)
  if (u.protocol !== 'smtp:') throw new Error(`SMTP_URL must be smtp://host:port, got ${url}`)
  return { host: u.hostname, port: Number(u.port || 25), from: env.ALERT_MAIL_FROM || 'antt-atlas@localhost' }
}

export interface Mail {
  to: string[]
  subject: string
  text: string
}

/** RFC 2047 encoded-word, so a Vietnamese subject survives any relay. */
const encodeHeader = (s: string) => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`

function reader(socket: Socket) {
  let buffer = ''
  const waiting: ((line: string) => void)[] = []
  const lines: string[] = []
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8')
    let i = buffer.indexOf('\r\n')
    while (i >= 0) {
      const line = buffer.slice(0, i)
      buffer = buffer.slice(i + 2)
      // the last line of a reply has a space after the code (multi-line replies use '-')
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
        const w = waiting.shift()
        if (w) w(line)
        else lines.push(line)
      }
      i = buffer.indexOf('\r\n')
    }
  })
  return () =>
    new Promise<string>((resolve, reject) => {
      const ready = lines.shift()
      if (ready) return resolve(ready)
      waiting.push(resolve)
      socket.once('error', reject)
    })
}

export async function sendMail(cfg: MailConfig, mail: Mail, timeoutMs = 10_000): Promise<void> {
  const socket = createConnection({ host: cfg.host, port: cfg.port })
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error('SMTP timeout')))
  const next = reader(socket)
  const expect = async (code: string) => {
    const line = await next()
    if (!line.startsWith(code)) throw new Error(`SMTP: expected ${code}, got ${line}`)
  }
  const send = (line: string) => socket.write(`${line}\r\n`)
  try {
    await expect('220')
    send('EHLO antt-atlas')
    await expect('250')
    send(`MAIL FROM:<${cfg.from}>`)
    await expect('250')
    for (const to of mail.to) {
      send(`RCPT TO:<${to}>`)
      await expect('250')
    }
    send('DATA')
    await expect('354')
    const body = Buffer.from(mail.text, 'utf8')
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n')
    send(
      [
        `From: <${cfg.from}>`,
        `To: ${mail.to.map((t) => `<${t}>`).join(', ')}`,
        `Subject: ${encodeHeader(mail.subject)}`,
        `Date: ${new Date().toUTCString()}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: base64',
        '',
        body,
        '.',
      ].join('\r\n'),
    )
    await expect('250')
    send('QUIT')
    await next().catch(() => '')
  } finally {
    socket.end()
  }
}
