// Worker thread that runs HiGHS (WebAssembly, npm `highs`) so that a long solve never blocks the server's event
// loop. Plain JavaScript so that it starts in any Node without a TypeScript loader. The WebAssembly binary is
// read from the installed package, never fetched.
//
// Message in:  { id, model: LinearModel (analysis/src/covering.ts), start?: number[], timeLimitS }
// Message out: { id, status, objective, bound, gap, colValue, timeMs } or { id, error }
import { createRequire } from 'node:module'
import { parentPort } from 'node:worker_threads'
import loadHighs from 'highs'

const require = createRequire(import.meta.url)
const wasmPath = require.resolve('highs/runtime')
const highsReady = loadHighs({ locateFile: () => wasmPath })

const STATUS = { 7: 'optimal', 8: 'infeasible', 13: 'time_limit' }

function solve(highs, { model, start, timeLimitS }) {
  const inf = highs.infinity
  const bound = (v) => (v === Number.POSITIVE_INFINITY ? inf : v === Number.NEGATIVE_INFINITY ? -inf : v)
  const t0 = performance.now()
  return highs.withModel(
    {
      numCols: model.numCols,
      numRows: model.numRows,
      sense:
        model.sense === 'maximize'
          ? highs.constants.objectiveSense.maximize
          : highs.constants.objectiveSense.minimize,
      colCost: model.colCost,
      colLower: model.colLower,
      colUpper: model.colUpper,
      rowLower: model.rowLower.map(bound),
      rowUpper: model.rowUpper.map(bound),
      matrix: {
        format: 'csr',
        numRows: model.numRows,
        numCols: model.numCols,
        starts: model.matrix.start,
        indices: model.matrix.index,
        values: model.matrix.value,
      },
      integrality: model.integrality,
    },
    (m) => {
      // Exact optimum: no relative gap tolerance (HiGHS's default stops within 0.01 %).
      m.options.set({ output_flag: false, time_limit: timeLimitS, mip_rel_gap: 0, mip_abs_gap: 1e-6 })
      if (start) m.setSolution({ colValue: start })
      m.run()
      const code = m.getModelStatus()
      const status = STATUS[code] ?? `status_${code}`
      const hasSolution = Number(m.info.get('primal_solution_status')) === 2
      const objective = hasSolution ? m.getObjectiveValue() : null
      const dualBound = Number(m.info.get('mip_dual_bound'))
      const bound = Number.isFinite(dualBound) ? dualBound : null
      // relative gap |bound − objective| / |objective|, as HiGHS defines mip_gap; null without both
      const gap =
        status === 'optimal'
          ? 0
          : objective !== null && bound !== null
            ? Math.abs(bound - objective) / Math.max(Math.abs(objective), 1e-9)
            : null
      const out = {
        status,
        objective,
        bound,
        gap,
        colValue: hasSolution ? Array.from(m.getSolution().colValue) : null,
        timeMs: performance.now() - t0,
      }
      return out
    },
  )
}

parentPort.on('message', async (msg) => {
  try {
    const highs = await highsReady
    parentPort.postMessage({ id: msg.id, ...solve(highs, msg) })
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) })
  }
})
