import { readWithHeader } from '../../platform/spreadsheets/header-scan';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { firstStep, kindOf, tierOf } from '../../../domain/help/policy';
import { checkPhone } from '../../../domain/residents/identity';
import { audit, auditActorOf } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, ruleViolation } from '../../platform/errors';
import { type CellValue, cellText } from '../../platform/spreadsheets/cells';
import { oneHeavyImport } from '../../platform/spreadsheets/heavy-import';
import { sheetProblem } from '../../platform/spreadsheets/problems';
import { storeUpload } from '../../platform/spreadsheets/stored-upload';
import { SheetError } from '../../platform/spreadsheets/threaded-reader';
import { areaTree } from '../areas';
import { handoverCode, trackingCode } from './codes';
import * as intakeRepo from './intake-repo';
import { policyInForce } from './policy-repo';

/**
 * The 12345 hotline's list (12345 热线工单) imported: each row a request recorded on the caller's behalf at the
 * chosen area, on the 'hotline' channel with the hotline's own case number kept for replies. All rows valid or
 * nothing written, every problem named with its row; a case number already recorded is skipped, so the same day's
 * list imported again (or a list overlapping yesterday's) adds only what is new. Callers are matched to the
 * registry by phone and merged into an open request of the same kind from the same phone, as a worker's record is.
 */
export const MAX_HOTLINE_ROWS = 2_000;

type Column = 'ref' | 'name' | 'phone' | 'address' | 'need' | 'kind';
const HEADER_ALIASES: Record<Column, string[]> = {
  ref: ['工单号', '工单编号', '编号', '受理编号', '工单', 'ref', 'caseno', 'case', 'ticket', 'ticketno'],
  name: ['来电人', '来电人姓名', '姓名', '联系人', '诉求人', 'name', 'caller'],
  phone: ['来电号码', '联系电话', '电话', '手机', '手机号', '联系方式', 'phone', 'mobile', 'tel'],
  address: ['地址', '住址', '事发地址', '联系地址', 'address'],
  need: ['诉求内容', '诉求', '内容', '问题描述', '来电内容', '需求', 'need', 'content', 'description', 'request'],
  kind: ['诉求类别', '类别', '分类', '诉求分类', 'kind', 'category', 'type'],
};
const norm = (s: string) => s.toLowerCase().replace(/[\s_\-()（）:：*]/g, '');
function columnOf(header: string): Column | null {
  const h = norm(header);
  for (const [col, aliases] of Object.entries(HEADER_ALIASES) as [Column, string[]][]) if (aliases.includes(h)) return col;
  return null;
}

/** A hotline category in the words its operators use → a kind of request (anything else: other). */
const KIND_WORDS: [RegExp, string][] = [
  [/透析|化疗/, 'dialysis_chemo'],
  [/孕|产检|分娩/, 'pregnancy'],
  [/儿童|婴|幼|奶粉/, 'child'],
  [/心理|情绪|焦虑/, 'mental_health'],
  [/就医|就诊|转运|急救|救护/, 'medical_transport'],
  [/药/, 'medicine'],
  [/物资|生活|食品|蔬菜|粮|米|面|日用/, 'daily_goods'],
];
export function kindOfCategory(text: string): string {
  for (const [re, kind] of KIND_WORDS) if (re.test(text)) return kind;
  return 'other';
}

interface Row {
  row: number;
  ref: string;
  name: string | null;
  phone: string | null;
  address: string | null;
  need: string;
  kind: string;
}

async function readRows(file: string) {
  const read = await readWithHeader<Column>(file, {
    columnOf,
    required: ['ref', 'need'],
    maxRows: MAX_HOTLINE_ROWS,
    tooMany: () => ruleViolation('HOTLINE_TOO_MANY', { max: MAX_HOTLINE_ROWS }),
  });
  if (!read) throw badRequest('HOTLINE_HEADERS');
  return read;
}

