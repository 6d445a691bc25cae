/**
 * Import benchmark: a generated CSV of 100,000 incidents (keys, Vietnamese headers, dd/mm/yyyy dates,
 * decimal coordinates at villages of the province) through POST /api/imports (dry run) and
 * POST /api/imports/:id/commit, timed, with the process's peak resident memory.
 *
 *   npx tsx api/bench/import.bench.ts                      # embedded database (a copy of the seeded test template)
 *   DATABASE_URL=postgres://… npx tsx api/bench/import.bench.ts   # a seeded server database (rows removed afterwards)
 *   BENCH_ROWS=20000 npx tsx api/bench/import.bench.ts
 *
 * The upload is about 9 MB: the import route has its own 64 MB limit instead of the app's general 1 MB.
 */
import { randomUUID } from 'node:crypto'
import { cpus, loadavg } from 'node:os'
import { openPostgres } from '@antt/data/db'
import { closeTestDbs, openTestDb, prepareTestDatabases } from '@antt/data/testing'
import { createApp } from '../src/app.ts'
import { csvOf, type Row } from '../src/imports/fixtures/files.ts'
import { benchSignIn } from './backends.ts'

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const CATEGORIES = [
  'Trộm cắp tài sản',
  'Ma túy',
  'Tranh chấp, mâu thuẫn',
  'Lừa đảo qua mạng',
  'Cố ý gây thương tích',
  'Buôn lậu',
]

/** Peak resident set of the process so far (the kernel's high-water mark: no sampling can miss it). */
const maxRss = () => process.resourceUsage().maxRSS * 1024
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since)
  return (d.user + d.system) / 1e6
}

async function main() {
  const server = process.env.DATABASE_URL
  if (!server) await prepareTestDatabases()
  const db = server ? await openPostgres(server, { max: 4 }) : await openTestDb('embedded')
  const app = createApp(db)
  const { cookie, csrf } = await benchSignIn(app, 'admin')
  const headers = { cookie, 'x-csrf-token': csrf }

  // Rows at villages (a few metres off their centre), spread over the province.
  const villages = await db.query<{ code: string; commune_code: string; lon: number; lat: number }>(
    'select code, commune_code, ST_X(point) as lon, ST_Y(point) as lat from village order by code',
  )
  const run = randomUUID().slice(0, 6).toUpperCase()
  const rows: Row[] = [
    ['Mã hồ sơ', 'Loại vụ việc', 'Ngày xảy ra', 'Mã xã', 'Mã thôn', 'Mức độ', 'Kinh độ', 'Vĩ độ', 'Tóm tắt'],
  ]
  for (let i = 0; i < ROWS; i++) {
    const v = villages[(i * 7919) % villages.length]
    const day = 1 + (i % 28)
    const month = 1 + ((i >> 5) % 12)
    rows.push([
      `B${run}-${String(i).padStart(6, '0')}`,
      CATEGORIES[i % CATEGORIES.length],
      `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${2023 + (i % 3)}`,
      v.commune_code,
      v.code,
      1 + (i % 3),
      Number((v.lon + ((i % 7) - 3) * 1e-5).toFixed(6)),
      Number((v.lat + ((i % 5) - 2) * 1e-5).toFixed(6)),
      i % 10 === 0 ? 'Vụ việc sinh ra cho đo hiệu năng' : null,
    ])
  }
  const file = csvOf(rows, { bom: true, sep: ';' })
  rows.length = 0
  const rssBefore = process.memoryUsage().rss
  const peakBefore = maxRss()

  const form = new FormData()
  form.set('kind', 'incidents')
  form.set('file', new File([file], 'vu-viec-100k.csv'))
  let t = performance.now()
  let cpu = process.cpuUsage()
  const dry = await app.request('/api/imports', { method: 'POST', headers, body: form })
  const dryMs = performance.now() - t
  const dryCpu = cpuSeconds(cpu)
  const report = (await dry.json()) as Record<string, unknown>
  if (dry.status !== 200) throw new Error(`dry run: ${dry.status} ${JSON.stringify(report).slice(0, 500)}`)
  const peakDry = maxRss()

  t = performance.now()
  cpu = process.cpuUsage()
  const commit = await app.request(`/api/imports/${report.id}/commit`, { method: 'POST', headers })
  const commitMs = performance.now() - t
  const commitCpu = cpuSeconds(cpu)
  const committed = (await commit.json()) as Record<string, unknown>
  if (commit.status !== 200)
    throw new Error(`commit: ${commit.status} ${JSON.stringify(committed).slice(0, 500)}`)

  // the same file again: every row matched by its key and skipped
  const again = new FormData()
  again.set('kind', 'incidents')
  again.set('file', new File([file], 'vu-viec-100k.csv'))
  t = performance.now()
  cpu = process.cpuUsage()
  const redo = await app.request('/api/imports', { method: 'POST', headers, body: again })
  const redoMs = performance.now() - t
  const redoCpu = cpuSeconds(cpu)
  const redone = (await redo.json()) as Record<string, unknown>

  const peakAll = maxRss()
  const lines = [
    `Import benchmark, ${server ? 'PostgreSQL server' : 'embedded PGlite'}, ${ROWS.toLocaleString('en')} incident rows, CSV ${mb(file.length)}`,
    '',
    '| step | wall time | CPU time of this process | rows/s (wall) | result |',
    '|---|---:|---:|---:|---|',
    `| dry run (parse, stage, validate) | ${(dryMs / 1000).toFixed(1)} s | ${dryCpu.toFixed(1)} s | ${Math.round(ROWS / (dryMs / 1000)).toLocaleString('en')} | valid ${report.valid}, create ${report.create}, errors ${report.errors_total} |`,
    `| commit | ${(commitMs / 1000).toFixed(1)} s | ${commitCpu.toFixed(1)} s | ${Math.round(ROWS / (commitMs / 1000)).toLocaleString('en')} | create ${committed.create} |`,
    `| re-import (dry run) | ${(redoMs / 1000).toFixed(1)} s | ${redoCpu.toFixed(1)} s | ${Math.round(ROWS / (redoMs / 1000)).toLocaleString('en')} | create ${redone.create}, update ${redone.update}, skip ${redone.skip} |`,
    '',
    `Machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(
        ' ',
      )} at the end. The embedded database runs in this process, so its work counts in the CPU time; a server's does not.`,
    `RSS before the upload ${mb(rssBefore)} (peak so far ${mb(peakBefore)}: the database and the generated file); peak after the dry run ${mb(peakDry)}, after commit and re-import ${mb(peakAll)}; JS heap used at the end ${mb(process.memoryUsage().heapUsed)}.`,
  ]
  console.log(lines.join('\n'))

  if (server) {
    await db.query(`delete from incident where id like $1`, [`B${run}-%`])
    await db.query('delete from import_batch where id = any ($1::uuid[])', [[report.id, redone.id]])
    await db.close()
  } else await closeTestDbs()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
