/**
 * Faults of the database itself, as opposed to errors in a statement: the connection was cut, the server
 * is shutting down or restarting, or the embedded database stopped. A request that meets one cannot be
 * answered now but may succeed when retried; the server's pool opens new connections on demand.
 */

// SQLSTATE class 08 (connection exception) and these of class 57 (operator intervention):
// 57P01 admin_shutdown (pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now;
// 53300 too_many_connections.
const FAULT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300'])

// Codes the `postgres` client and Node's sockets give a connection that closed, failed or timed out.
const FAULT_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
])

/** True when `err` is a fault of the database or its connection rather than of the request. */
export function isDatabaseFault(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string') {
    if (FAULT_CODES.has(code) || FAULT_SQLSTATES.has(code)) return true
    if (/^08[0-9A-Z]{3}$/.test(code)) return true
  }
  // The embedded database: used after it was closed, or its WebAssembly instance aborted.
  if ((err as Error).name === 'RuntimeError') return true
  const message = (err as { message?: unknown }).message
  return typeof message === 'string' && /^PGlite is clos(ed|ing)\b/.test(message)
}
