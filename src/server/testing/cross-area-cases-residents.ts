import { multipartBody } from './sheets';
import { type CrossCase, MARK, PURPOSE, xlsxText } from './cross-area-kit';

/** Cross-area cases of households, residents, duplicates, imports and the export. */
export const RESIDENT_CASES: Record<string, CrossCase> = {
  'GET /api/households': async (e) => [
    { url: '/api/households?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/households?q=${MARK}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/households?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/households': async (e) => [{ url: '/api/households', body: { areaId: e.a.village.id, address: '新户 1号' }, expect: 'denied' }],
  'GET /api/households/:id': async (e) => [{ url: `/api/households/${e.householdInA}`, expect: 'denied', control: 'marker' }],
  'PATCH /api/households/:id': async (e) => [{ url: `/api/households/${e.householdInA}`, body: { notes: '改' }, expect: 'denied' }],
  'GET /api/residents': async (e) => [
    { url: `/api/residents?q=${MARK}`, expect: 'no-leak', control: 'marker' },
    { url: '/api/residents?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/residents?pageSize=200&asOf=${new Date().toISOString().slice(0, 10)}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/residents?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/residents': async (e) => [
    { url: '/api/residents', body: { householdId: e.householdInA, name: '新人', idType: 'none' }, expect: 'denied' },
    { url: '/api/residents', body: { areaId: e.a.village.id, name: '新人', idType: 'none' }, expect: 'denied' },
  ],
  'GET /api/residents/:id': async (e) => [{ url: `/api/residents/${await e.freshResidentInA()}`, expect: 'denied', control: 'marker' }],
  'PATCH /api/residents/:id': async (e) => [{ url: `/api/residents/${await e.freshResidentInA()}`, body: { notes: '改' }, expect: 'denied' }],
  'POST /api/residents/:id/move': async (e) => [
    {
      url: `/api/residents/${await e.freshResidentInA()}/move`,
      body: { kind: 'transfer', toHouseholdId: e.householdInB, on: '2026-01-01' },
      expect: 'denied',
      control: 'none',
    },
    {
      url: `/api/residents/${await e.freshResidentInB()}/move`,
      body: { kind: 'transfer', toHouseholdId: e.householdInA, on: '2026-01-01' },
      expect: 'denied',
      control: 'none',
    },
    { url: `/api/residents/${await e.freshResidentInA()}/move`, body: { kind: 'out', on: '2026-01-01' }, expect: 'denied' },
  ],
  'POST /api/residents/:id/reveal': async (e) => [{ url: `/api/residents/${await e.freshResidentInA()}/reveal`, body: { field: 'phone' }, expect: 'denied' }],

  'GET /api/residents/lookup': async () => [{ url: `/api/residents/lookup?q=${MARK}`, expect: 'no-leak', control: 'marker' }],
  'GET /api/residents/duplicates': async () => [{ url: '/api/residents/duplicates', expect: 'no-leak', control: 'marker' }],
  'POST /api/residents/duplicates/merge': async (e) => [
    {
      url: '/api/residents/duplicates/merge',
      body: { keepId: await e.freshResidentInA(), mergeId: await e.freshResidentInA() },
      expect: 'denied',
      control: 'none',
    },
    {
      url: '/api/residents/duplicates/merge',
      body: { keepId: await e.freshResidentInB(), mergeId: await e.freshResidentInA() },
      expect: 'denied',
      control: 'none',
    },
  ],
  'POST /api/residents/duplicates/dismiss': async (e) => [
    { url: '/api/residents/duplicates/dismiss', body: { ids: [await e.freshResidentInA(), await e.freshResidentInA()] }, expect: 'denied' },
  ],

  'GET /api/residents/template.xlsx': async () => [{ url: '/api/residents/template.xlsx', expect: 'no-leak', control: 'ok' }],
  'GET /api/residents/imports': async (e) => {
    await e.freshImportInA();
    return [{ url: '/api/residents/imports', expect: 'no-leak', control: 'marker' }];
  },
  'POST /api/residents/imports': async (e) => {
    const file = multipartBody('名单.csv', Buffer.from('姓名,联系电话\n某人,13800000000\n'));
    return [
      { url: `/api/residents/imports?areaId=${e.a.village.id}`, body: file.payload, headers: file.headers, expect: 'denied' },
      { url: '/api/residents/imports', body: file.payload, headers: { 'content-type': 'multipart/form-data; boundary=x' }, expect: 'denied', control: 'none' },
    ];
  },
  'GET /api/residents/imports/:id': async (e) => [{ url: `/api/residents/imports/${await e.freshImportInA()}`, expect: 'denied', control: 'marker' }],
  'POST /api/residents/imports/:id/validate': async (e) => [
    { url: `/api/residents/imports/${await e.freshImportInA()}/validate`, body: { mapping: { 姓名: 'name' } }, expect: 'denied', control: 'none' },
  ],
  'POST /api/residents/imports/:id/sheet': async (e) => [
    { url: `/api/residents/imports/${await e.freshImportInA()}/sheet`, body: { sheet: 'Sheet1' }, expect: 'denied', control: 'none' },
  ],
  'POST /api/residents/imports/:id/commit': async (e) => [
    { url: `/api/residents/imports/${await e.freshImportInA()}/commit`, body: { mode: 'valid-only' }, expect: 'denied', control: 'none' },
  ],
  'POST /api/residents/imports/:id/errors.xlsx': async (e) => [
    { url: `/api/residents/imports/${await e.freshImportInA()}/errors.xlsx`, body: PURPOSE, expect: 'denied', control: 'ok' },
  ],
  'POST /api/residents/export.xlsx': async (e) => [
    { url: '/api/residents/export.xlsx', body: PURPOSE, expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: '/api/residents/export.xlsx?reveal=true', body: PURPOSE, expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: `/api/residents/export.xlsx?under=${e.a.village.id}`, body: PURPOSE, expect: 'denied', control: 'marker', readBody: xlsxText },
  ],
};
