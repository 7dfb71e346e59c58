/** Small shared displays of the volunteer screens: category, skills, organisation and team kinds. */
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Category, OrgKind, Skill, TeamKind } from '../../../domain/volunteers/api';

const CATEGORY_COLOURS: Partial<Record<Category, string>> = {
  party_cadre: 'red',
  party_retired: 'red',
  party_rural: 'red',
  party_mobile: 'volcano',
  party_probationary: 'orange',
  activist: 'gold',
  league: 'blue',
  medical: 'cyan',
  police: 'geekblue',
  cadre: 'purple',
};

export function CategoryTag({ category }: { category: Category }) {
  const { t } = useTranslation();
  return (
    <Tag color={CATEGORY_COLOURS[category]} style={{ marginInlineEnd: 0 }}>
      {t(`volunteers.category.${category}`, { defaultValue: category })}
    </Tag>
  );
}

export function SkillTags({ skills }: { skills: Skill[] }) {
  const { t } = useTranslation();
  if (!skills.length) return null;
  return (
    <Space size={[2, 2]} wrap>
      {skills.map((s) => (
        <Tag key={s} style={{ marginInlineEnd: 0 }}>
          {t(`volunteers.skill.${s}`, { defaultValue: s })}
        </Tag>
      ))}
    </Space>
  );
}

const ORG_COLOURS: Record<OrgKind, string> = { committee: 'red', branch: 'volcano', temporary_branch: 'orange' };

export function OrgKindTag({ kind }: { kind: OrgKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORG_COLOURS[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`volunteers.orgKind.${kind}`)}
    </Tag>
  );
}

const TEAM_COLOURS: Record<TeamKind, string> = { service_team: 'blue', assault_squad: 'red', pioneer_team: 'gold' };

export function TeamKindTag({ kind }: { kind: TeamKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={TEAM_COLOURS[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`volunteers.teamKind.${kind}`)}
    </Tag>
  );
}
