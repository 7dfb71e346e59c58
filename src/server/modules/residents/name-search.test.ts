import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySearch, nameSearchKey } from '../../../domain/search-text';
import { pinyinKeys } from '../../platform/pinyin';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';

/**
 * People are found by their names whatever characters the names hold (issue: 王小红, 李元芳, 陈建社 were
 * read as addresses and found by nobody), anywhere inside a name, with or without the spaces written in
 * it; an address is searched on clear signs, when the person searching says so, or when no name matches.
 */
let t: TestApp;
let admin: Agent;
let village: AreaRow;

const NAMES = ['王小红', '李元芳', '陈建社', '甲贝克', '阿依古丽 买买提', '阿卜杜·热合曼', '王𠮷祥', 'Anna Maria', '小红梅', '张立村'];

beforeAll(async () => {
  t = await testApp();
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  village = await makeArea(t.db, town, '王隆集村', 'village');
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  admin = await login(t.app, 'root_admin');
  const home = (await admin.post('/api/households', { areaId: village.id, address: '王隆集村 三组 12号' })).json().id;
  for (const name of NAMES) {
    const res = await admin.post('/api/residents', { householdId: home, name, idType: 'none' });
    expect(res.statusCode, res.body).toBe(201);
  }
  // Addresses only: nobody is called 光明社 or 幸福小区.
  const flat = (await admin.post('/api/households', { areaId: village.id, address: '光明社区 幸福小区 3号楼 2单元 301室' })).json().id;
  expect((await admin.post('/api/residents', { householdId: flat, name: '赵六', idType: 'none' })).statusCode).toBe(201);
});
afterAll(() => t.close());

const names = async (q: string, extra = '') => {
  const res = await admin.get(`/api/residents?q=${encodeURIComponent(q)}&pageSize=200${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((r: { name: string }) => r.name);
};

describe('the search text’s kind (one rule for the registry and the volunteers)', () => {
  it.each([
    ['王小红', 'name'],
    ['李元芳', 'name'],
    ['张立村', 'name_or_address'],
    ['陈建社', 'name_or_address'],
    ['贝克', 'name'],
    ['阿依古丽 买买提', 'name'],
    ['3号楼', 'address'],
    ['五号楼', 'address'],
    ['幸福小区', 'address'],
    ['二组 5号', 'address'],
    ['301', 'digits'],
    ['zs', 'letters'],
  ])('%s → %s', (text, kind) => {
    expect(classifySearch(text)).toBe(kind);
  });

  it('lets the person searching decide, and compares names without spaces and dots', () => {
    expect(classifySearch('幸福小区', 'name')).toBe('name');
    expect(classifySearch('王小红', 'address')).toBe('address');
    expect(nameSearchKey('阿卜杜·热合曼')).toBe('阿卜杜热合曼');
    expect(nameSearchKey(' Anna\u3000Maria ')).toBe('annamaria');
  });
});

describe('searching the registry by name', () => {
  it('finds full names that hold characters addresses hold', async () => {
    expect(await names('王小红')).toEqual(['王小红']);
    expect(await names('李元芳')).toEqual(['李元芳']);
    expect(await names('陈建社')).toEqual(['陈建社']);
    expect(await names('张立村')).toEqual(['张立村']);
  });

  it('finds a name by any part of it: the names that start with the text first, then those that hold it', async () => {
    expect(await names('贝克')).toEqual(['甲贝克']);
    expect(await names('元芳')).toEqual(['李元芳']);
    expect(await names('小红')).toEqual(['小红梅', '王小红']);
    expect(await names('买买提')).toEqual(['阿依古丽 买买提']);
    // One character is a surname: names that start with it.
    expect(await names('王')).toEqual(['王小红', '王𠮷祥']);
  });

  it('finds a name written with a space or a dot by its full text, typed with or without them', async () => {
    for (const q of ['阿依古丽 买买提', '阿依古丽买买提', '阿依古丽·买买提', '古丽 买买']) expect(await names(q)).toEqual(['阿依古丽 买买提']);
    for (const q of ['阿卜杜·热合曼', '阿卜杜热合曼', '阿卜杜 热合曼']) expect(await names(q)).toEqual(['阿卜杜·热合曼']);
    expect(await names('Anna Maria')).toEqual(['Anna Maria']);
    expect(await names('maria')).toEqual(['Anna Maria']);
  });

  it('gives rare characters their pinyin', async () => {
    expect(pinyinKeys('王𠮷祥')).toEqual({ full: 'wangjixiang', initials: 'wjx' });
    expect(await names('wjx')).toEqual(['王𠮷祥']);
    expect(await names('wangji')).toEqual(['王𠮷祥']);
    expect(await names('𠮷祥')).toEqual(['王𠮷祥']);
  });

  it('searches addresses on clear signs, when asked to, or when no name matches', async () => {
    expect(await names('3号楼')).toEqual(['赵六']);
    expect(await names('幸福小区')).toEqual(['赵六']);
    expect(await names('光明社')).toEqual(['赵六']);
    // Said to be an address: 王小红 is nobody's address; said to be a name: nobody is called 幸福小区.
    expect(await names('王小红', '&target=address')).toEqual([]);
    expect(await names('三组', '&target=address')).toHaveLength(NAMES.length);
    expect(await names('幸福小区', '&target=name')).toEqual([]);
    expect((await admin.get('/api/residents?q=x&target=street')).statusCode).toBe(400);
  });

  it('exports the people the search lists', async () => {
    const res = await admin.post(`/api/residents/export.xlsx?q=${encodeURIComponent('光明社')}`, { purpose: '核对名单（测试）' });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const [{ rows }] = await t.db.query<{ rows: number }>(
      "SELECT (after->>'rows')::int AS rows FROM audit_log WHERE entity = 'resident' AND action = 'export' ORDER BY id DESC LIMIT 1",
    );
    expect(rows).toBe(1);
  });
});

describe('searching volunteers and applications by name', () => {
  it('finds a volunteer by any part of the name, with or without its spaces', async () => {
    for (const name of ['王小红', '阿依古丽 买买提', '陈建社']) {
      const res = await admin.post('/api/volunteers', { name, areaId: village.id, idType: 'none', category: 'volunteer' });
      expect(res.statusCode, res.body).toBe(201);
    }
    const vnames = async (q: string) => (await admin.get(`/api/volunteers?q=${encodeURIComponent(q)}`)).json().items.map((v: { name: string }) => v.name);
    expect(await vnames('王小红')).toEqual(['王小红']);
    expect(await vnames('小红')).toEqual(['王小红']);
    expect(await vnames('建社')).toEqual(['陈建社']);
    expect(await vnames('阿依古丽买买提')).toEqual(['阿依古丽 买买提']);
    expect((await admin.get(`/api/enlistments?q=${encodeURIComponent('小红')}`)).statusCode).toBe(200);
  });
});
