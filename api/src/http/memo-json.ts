import { promisify } from 'node:util'
import { gunzipSync, gzip as gzipCb } from 'node:zlib'
import type { Context } from 'hono'
import type { AppEnv } from '../context.ts'
import { acceptsGzip } from '../tiles/conditional.ts'

const gzip = promisify(gzipCb)

/**
 * A JSON answer memoised with the catalog (until the data changes, per role and scope) as gzipped bytes:
 * serialised and compressed once, then sent as they are to every client that takes gzip (all browsers).
 * Under load, serialising the 50–250 KB of metrics or unit detail and writing it uncompressed on every
 * request took most of the API's CPU time (BENCHMARKS.md, "Load"). `compute` may return JSON text; a route
 * names the answer's type (`memoJson<MetricsResult>`) so the contract checks it.
 */
export async function memoJson<T>(
  c: Context<AppEnv>,
  key: string,
  compute: () => Promise<T>,
  type = 'application/json',
): Promise<Response> {
  const zipped = await c.get('deps').catalog.memo(`answer|${key}`, async () => {
    const value = await compute()
    return new Uint8Array(await gzip(typeof value === 'string' ? value : JSON.stringify(value)))
  })
  const gzipped = acceptsGzip(c.req.header('accept-encoding'))
  const body = gzipped ? zipped : new Uint8Array(gunzipSync(zipped))
  return c.body(body, 200, {
    'content-type': type,
    'content-length': String(body.byteLength),
    vary: 'Accept-Encoding',
    ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
  })
}
