import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { ASSIST_OUTCOMES, ASSIST_OUTCOME_WORDS, type ASSIST_REFUSALS } from '../../../domain/tracing/api-board';
import { audit, auditActorOf, auditMany } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, forbidden, notFound, ruleViolation } from '../../platform/errors';
import { excelJs } from '../../platform/exceljs';
import type { ExportStamp } from '../../platform/export-stamp';
import { type CellValue, cellText } from '../../platform/spreadsheets/cells';
import { readWithHeader } from '../../platform/spreadsheets/header-scan';
import { sheetProblem } from '../../platform/spreadsheets/problems';
import { storeUpload } from '../../platform/spreadsheets/stored-upload';
import { SheetError } from '../../platform/spreadsheets/threaded-reader';
import { neutralise } from '../../platform/spreadsheets/write';
import { areaTree } from '../areas';
import * as boardRepo from './board-repo';

/**
 * Assist requests (协查) as spreadsheets: the sheet for the other county out (our reference and only what finding
 * the person needs, two columns left for their answer), the same sheet filled in back. An answer is final: the same
 * answer again (the same file imported twice) is counted as a duplicate and changes nothing; one contradicting a
 * recorded answer is refused and listed — except that a person found may later be reported placed.
 */
export const MAX_ASSIST_ROWS = 500;
const LEVEL_ZH = { close: '密切接触者', secondary: '次密接', general: '一般接触者' } as const;
const EXPOSURE_ZH: Record<string, string> = {
  household: '同住',
  meal: '共同就餐',
  work: '同工作',
  transport: '同乘交通工具',
  venue: '同一场所',
  medical: '医疗场所',
  other: '其他',
};
const HEADERS = ['协查编号', '姓名', '联系电话', '身份证号', '接触类别', '最后接触日期', '接触方式', '协查结果', '结果说明'];

export async function prepareAssistExport(ctx: Ctx, p: { ids?: number[]; targetRegion?: string }, stamp: ExportStamp) {
  // The sheet carries full names, phones and ID numbers for the other county: only for those who may reveal them.
  if (!ctx.actor.permissions.has('residents.reveal')) throw forbidden();
  const { rows } = await boardRepo.listAssist(ctx.db, ctx.actor.scope, {
    ids: p.ids,
    state: p.ids ? undefined : 'open',
    targetRegion: p.targetRegion,
    limit: MAX_ASSIST_ROWS,
    offset: 0,
  });
  if (p.ids && rows.length !== new Set(p.ids).size) throw notFound();
  // The person's details leave the system in full (that is the file's purpose): each request's export is audited.
  await ctx.db.tx(async (tx) => {
    await boardRepo.markExported(
      tx,
      rows.map((r) => r.id),
    );
    await auditMany(
      tx,
      auditActorOf(ctx),
      rows.map((r) => ({
        action: 'export' as const,
        entity: 'tracing_assist_request' as const,
        entityId: r.id,
        areaPath: r.area_path,
        after: { ref: r.ref, purpose: stamp.purpose },
      })),
    );
  });
  const from = (await areaTree.findInScope(ctx.db, ctx.actor.scope, ctx.actor.scope.areaId))?.name ?? '';
  return { count: rows.length, write: (out: Writable) => writeSheet(out, from, rows, stamp) };
}

async function writeSheet(out: Writable, from: string, rows: boardRepo.AssistRow[], stamp: ExportStamp) {
  const wb = new (excelJs().Workbook)();
  wb.creator = stamp.creator;
  wb.created = stamp.at;
  wb.title = '协查函';
  wb.subject = stamp.purpose;
  wb.description = stamp.line;
  wb.keywords = `request:${stamp.requestId}`;
  const sheet = wb.addWorksheet('协查');
  sheet.addRow([neutralise(`${from} 密接人员协查函：请核查下列人员并在“协查结果”一列选择“已找到”“已落实管控”或“未找到”后传回`)]).font = { bold: true };
  sheet.addRow(HEADERS).font = { bold: true };
  sheet.columns = [18, 10, 14, 20, 12, 14, 14, 14, 30].map((width) => ({ width }));
  for (const r of rows) {
    const row = sheet.addRow([
      r.ref,
      neutralise(r.name),
      neutralise(r.phone ?? ''),
      neutralise(r.id_number ?? ''),
      LEVEL_ZH[r.level],
      r.last_exposure_on,
      EXPOSURE_ZH[r.exposure_kind] ?? r.exposure_kind,
      '',
      '',
    ]);
    // The answer column offers the three results, so what comes back is read without guessing.
    row.getCell(8).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${Object.values(ASSIST_OUTCOME_WORDS).join(',')}"`] };
  }
  sheet.addRow([]);
  sheet.addRow([neutralise(stamp.line)]).font = { italic: true, color: { argb: 'FF666666' } };
  await wb.xlsx.write(out);
}

