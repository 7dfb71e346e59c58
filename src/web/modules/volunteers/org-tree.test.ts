import { describe, expect, it } from 'vitest';
import { buildOrgTree, moveTargets, subtreeIds } from './org-tree';
import type { Org } from '../../../domain/volunteers/api';

const org = (id: number, parentId: number | null, kind: Org['kind'], name: string): Org => ({
  id,
  parentId,
  kind,
  name,
  areaId: 1,
  areaPath: '/1/',
  areaName: 'A',
  place: null,
  startsOn: null,
  endsOn: null,
  closedAt: null,
  secretaryId: null,
  secretaryName: null,
  memberCount: 0,
  enlistToken: null,
  notes: null,
});

describe('buildOrgTree', () => {
  it('nests branches under their committee, committees and branches before temporary ones', () => {
    const tree = buildOrgTree([org(3, 1, 'temporary_branch', '卡点'), org(2, 1, 'branch', '甲村'), org(1, null, 'committee', '镇党委')]);
    expect(tree.map((n) => n.org.id)).toEqual([1]);
    expect(tree[0].children.map((n) => n.org.id)).toEqual([2, 3]);
  });

  it('an org whose parent is outside the list is a root', () => {
    const tree = buildOrgTree([org(5, 99, 'branch', '乙村')]);
    expect(tree.map((n) => n.org.id)).toEqual([5]);
  });
});

describe('moving an organisation', () => {
  const list = [
    org(1, null, 'committee', '镇党委'),
    org(2, 1, 'committee', '村党总支'),
    org(3, 2, 'branch', '一组'),
    org(4, null, 'committee', '另一党委'),
    { ...org(5, null, 'committee', '已撤销'), closedAt: '2026-01-01' },
  ];
  it('knows its subtree', () => {
    expect([...subtreeIds(list, 2)].sort()).toEqual([2, 3]);
    expect([...subtreeIds(list, 1)].sort()).toEqual([1, 2, 3]);
  });
  it('offers open committees outside its own subtree', () => {
    expect(moveTargets(list, 2).map((o) => o.id)).toEqual([1, 4]);
    expect(moveTargets(list, 1).map((o) => o.id)).toEqual([4]);
    expect(moveTargets(list, 3).map((o) => o.id)).toEqual([1, 2, 4]);
  });
});
