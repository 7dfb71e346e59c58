import { randomBytes } from 'node:crypto';
import { excelJs } from '../platform/exceljs';
import type { Agent } from './harness';

/** Test files for the spreadsheet import: valid ID numbers, .xlsx and multipart bodies. */
export { residentIdNumber as residentIdFor } from './factories';

export async function xlsxBuffer(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new (excelJs().Workbook)();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readXlsx(buf: Buffer): Promise<Record<string, string[][]>> {
  const wb = new (excelJs().Workbook)();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    out[ws.name] = rows;
  });
  return out;
}

/** A multipart/form-data body with one file (and optional fields before it), for app.inject. */
export function multipartBody(fileName: string, data: Buffer, fields: Record<string, string> = {}) {
  const boundary = `----wangge${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName.replace(/"/g, '')}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A resident import's job once it has stopped validating or committing (polled through the API, up to two minutes). */
export async function settleImport(agent: Agent, id: number) {
  for (let i = 0; i < 1200; i++) {
    const job = (await agent.get(`/api/residents/imports/${id}`)).json();
    if (job.status !== 'validating' && job.status !== 'committing') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}
