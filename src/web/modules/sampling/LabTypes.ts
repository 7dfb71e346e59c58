/**
 * Lab results: the summary both result calls answer, the problems an invalid row can have, and the example
 * file offered on the import page. The example's headers and words are the ones the server reads
 * (src/server/modules/sampling/lab-file.ts), so they stay in Chinese whatever the screen's language.
 */
export type { ResultsSummary } from '../../../domain/sampling/api';

export { RESULTS as RESULT_KINDS, type LabResult as ResultKind } from '../../../domain/sampling/rules';

/** The problems lab-file.ts names for a row it could not read (the first missing cell). */
export const ROW_PROBLEMS = ['barcode', 'result', 'testedAt', 'lab'] as const;

/** The headers and values a lab file may use, as the server matches them (case-insensitive). */
export const LAB_COLUMNS = [
  { key: 'barcode', names: ['管码', '试管编号', '试管条码', '条码', '样本编号', '采样管编号', '管号', 'barcode'] },
  { key: 'result', names: ['结果', '检测结果', 'result'], values: ['阴性', '阳性', '无效', 'negative', 'positive', 'invalid'] },
  { key: 'testedAt', names: ['检测时间', '报告时间', '时间', 'tested at'] },
  { key: 'lab', names: ['检测机构', '实验室', '机构', 'lab'] },
] as const;

/** A small example a lab can fill in: UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese. */
export const LAB_EXAMPLE_CSV =
  '\uFEFF管码,结果,检测时间,检测机构\r\n' +
  'TUBE00000001,阴性,2022-04-12 18:30,县疾控中心实验室\r\n' +
  'TUBE00000002,阳性,2022-04-12 18:35,县疾控中心实验室\r\n' +
  'TUBE00000003,无效,2022-04-12 18:40,县疾控中心实验室\r\n';

/** Lets the browser save a text as a file (the example, the list of unknown barcodes). */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
