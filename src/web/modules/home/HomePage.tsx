/**
 * The workbench (工作台): each field role lands on today's work — the grid worker on their visits, the doctor on
 * today's follow-ups, the sampler on the desk and home sampling, the volunteer on their shifts, the cadre on the
 * village's figures and what needs them today, the branch secretary on the applications waiting for approval and the
 * volunteers on duty, the administrator on what waits for them (disclosures over the threshold, unanswered data
 * requests). The commander lands on the overview; other roles see their account.
 * Phone first: one column of cards and big buttons.
 */
import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { useAuth, useMe } from '../../app/auth';
import { AccountCards } from './AccountCards';
import { AdminWorkbench } from './AdminWorkbench';
import { CadreWorkbench } from './CadreWorkbench';
import { DoctorWorkbench } from './DoctorWorkbench';
import { GridWorkbench } from './GridWorkbench';
import { RoleTags } from './RoleTags';
import { SamplerWorkbench } from './SamplerWorkbench';
import { SecretaryWorkbench } from './SecretaryWorkbench';
import { VolunteerWorkbench } from './VolunteerWorkbench';

/** The first of the user's roles that has a workbench, in this order (a person may hold several). */
const WORKBENCHES: [string, () => ReactNode][] = [
  ['grid_worker', () => <GridWorkbench />],
  ['doctor', () => <DoctorWorkbench />],
  ['sampler', () => <SamplerWorkbench />],
  ['cadre', () => <CadreWorkbench />],
  ['branch_secretary', () => <SecretaryWorkbench />],
  ['volunteer', () => <VolunteerWorkbench />],
  ['admin', () => <AdminWorkbench />],
];

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  // The commander's work is the overview of their area: they land there.
  if (me.roles.includes('command') && can('reports.read')) return <Navigate to="/overview" replace />;
  const bench = WORKBENCHES.find(([role]) => me.roles.includes(role));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: bench ? 720 : undefined, margin: '0 auto', display: 'flex' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="wb-welcome">
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        {bench && (
          <Space size={4} wrap>
            <RoleTags />
            <Typography.Text type="secondary">{me.scope.name}</Typography.Text>
          </Space>
        )}
      </div>
      {bench ? bench[1]() : <AccountCards />}
    </Space>
  );
}