function parse(columns: Partial<Record<Column, number>>, rows: { row: number; cells: CellValue[] }[]) {
  const cell = (cells: CellValue[], col: Column) => (columns[col] === undefined ? '' : cellText(cells[columns[col]!] ?? null).trim());
  const problems: { row: number; zh: string; en: string }[] = [];
  const parsed: Row[] = [];
  const seen = new Set<string>();
  for (const { row, cells } of rows) {
    if (cells.every((c) => !cellText(c).trim())) continue;
    const bad = (zh: string, en: string) => problems.push({ row, zh, en });
    const ref = cell(cells, 'ref');
    const need = cell(cells, 'need');
    const phoneText = cell(cells, 'phone');
    if (!ref) bad('工单号为空', 'the case number is empty');
    else if (ref.length > 40) bad('工单号超过 40 个字符', 'the case number is longer than 40 characters');
    if (!need) bad('诉求内容为空', 'the request text is empty');
    else if (need.length > 500) bad('诉求内容超过 500 个字', 'the request text is longer than 500 characters');
    let phone: string | null = null;
    if (!phoneText) bad('来电号码为空：无法回访的工单不能受理', 'no phone number: nobody could call the person back');
    else {
      const c = checkPhone(phoneText);
      if (c.ok) phone = c.number;
      else bad(`来电号码“${phoneText}”不是有效的电话号码`, `"${phoneText}" is not a valid phone number`);
    }
    const name = cell(cells, 'name').slice(0, 50) || null;
    const address = cell(cells, 'address').slice(0, 200) || null;
    // The same case twice in one file is one request.
    if (ref && seen.has(ref)) continue;
    if (ref) seen.add(ref);
    parsed.push({ row, ref, name, phone, address, need, kind: kindOfCategory(cell(cells, 'kind') || need) });
  }
  return { parsed, problems };
}

export async function importHotline(
  ctx: Ctx,
  p: { areaId: number; upload: { filename: string; file: Readable } | undefined; maxBytes: number; uploadDir: string; mergeMinutes: number },
) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, p.areaId);
  if (!area || area.archived) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  if (!p.upload) throw badRequest('IMPORT_NO_FILE');
  const upload = p.upload;
  return oneHeavyImport(ctx.actor.userId, async () => {
    const file = await storeUpload(upload.file, p.uploadDir, p.maxBytes);
    try {
      let read: Awaited<ReturnType<typeof readRows>>;
      try {
        read = await readRows(file);
      } catch (e) {
        if (e instanceof SheetError) throw sheetProblem(e, ctx.lang);
        throw e;
      }
      const { parsed, problems } = parse(read.columns, read.rows);
      if (problems.length) {
        const fields: Record<string, string> = {};
        for (const x of problems.slice(0, 100)) fields[`row ${x.row}`] = fields[`row ${x.row}`] ? `${fields[`row ${x.row}`]}; ${x[ctx.lang]}` : x[ctx.lang];
        const first = problems[0];
        throw ruleViolation('HOTLINE_ROWS', { count: new Set(problems.map((x) => x.row)).size, row: first.row, first: first[ctx.lang] }, fields);
      }
      if (!parsed.length) throw badRequest('IMPORT_NO_DATA');
      const policy = await policyInForce(ctx.db);
      const tier = tierOf(policy, policy.defaultTier)!;
      const who = auditActorOf(ctx);
      const counts = await ctx.db.tx(async (tx) => {
        // Two people importing the same list at once: the second waits, then finds the first's case numbers known.
        if (ctx.db.engine === 'postgres') await tx.query(`SELECT pg_advisory_xact_lock(hashtext('help.hotline-import'))`);
        const known = new Set(
          await intakeRepo.hotlineRefsKnown(
            tx,
            parsed.map((r) => r.ref),
          ),
        );
        let created = 0;
        let merged = 0;
        for (const r of parsed.filter((x) => !known.has(x.ref))) {
          const kind = kindOf(policy, r.kind) ? r.kind : 'other';
          const row = await intakeRepo.intake(
            tx,
            {
              place: { areaId: area.id, areaPath: area.path },
              clientId: null,
              channel: 'hotline',
              externalRef: r.ref,
              kind,
              need: r.need,
              name: r.name,
              phone: r.phone,
              address: r.address,
              residentId: null,
              firstStep: firstStep(policy, kind)!,
              policyVersion: policy.version,
              tier: tier.code,
              tierMinutes: tier.minutes,
              mergeMinutes: p.mergeMinutes,
              code: trackingCode(),
              handoverCode: handoverCode(),
              createdBy: ctx.actor.userId,
            },
            who,
          );
          if (row.merged) merged++;
          else created++;
        }
        await audit(tx, ctx, {
          entity: 'help_request',
          action: 'import',
          entityId: null,
          areaPath: area.path,
          after: { file: path.basename(upload.filename || 'upload').slice(0, 200), rows: parsed.length, created, merged, already: known.size },
        });
        return { created, merged, already: parsed.filter((x) => known.has(x.ref)).length };
      });
      return { rows: parsed.length, ...counts };
    } finally {
      await unlink(file).catch(() => {});
    }
  });
}
