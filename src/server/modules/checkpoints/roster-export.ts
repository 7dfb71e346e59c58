import type { Writable } from 'node:stream';
import type { StaffRole } from '../../../domain/checkpoints/kinds';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { excelJs } from '../../platform/exceljs';
import type { ExportStamp } from '../../platform/export-stamp';
import { neutralise } from '../../platform/spreadsheets/write';
import { roster } from './assignments';

/**
 * The roster of a week as .xlsx, one sheet per post (days down, shifts across), in Chinese: names and roles only —
 * never an ID number or a phone. Stamped like every export of personal data (who, when, request, purpose) and one
 * audit row per export. Small (a town's posts × 7 days), so written whole rather than streamed.
 */
const ROLE_ZH: Record<StaffRole, string> = { party_member: '党员', police: '民警', medical: '医务人员', volunteer: '志愿者' };
const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];

export async function prepareRosterExport(ctx: Ctx, p: { under?: number; from: string; days: number }, stamp: ExportStamp) {
  const week = await roster(ctx, p);
  const people = new Set(week.cells.flatMap((c) => c.people.map((x) => x.userId)));
  await audit(ctx.db, ctx, {
    action: 'export',
    entity: 'checkpoint_roster',
    entityId: p.under ?? null,
    areaPath: week.posts.length === 1 ? week.posts[0].areaPath : ctx.actor.scope.path,
    after: { from: p.from, days: p.days, posts: week.posts.length, people: people.size, purpose: stamp.purpose },
  });
  return { write: (out: Writable) => writeRoster(out, week, stamp) };
}

type Week = Awaited<ReturnType<typeof roster>>;

async function writeRoster(out: Writable, week: Week, stamp: ExportStamp) {
  const wb = new (excelJs().Workbook)();
  wb.creator = stamp.creator;
  wb.lastModifiedBy = stamp.creator;
  wb.created = stamp.at;
  wb.modified = stamp.at;
  wb.title = '卡点排班表';
  wb.subject = stamp.purpose;
  wb.description = stamp.line;
  wb.keywords = `request:${stamp.requestId}`;
  const footer = `&L${stamp.line.replace(/&/g, '&&')}`;
  const names = new Set<string>();
  for (const post of week.posts) {
    // Sheet names: at most 31 characters, none of []:*?/\, and unique.
    let name = post.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || '卡点';
    while (names.has(name)) name = `${name.slice(0, 26)}-${names.size}`;
    names.add(name);
    const sheet = wb.addWorksheet(name, {
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      headerFooter: { oddFooter: footer, firstFooter: footer },
    });
    sheet.addRow([neutralise(`${post.name} 排班表（${week.days[0]} 至 ${week.days[week.days.length - 1]}）`)]).font = { bold: true, size: 14 };
    sheet.addRow([neutralise(`${post.areaName}${post.place ? `　${post.place}` : ''}　每班最少：${staffingText(post.staffing)}`)]);
    const header = sheet.addRow(['日期', ...post.shifts.map((s) => neutralise(`${s.name} ${s.start}–${s.end}`))]);
    header.font = { bold: true };
    sheet.columns = [{ width: 16 }, ...post.shifts.map(() => ({ width: 30 }))];
    for (const day of week.days) {
      const cells = post.shifts.map((s) => week.cells.find((c) => c.postId === post.id && c.day === day && c.shiftCode === s.code));
      if (cells.every((c) => !c)) continue;
      const row = sheet.addRow([
        `${day}（${WEEKDAY_ZH[new Date(`${day}T00:00:00Z`).getUTCDay()]}）`,
        ...cells.map((c) => {
          if (!c) return '—';
          const who = c.people.map((x) => `${x.name}（${ROLE_ZH[x.role]}）`).join('、');
          const short = c.short.length ? `【缺${c.short.map((r) => ROLE_ZH[r]).join('、')}】` : '';
          return neutralise(`${who}${who && short ? ' ' : ''}${short}`);
        }),
      ]);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
    sheet.addRow([]);
    sheet.addRow([neutralise(stamp.line)]).font = { italic: true, color: { argb: 'FF666666' } };
  }
  if (!week.posts.length) wb.addWorksheet('排班表').addRow(['所选范围内没有开放的卡点']);
  await wb.xlsx.write(out);
}

function staffingText(s: Record<StaffRole, number>): string {
  return (Object.keys(ROLE_ZH) as StaffRole[])
    .filter((r) => s[r] > 0)
    .map((r) => `${ROLE_ZH[r]} ${s[r]} 人`)
    .join('，');
}
