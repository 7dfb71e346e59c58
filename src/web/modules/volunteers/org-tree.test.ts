import { describe, expect, it } from 'vitest';
import { buildOrgTree } from './org-tree';
import type { Org } from './types';

const org = (id: number, parentId: number | null, kind: Org['kind'], name: string): Org => ({
  id, parentId, kind, name, areaId: 1, areaPath: '/1/', areaName: 'A', place: null, startsOn: null, endsOn: null, closedAt: null,
  secretaryId: null, secretaryName: null, memberCount: 0, enlistToken: null, notes: null,
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
