import { describe, expect, it } from 'vitest';
import { answerProblems, checklistProblems, scoreInspection } from './checklist';
import { DEFAULT_CHECKLISTS } from './defaults';
import { drawSample } from './draw';
import { DEFAULT_POLICY, deadlineOf, TARGET_KINDS } from './kinds';
import { leagueTable } from './league';

const list = {
  passScore: 80,
  items: [
    { code: 'a', text: 'A', weight: 50, severity: 'critical' as const },
    { code: 'b', text: 'B', weight: 30, severity: 'major' as const },
    { code: 'c', text: 'C', weight: 20, severity: 'minor' as const },
  ],
};

describe('checklist scoring', () => {
  it('weighs passed items over all items', () => {
    const s = scoreInspection(list, [
      { code: 'a', passed: true },
      { code: 'b', passed: true },
      { code: 'c', passed: false },
    ]);
    expect(s).toEqual({ rawScore: 80, score: 80, vetoed: false, passed: true, failed: ['c'] });
  });

  it('a failed critical item fails the whole inspection (一票否决) and scores it 0', () => {
    const s = scoreInspection(list, [
      { code: 'a', passed: false },
      { code: 'b', passed: true },
      { code: 'c', passed: true },
    ]);
    expect(s).toEqual({ rawScore: 50, score: 0, vetoed: true, passed: false, failed: ['a'] });
  });

  it('below the pass mark without a veto is a fail with its score', () => {
    const s = scoreInspection(list, [
      { code: 'a', passed: true },
      { code: 'b', passed: false },
      { code: 'c', passed: true },
    ]);
    expect(s).toMatchObject({ score: 70, vetoed: false, passed: false });
  });

  it('rounds to one decimal', () => {
    const thirds = { passScore: 0, items: ['x', 'y', 'z'].map((code) => ({ code, text: code, weight: 1, severity: 'minor' as const })) };
    expect(scoreInspection(thirds, [{ code: 'x', passed: true }]).score).toBe(33.3);
  });

  it('names unanswered, unknown and repeated answers', () => {
    expect(
      answerProblems(list.items, [
        { code: 'a', passed: true },
        { code: 'a', passed: false },
        { code: 'q', passed: true },
      ]),
    ).toEqual({
      missing: ['b', 'c'],
      unknown: ['q'],
      twice: ['a'],
    });
  });
});

describe('checklist drafts', () => {
  it('refuses no items, weights that are zero or negative, a code twice and a pass mark outside 0–100', () => {
    expect(checklistProblems({ name: 'x', passScore: 80, items: [] })).toEqual([{ kind: 'no_items' }]);
    const bad = checklistProblems({
      name: 'x',
      passScore: 120,
      items: [
        { code: 'a', text: 'A', weight: -5, severity: 'minor' },
        { code: 'a', text: 'B', weight: 0, severity: 'minor' },
      ],
    });
    expect(bad).toEqual([
      { kind: 'weight', item: 1, code: 'a' },
      { kind: 'weight', item: 2, code: 'a' },
      { kind: 'duplicate_code', item: 2, code: 'a' },
      { kind: 'pass_score' },
    ]);
  });

  it('the seeded checklists are all valid, one per kind, each with a critical item', () => {
    expect(Object.keys(DEFAULT_CHECKLISTS).sort()).toEqual([...TARGET_KINDS].sort());
    for (const d of Object.values(DEFAULT_CHECKLISTS)) {
      expect(checklistProblems(d)).toEqual([]);
      expect(d.items.some((i) => i.severity === 'critical')).toBe(true);
    }
  });
});

describe('random sampling', () => {
  const ids = Array.from({ length: 34 }, (_, i) => 100 + i);
  it('draws what it drew before: a published draw can be checked again by anyone, in any later version', () => {
    // Drawn by the generator as first written (before draw.ts took domain/random.ts's copy of it).
    const pool = Array.from({ length: 40 }, (_, i) => 1001 + i * 7);
    expect(drawSample(pool, 6, '2026-Q4/town-7')).toEqual([1246, 1155, 1022, 1113, 1274, 1183]);
    expect(drawSample(pool, 3, '抽查-第1批')).toEqual([1148, 1253, 1134]);
  });
  it('draws the same targets from the same seed, whatever order the candidates came in', () => {
    const one = drawSample(ids, 5, '2026-Q4/town-7');
    expect(drawSample([...ids].reverse(), 5, '2026-Q4/town-7')).toEqual(one);
    expect(new Set(one).size).toBe(5);
    for (const x of one) expect(ids).toContain(x);
  });
  it('another seed draws otherwise; asking for more than there are takes them all', () => {
    expect(drawSample(ids, 5, 'other')).not.toEqual(drawSample(ids, 5, '2026-Q4/town-7'));
    expect(drawSample([3, 1, 2], 10, 's').sort()).toEqual([1, 2, 3]);
  });
});

describe('deadlines and the league table', () => {
  it('gives each severity its policy hours', () => {
    const at = new Date('2026-12-01T02:00:00Z');
    expect(deadlineOf(at, 'critical', DEFAULT_POLICY).toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(deadlineOf(at, 'minor', DEFAULT_POLICY).toISOString()).toBe('2026-12-08T02:00:00.000Z');
  });

  it('ranks by average with shared ranks; veto or a low average is black, a high one red', () => {
    const t = leagueTable(
      [
        { areaId: 1, name: '甲村', inspections: 2, scoreSum: 190, passed: 2, vetoed: 0 },
        { areaId: 2, name: '乙村', inspections: 1, scoreSum: 95, passed: 1, vetoed: 0 },
        { areaId: 3, name: '丙村', inspections: 2, scoreSum: 100, passed: 1, vetoed: 1 },
        { areaId: 4, name: '丁村', inspections: 0, scoreSum: 0, passed: 0, vetoed: 0 },
        { areaId: 5, name: '戊村', inspections: 3, scoreSum: 240, passed: 2, vetoed: 0 },
      ],
      DEFAULT_POLICY,
    );
    expect(t.map((r) => [r.areaId, r.rank, r.averageScore, r.list])).toEqual([
      [1, 1, 95, 'red'],
      [2, 1, 95, 'red'],
      [5, 3, 80, null],
      [3, 4, 50, 'black'],
    ]);
    expect(t[2].passRate).toBe(66.7);
  });
});
