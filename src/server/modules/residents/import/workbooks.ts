import type { Writable } from 'node:stream';
import { excelJs } from '../../../platform/exceljs';
import { ID_TYPE_NAMES, ID_TYPES, maskIdNumber, maskPhone } from '../../../../domain/residents/identity';
import type { ExportStamp } from '../../../platform/export-stamp';
import { IMPORT_FIELDS, templateHeaders } from './fields';
import { type SheetSource, readBatches } from '../../../platform/spreadsheets/threaded-reader';
import { cellText } from '../../../platform/spreadsheets/cells';
import { neutralise, stampBook, stampLine, stampedSheet } from '../../../platform/spreadsheets/write';

/**
 * The spreadsheets the registry hands out: the import template, the error report (the uploaded rows
 * that failed, with a column saying why) and the export of a list. All are written as streams.
 */

const TEXT_COLUMNS = new Set(['idNumber', 'phone', 'phone2', 'houseNo', 'room', 'unit']);

const GUIDE: Array<[string, string]> = [
  ['姓名', '必填。'],
  ['证件类型', `可不填：有身份证号时自动识别。可填：${ID_TYPES.map((t) => ID_TYPE_NAMES[t].zh).join('、')}。`],
  [
    '身份证号',
    '18 位或 15 位；末位 x 大小写均可，全角数字也能识别。请把这一列设为“文本”，否则 Excel 会丢掉后几位。同一证件号只能对应一个人；再次导入同一文件会按证件号更新，不会重复。',
  ],
  ['性别 / 出生日期', '有身份证号时可不填，由号码推出；填写了就须与号码一致。日期写法：1980-01-02、1980/1/2、1980年1月2日、19800102 均可。'],
  ['联系电话 / 备用电话', '11 位手机号，或带区号的固定电话（如 0394-1234567）。'],
  ['现住址', '同一区域内地址相同的人归为一户；也可只填“村民小组”和“门牌号”。'],
  ['与户主关系', '户主、配偶、子女、父母、孙子女、祖父母、兄弟姐妹、其他。'],
  ['所属网格', '可不填：默认为导入时选择的区域。可填本区域下的名称、“上级/名称”或 12 位区划代码。'],
  ['特殊人群', '可填多项，用顿号分隔：残疾、孕妇、慢性病、透析、卧床、独居、无智能手机。60 岁、80 岁以上由出生日期自动计算。'],
  ['状态', '在家、外出、迁出、死亡；不填为在家。'],
  ['入住日期', '开始在本地居住的日期；不填为导入当天。'],
  ['空白单元格', '再次导入时，空白单元格不会清除已有内容。'],
];

export async function writeTemplate(out: Writable) {
  const wb = new (excelJs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('居民台账');
  sheet.columns = IMPORT_FIELDS.map((f, i) => ({
    key: f,
    width: f === 'idNumber' ? 22 : f === 'address' || f === 'registeredAddress' ? 28 : 12,
    style: TEXT_COLUMNS.has(f) ? { numFmt: '@' } : {},
    header: templateHeaders()[i],
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  await sheet.commit();
  const guide = wb.addWorksheet('填写说明');
  guide.columns = [
    { header: '列', key: 'col', width: 18 },
    { header: '说明', key: 'text', width: 100 },
  ];
  for (const [col, text] of GUIDE) guide.addRow({ col, text }).commit();
  await guide.commit();
  await wb.commit();
}

/**
 * Which columns of the upload hold an ID number or a phone: those mapped to such a field, and — the mapping may
 * leave a column out — those whose header names one.
 */
export function maskedColumns(headers: string[], mapping: Record<string, string | null> | null): Map<number, 'id' | 'phone'> {
  const out = new Map<number, 'id' | 'phone'>();
  headers.forEach((h, i) => {
    const field = mapping?.[h] ?? null;
    if (field === 'idNumber' || /身份证|证件号|id.?(number|no)/i.test(h)) out.set(i, 'id');
    else if (field === 'phone' || field === 'phone2' || /电话|手机|phone|mobile/i.test(h)) out.set(i, 'phone');
  });
  return out;
}

/**
 * The rows of the upload that have problems, with the row number and the reasons. The file is a copy of raw rows
 * that leaves the server, so it is masked as the lists are: ID numbers and phones show their ends only. The
 * importer fixes the rows in their own file, found by the row number; the masked ends are enough to check the
 * right person, and a report forwarded from the importer's desk no longer carries whole numbers. (The other
 * choice — whole numbers, to the importer only, for a short time — would still put them in a file we cannot
 * call back.)
 */
export async function writeErrorReport(
  out: Writable,
  src: SheetSource,
  headers: string[],
  byRow: Map<number, string[]>,
  lang: 'zh' | 'en',
  masks: Map<number, 'id' | 'phone'>,
  stamp: ExportStamp,
) {
  const wb = new (excelJs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  const name = lang === 'zh' ? '错误报告' : 'Errors';
  stampBook(wb, stamp, name);
  const sheet = wb.addWorksheet(name, stampedSheet(stamp));
  const shown = (text: string, i: number) => {
    const mask = masks.get(i);
    if (!mask || !text) return text;
    return (mask === 'id' ? maskIdNumber(text.trim()) : maskPhone(text.trim())) ?? '';
  };
  const head = sheet.addRow([lang === 'zh' ? '原行号' : 'Row', ...headers, lang === 'zh' ? '错误' : 'Errors']);
  head.font = { bold: true };
  head.commit();
  if (byRow.size) {
    for await (const batch of readBatches(src)) {
      for (const { row, cells } of batch) {
        const reasons = byRow.get(row);
        if (!reasons) continue;
        sheet.addRow([row, ...headers.map((_, i) => neutralise(shown(cellText(cells[i] ?? null), i))), reasons.join('；')]).commit();
      }
    }
  }
  for (const r of stampLine(sheet, stamp)) r.commit();
  await sheet.commit();
  await wb.commit();
}
