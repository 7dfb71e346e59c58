import { excelJs } from '../src/server/platform/exceljs';
import { checkDigit } from '../src/domain/residents/identity';

/** The synthetic sheet of bench:import: BENCH_ROWS rows (default 100,000) as the template would hold them. */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '秀英桂兰玉梅建国志强文华明春海军红丽伟芳敏静磊洋勇艳杰娟涛超平刚';

export async function makeSheet(file: string) {
  const wb = new (excelJs().stream.xlsx.WorkbookWriter)({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('居民台账');
  ws.addRow(['姓名', '身份证号', '联系电话', '现住址', '村民小组', '与户主关系', '特殊人群', '状态']).commit();
  let household = 0;
  for (let i = 0; i < ROWS; i++) {
    const first = i % 3 === 0 || i % 5 === 0;
    if (first) household++;
    const year = 1930 + (i % 90);
    const birth = `${year}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    // Area code + birth date + a sequence unique per birth date: every ID is valid and distinct.
    const body = `411627${birth}${String(Math.floor(i / 1080) % 1000).padStart(3, '0')}`;
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 2 ? GIVEN[(i * 13) % GIVEN.length] : '');
    ws.addRow([
      name,
      body + checkDigit(body),
      i % 4 === 0 ? `13${String(900000000 + i).slice(0, 9)}` : '',
      `东关村${Math.floor(household / 40) + 1}组${household}号`,
      `${Math.floor(household / 40) + 1}组`,
      first ? '户主' : i % 3 === 1 ? '配偶' : '子女',
      i % 17 === 0 ? '独居' : i % 29 === 0 ? '残疾、慢性病' : '',
      i % 6 === 0 ? '外出' : '',
    ]).commit();
  }
  await ws.commit();
  await wb.commit();
}