// ——— the answer sheet back ———
type Column = 'ref' | 'outcome' | 'note';
const ALIASES: Record<Column, string[]> = {
  ref: ['协查编号', '编号', '参考编号', 'ref', 'reference'],
  outcome: ['协查结果', '结果', '核查结果', 'outcome', 'result'],
  note: ['结果说明', '说明', '备注', 'note', 'remark'],
};
const norm = (s: string) => s.toLowerCase().replace(/[\s_\-()（）:：*]/g, '');
const columnOf = (h: string): Column | null => (Object.entries(ALIASES) as [Column, string[]][]).find(([, a]) => a.includes(norm(h)))?.[0] ?? null;
type Outcome = (typeof ASSIST_OUTCOMES)[number];
const OUTCOME_WORDS: Record<string, Outcome> = {
  ...Object.fromEntries(Object.entries(ASSIST_OUTCOME_WORDS).map(([k, v]) => [v, k as Outcome])),
  ...Object.fromEntries(ASSIST_OUTCOMES.map((o) => [o, o])),
  找到: 'found',
  已找到人员: 'found',
  已管控: 'placed',
  已落实: 'placed',
  已隔离: 'placed',
  查无此人: 'not_found',
  未找到: 'not_found',
  notfound: 'not_found',
};
/** From which states an answer applies: an exported (or never exported) request; a person found may later be placed. */
const ANSWERABLE_FROM: Record<Outcome, string[]> = { found: ['open', 'exported'], placed: ['open', 'exported', 'found'], not_found: ['open', 'exported'] };

interface Answer {
  row: number;
  ref: string;
  outcome: Outcome;
  note: string | null;
}

const badRef = (row: number, ref: string) => ({
  row,
  zh: `协查编号“${ref.slice(0, 30)}”格式不对`,
  en: `"${ref.slice(0, 30)}" is not one of our references`,
});

function parse(columns: Partial<Record<Column, number>>, rows: { row: number; cells: CellValue[] }[]) {
  const cell = (cells: CellValue[], c: Column) => (columns[c] === undefined ? '' : cellText(cells[columns[c]!] ?? null).trim());
  const problems: { row: number; zh: string; en: string }[] = [];
  const answers: Answer[] = [];
  const firstOf = new Map<string, Answer>();
  let unanswered = 0;
  let duplicates = 0;
  for (const { row, cells } of rows) {
    const ref = cell(cells, 'ref');
    const said = cell(cells, 'outcome');
    if (!ref && !said) continue;
    // The title above, the stamp line under the rows, any text without a reference: not an answer unless it gives a result.
    if (!/^XC-/i.test(ref)) {
      if (said) problems.push(ref ? badRef(row, ref) : { row, zh: '有协查结果但没有协查编号', en: 'a result without a reference' });
      continue;
    }
    if (!/^XC-[A-Z0-9]{10}$/.test(ref)) {
      problems.push(badRef(row, ref));
      continue;
    }
    if (!said) {
      unanswered++;
      continue;
    }
    const outcome = OUTCOME_WORDS[norm(said)] ?? OUTCOME_WORDS[said];
    if (!outcome) {
      problems.push({
        row,
        zh: `协查结果“${said.slice(0, 20)}”无法识别，请填“已找到”“已落实管控”或“未找到”`,
        en: `"${said.slice(0, 20)}" is not a result: use found, placed or not found`,
      });
      continue;
    }
    const note = cell(cells, 'note') || null;
    if (note && note.length > 500) problems.push({ row, zh: '结果说明超过 500 个字', en: 'the note is longer than 500 characters' });
    const first = firstOf.get(ref);
    if (first) {
      // The same row twice in one file counts once; two different answers for one person cannot both be right.
      if (first.outcome === outcome) duplicates++;
      else problems.push({ row, zh: `协查编号 ${ref} 与第 ${first.row} 行的结果不一致`, en: `${ref} has a different result on row ${first.row}` });
      continue;
    }
    const a = { row, ref, outcome, note };
    firstOf.set(ref, a);
    answers.push(a);
  }
  return { answers, problems, unanswered, duplicates };
}

