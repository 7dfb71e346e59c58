import { excelJs } from '../../platform/exceljs';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { coverage, missingPeople } from './coverage';
import type { ExportStamp } from '../../platform/export-stamp';
import { safeCell as safe, stampBook, stampLine, stampedSheet } from '../../platform/spreadsheets/write';

/**
 * The coverage workbook (应检尽检): the figures per child area, and the missing people — masked, with their
 * grid worker — for the grid workers to chase. Audited as an export with its row count.
 */
const MAX_MISSING = 100_000;

export async function coverageWorkbook(
  ctx: Ctx,
  roundId: number,
  under: number | undefined,
  stamp: ExportStamp,
): Promise<{ buffer: Buffer; fileName: string }> {
  const figures = await coverage(ctx, roundId, under);
  const missing = await missingPeople(ctx, roundId, { under: figures.area.id, page: 1, pageSize: MAX_MISSING });
  const wb = new (excelJs().Workbook)();
  stampBook(wb, stamp, `${figures.area.name} 应检尽检`);
  const sheet = wb.addWorksheet('应检尽检', stampedSheet(stamp));
  sheet.addRow([`${figures.area.name} 应检尽检（名单日 ${figures.rosterDate}）`]);
  sheet.addRow(['区域', '在册', '应检', '已采', '免检', '未采', '采样率']);
  const pct = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(1)}%`);
  for (const i of figures.items) sheet.addRow([safe(i.name), i.roster, i.due, i.sampled, i.exempt, i.missing, pct(i.rate)]);
  const tt = figures.total;
  sheet.addRow(['合计', tt.roster, tt.due, tt.sampled, tt.exempt, tt.missing, pct(tt.rate)]);
  sheet.getColumn(1).width = 24;
  stampLine(sheet, stamp);
  const list = wb.addWorksheet('未采名单', stampedSheet(stamp));
  list.addRow(['姓名', '证件号码', '所在区域', '地址', '网格员']);
  for (const m of missing.items) list.addRow([safe(m.name), m.idNumber ?? '', safe(m.areaName), safe(m.address ?? ''), safe(m.gridWorkers.join('、'))]);
  for (const [i, w] of [12, 22, 16, 32, 20].entries()) list.getColumn(i + 1).width = w;
  stampLine(list, stamp);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await ctx.db.tx((tx) =>
    audit(tx, ctx, {
      action: 'export',
      entity: 'sampling_coverage',
      entityId: roundId,
      areaPath: figures.area.path,
      after: { areaId: figures.area.id, missingRows: missing.items.length, truncated: missing.total > missing.items.length, purpose: stamp.purpose },
    }),
  );
  return { buffer, fileName: `应检尽检-${figures.area.name}.xlsx` };
}
