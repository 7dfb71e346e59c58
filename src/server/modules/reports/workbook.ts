import { FIGURE_COLUMNS, type Figures, addFigures, emptyFigures } from '../../../domain/reports/figures';
import { excelJs } from '../../platform/exceljs';
import type { ExportStamp } from '../../platform/export-stamp';
import { neutralise as safe, stampBook, stampLine, stampedSheet } from '../../platform/spreadsheets/write';

/**
 * The daily report as the paper form has it: a title row, two header rows (the group — 返乡人员, 管控人员 …
 * — over its columns), one row per village, and a 合计 row. A few hundred villages at most: built in memory.
 */
const STATUS_ZH = { live: '未上报', submitted: '已上报', reopened: '已退回' } as const;
const FIXED = ['序号', '乡镇（街道）', '村（社区）', '上报状态'];

export async function reportWorkbook(p: {
  title: string;
  rows: { town: string; village: string; status: keyof typeof STATUS_ZH; figures: Figures }[];
  stamp: ExportStamp;
}): Promise<Buffer> {
  const wb = new (excelJs().Workbook)();
  stampBook(wb, p.stamp, p.title);
  const ws = wb.addWorksheet('日报', { views: [{ state: 'frozen', xSplit: 3, ySplit: 3 }], ...stampedSheet(p.stamp) });
  const width = FIXED.length + FIGURE_COLUMNS.length;
  ws.addRow([p.title]);
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.addRow([...FIXED, ...FIGURE_COLUMNS.map((c) => c.group.zh)]);
  ws.addRow([...FIXED, ...FIGURE_COLUMNS.map((c) => c.name.zh)]);
  for (let c = 1; c <= FIXED.length; c++) ws.mergeCells(2, c, 3, c);
  // Merge each group's header over its run of columns.
  let start = 0;
  for (let i = 1; i <= FIGURE_COLUMNS.length; i++) {
    if (i === FIGURE_COLUMNS.length || FIGURE_COLUMNS[i].group.zh !== FIGURE_COLUMNS[start].group.zh) {
      if (i - start > 1) ws.mergeCells(2, FIXED.length + start + 1, 2, FIXED.length + i);
      start = i;
    }
  }
  for (const r of [2, 3]) {
    ws.getRow(r).font = { bold: true };
    ws.getRow(r).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  const total = emptyFigures();
  p.rows.forEach((r, i) => {
    addFigures(total, r.figures);
    ws.addRow([i + 1, safe(r.town), safe(r.village), STATUS_ZH[r.status], ...FIGURE_COLUMNS.map((c) => r.figures[c.key])]);
  });
  const sum = ws.addRow([
    '合计',
    '',
    '',
    `${p.rows.filter((r) => r.status === 'submitted').length}/${p.rows.length}`,
    ...FIGURE_COLUMNS.map((c) => total[c.key]),
  ]);
  sum.font = { bold: true };
  ws.mergeCells(sum.number, 1, sum.number, 3);
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 14;
  ws.getColumn(3).width = 16;
  ws.getColumn(4).width = 10;
  for (let c = FIXED.length + 1; c <= width; c++) ws.getColumn(c).width = 9;
  stampLine(ws, p.stamp);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