export async function importAssistSheet(ctx: Ctx, p: { upload: { filename: string; file: Readable }; maxBytes: number; uploadDir: string }) {
  const file = await storeUpload(p.upload.file, p.uploadDir, p.maxBytes);
  try {
    let read: Awaited<ReturnType<typeof readWithHeader<Column>>>;
    try {
      read = await readWithHeader<Column>(file, {
        columnOf,
        required: ['ref', 'outcome'],
        maxRows: MAX_ASSIST_ROWS,
        tooMany: () => ruleViolation('TRACING_ASSIST_TOO_MANY', { max: MAX_ASSIST_ROWS }),
      });
    } catch (e) {
      if (e instanceof SheetError) throw sheetProblem(e, ctx.lang);
      throw e;
    }
    if (!read) throw badRequest('TRACING_ASSIST_HEADERS');
    const { answers, problems, unanswered, duplicates: inFile } = parse(read.columns, read.rows);
    if (problems.length) {
      const fields: Record<string, string> = {};
      for (const x of problems.slice(0, 100)) fields[`row ${x.row}`] = fields[`row ${x.row}`] ? `${fields[`row ${x.row}`]}; ${x[ctx.lang]}` : x[ctx.lang];
      const first = problems[0];
      throw badRequest('TRACING_ASSIST_ROWS', { count: new Set(problems.map((x) => x.row)).size, row: first.row, first: first[ctx.lang] }, fields);
    }
    if (!answers.length && !unanswered) throw badRequest('IMPORT_NO_DATA');
    return await apply(ctx, answers, { unanswered, inFile, fileName: path.basename(p.upload.filename || 'upload').slice(0, 200) });
  } finally {
    await unlink(file).catch(() => {});
  }
}

type Refusal = { row: number; ref: string; reason: (typeof ASSIST_REFUSALS)[number] };

async function apply(ctx: Ctx, answers: Answer[], f: { unanswered: number; inFile: number; fileName: string }) {
  const known = await boardRepo.assistByRefs(
    ctx.db,
    ctx.actor.scope,
    answers.map((a) => a.ref),
  );
  const byRef = new Map(known.map((k) => [k.ref, k]));
  const unknown = answers.filter((a) => !byRef.has(a.ref)).map((a) => a.ref);
  const refused: Refusal[] = [];
  let applied = 0;
  let duplicates = f.inFile;
  await ctx.db.tx(async (tx) => {
    for (const a of answers) {
      const k = byRef.get(a.ref);
      if (!k) continue;
      if (await boardRepo.answer(tx, k.id, a.outcome, a.note, ANSWERABLE_FROM[a.outcome])) {
        applied++;
        await audit(tx, ctx, {
          action: 'answer',
          entity: 'tracing_assist_request',
          entityId: k.id,
          areaPath: k.area_path,
          before: { state: k.state },
          after: { state: a.outcome, note: a.note },
        });
      } else {
        // Read again under the update's lock: the state it now holds says whether this is the same answer again.
        const [now] = await boardRepo.assistByRefs(tx, ctx.actor.scope, [a.ref]);
        if (now.state === a.outcome) duplicates++;
        else refused.push({ row: a.row, ref: a.ref, reason: `already_${now.state}` as Refusal['reason'] });
      }
    }
    await audit(tx, ctx, {
      action: 'import',
      entity: 'tracing_assist_request',
      entityId: null,
      areaPath: ctx.actor.scope.path,
      after: { file: f.fileName, applied, duplicates, refused: refused.length, unknown: unknown.length, unanswered: f.unanswered },
    });
  });
  return { rows: answers.length + f.unanswered + f.inFile, applied, duplicates, unanswered: f.unanswered, refused, unknown };
}
