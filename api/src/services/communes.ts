import type { AppDeps } from '../context.ts'
import { ApiError } from '../http/errors.ts'

/** Rejects a commune code that is well formed but not a commune of the province, naming the field. */
export async function checkCommuneCode(
  deps: AppDeps,
  code: string | undefined,
  field = 'commune',
): Promise<void> {
  if (code === undefined) return
  const known = await deps.catalog.memo('commune-codes', async () => {
    const rows = await deps.db.query<{ code: string }>('select code from commune')
    return new Set(rows.map((r) => r.code))
  })
  if (!known.has(code)) {
    const problem = `unknown commune ${code}`
    throw new ApiError(400, 'invalid_parameter', `${field}: ${problem}`, [{ field, problem }])
  }
}
