import type { planExportBody } from '@antt/contract'
import ExcelJS from 'exceljs'
import type { z } from 'zod'
import { auditRequest } from '../../auth/audit.ts'
import type { AppDeps } from '../../context.ts'
import { optimizePlan } from './optimize.ts'

type Plan = Awaited<ReturnType<typeof optimizePlan>>
type Lang = 'vi' | 'en'

const HEAD: Record<Lang, string[]> = {
  vi: [
    'STT',
    'Mã thôn',
    'Thôn, bản, TDP',
    'Mã xã',
    'Xã, phường',
    'Loại mô hình',
    'Chi phí (đồng)',
    'Nhu cầu được phủ thêm',
    'Chỉ điểm này phủ',
    'Bắt buộc chọn',
  ],
  en: [
    'No.',
    'Village code',
    'Village',
    'Commune code',
    'Commune',
    'Model type',
    'Cost (VND)',
    'Demand newly covered',
    'Covered by this site only',
    'Locked in',
  ],
}

const KPI_ROWS: [key: string, vi: string, en: string][] = [
  ['village_coverage', 'Tỷ lệ thôn được phủ', 'Village coverage'],
  ['villages_covered', 'Số thôn được phủ', 'Villages covered'],
  ['population_covered', 'Dân số được phủ', 'Population covered'],
  ['demand_covered', 'Nhu cầu được phủ', 'Covered demand'],
  ['border_village_coverage', 'Tỷ lệ thôn biên giới được phủ', 'Border-village coverage'],
]

/**
 * The plan as a workbook written with exceljs (as the record exports are): the sites in order of marginal
 * gain, KPIs before and after, and the parameters. Codes stay text; coverage shares are
 * percentages.
 */
export async function planXlsx(
  plan: Plan,
  opts: { lang: Lang; typeName: string; communeName: (code: string) => string; demo: boolean },
): Promise<Uint8Array> {
  const vi = opts.lang === 'vi'
  const wb = new ExcelJS.Workbook()
  wb.creator = 'ANTT Atlas'
  const sites = wb.addWorksheet(vi ? 'Điểm đề xuất' : 'Proposed sites', {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  sites.addRow(HEAD[opts.lang]).font = { bold: true }
  for (const s of plan.selected)
    sites.addRow([
      s.rank,
      s.code,
      s.name,
      s.commune_code,
      opts.communeName(s.commune_code),
      opts.typeName,
      s.cost_vnd,
      s.gain,
      s.only.length,
      s.locked ? (vi ? 'có' : 'yes') : '',
    ])
  sites.columns.forEach((c, i) => {
    c.width = [6, 12, 28, 10, 24, 30, 16, 18, 16, 12][i]
  })
  sites.getColumn(7).numFmt = '#,##0'
  sites.addRow([])
  sites.addRow([vi ? 'Tổng chi phí' : 'Total cost', '', '', '', '', '', plan.parameters.total_cost_vnd])
  if (opts.demo) sites.addRow([vi ? 'Dữ liệu minh họa' : 'Demo data'])

  const kpis = wb.addWorksheet(vi ? 'Chỉ tiêu' : 'KPIs')
  kpis.addRow([vi ? 'Chỉ tiêu' : 'KPI', vi ? 'Trước' : 'Before', vi ? 'Sau' : 'After']).font = { bold: true }
  for (const [key, nameVi, nameEn] of KPI_ROWS) {
    const row = kpis.addRow([
      vi ? nameVi : nameEn,
      (plan.before as unknown as Record<string, number | null>)[key],
      (plan.after as unknown as Record<string, number | null>)[key],
    ])
    if (key.endsWith('coverage')) row.numFmt = '0.0%'
  }
  kpis.addRow([])
  kpis.addRow([vi ? 'Lời giải' : 'Solution', plan.status]).font = { bold: true }
  kpis.addRow([vi ? 'Tối ưu (HiGHS)' : 'Optimum (HiGHS)', plan.objective])
  kpis.addRow([vi ? 'Tham lam' : 'Greedy', plan.greedy_objective])
  kpis.getColumn(1).width = 34
  kpis.getColumn(2).width = 14
  kpis.getColumn(3).width = 14

  const params = wb.addWorksheet(vi ? 'Tham số' : 'Parameters')
  for (const [k, v] of Object.entries(plan.parameters))
    params.addRow([k, v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : v])
  params.getColumn(1).width = 18
  params.getColumn(2).width = 40
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

/** The sites as shown, locked in and evaluated again here, so the file holds checked figures only; audited. */
export async function exportPlan(
  deps: AppDeps,
  { plan, sites, lang }: z.output<typeof planExportBody>,
): Promise<Uint8Array> {
  const result = await optimizePlan(deps, {
    ...plan,
    count: sites.length,
    budget: null,
    include: [...new Set(sites)],
    exclude: plan.exclude.filter((code) => !sites.includes(code)),
  })
  const taxonomies = await deps.catalog.taxonomies()
  const type = taxonomies.model_types.find((t) => t.code === plan.model_type)
  const communes = await deps.db.query<{ code: string; name: string }>(
    'select code, full_name as name from commune',
  )
  const names = new Map(communes.map((r) => [r.code, r.name]))
  const body = await planXlsx(result, {
    lang,
    typeName: (lang === 'vi' ? type?.name_vi : type?.name_en) ?? plan.model_type,
    communeName: (code) => names.get(code) ?? code,
    demo: await deps.catalog.isDemo(),
  })
  await auditRequest(deps, {
    action: 'export',
    target: 'plan.xlsx',
    details: {
      kind: 'plan',
      format: 'xlsx',
      lang,
      model_type: plan.model_type,
      sites: result.selected.map((s) => s.code),
    },
  })
  return body
}
