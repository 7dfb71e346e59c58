/**
 * One team: leader, deputies and members (a person may be in several teams), sub-squads of an assault
 * squad; edit the whole member list (roles, add, remove) and save it at once; disband; deploy the team.
 */
import { Alert, App, Button, Drawer, Empty, Grid, List, Popconfirm, Select, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { TEAM_ROLES } from '../../../domain/volunteers/schemas';
import { DeploymentModal } from './DeploymentModal';
import { CategoryTag, TeamKindTag } from './labels';
import { TeamFormModal } from './TeamFormModal';
import { deleteTeam, getTeam, listTeams, setTeamMembers, type TeamMember, type TeamRole, updateTeam } from '../../../domain/volunteers/api';
import { VolunteerSelect, type PickedVolunteer } from './VolunteerSelect';

interface Props {
  id: number;
  onClose: () => void;
  onChanged: () => void;
  onOpen: (id: number) => void;
}

type Draft = Pick<TeamMember, 'volunteerId' | 'name' | 'role'> & { category?: TeamMember['category'] };

export function TeamDrawer({ id, onClose, onChanged, onOpen }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const screens = Grid.useBreakpoint();
  const teamQuery = useApiQuery(getTeam, { params: { id } });
  const team = teamQuery.data;
  const error = teamQuery.error ? errorText(teamQuery.error, t) : null;
  const setMembers = useApiMutation(setTeamMembers);
  const update = useApiMutation(updateTeam);
  // A deleted team is not read again: only the lists refresh.
  const del = useApiMutation(deleteTeam, { invalidates: [listTeams] });
  const [draft, setDraft] = useState<Draft[] | null>(null);
  const [picking, setPicking] = useState<number | null>(null);
  const [picked, setPicked] = useState<PickedVolunteer | null>(null);
  const [busy, setBusy] = useState(false);
  const [addingSub, setAddingSub] = useState(false);
  const [deploying, setDeploying] = useState(false);
  const canWrite = can('volunteers.write');

  // Another team's members are never edited from this one's draft: dropped while rendering the new team.
  const [draftFor, setDraftFor] = useState(id);
  if (draftFor !== id) {
    setDraftFor(id);
    setDraft(null);
  }

  const save = async () => {
    if (!draft || !team) return;
    setBusy(true);
    try {
      await setMembers.mutateAsync({ params: { id: team.id }, body: { members: draft.map((m) => ({ volunteerId: m.volunteerId, role: m.role })) } });
      setDraft(null);
      onChanged();
      message.success(t('common.saved'));
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const disband = async () => {
    if (!team) return;
    try {
      await update.mutateAsync({ params: { id: team.id }, body: { disbanded: true } });
      onChanged();
      onClose();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };
  const remove = async () => {
    if (!team) return;
    try {
      await del.mutateAsync({ params: { id: team.id } });
      message.success(t('volunteers.team.deletedDone'));
      onChanged();
      onClose();
    } catch (e) {
      // A team with a history answers TEAM_IN_USE, whose message says to disband it instead.
      message.error(errorText(e, t));
    }
  };
  const setRole = (volunteerId: number, role: TeamRole) =>
    setDraft((d) =>
      (d ?? []).map((m) => (m.volunteerId === volunteerId ? { ...m, role } : role === 'leader' && m.role === 'leader' ? { ...m, role: 'deputy' } : m)),
    );

  const editing = draft !== null;
  const rows: Draft[] = draft ?? team?.members ?? [];
  const byRole = (role: TeamRole) => rows.filter((m) => m.role === role);

  const body = () => {
    if (error) return <Alert type="error" showIcon title={error} />;
    if (!team) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap size={6}>
          <TeamKindTag kind={team.kind} />
          {team.disbandedAt && <Tag>{t('volunteers.team.disbanded')}</Tag>}
          <Typography.Text type="secondary">{[team.orgName, team.areaName].filter(Boolean).join(' · ')}</Typography.Text>
        </Space>
        {team.notes && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{team.notes}</Typography.Paragraph>}
        {canWrite && !team.disbandedAt && (
          <Space wrap size={4}>
            {!editing ? (
              <Button size="small" icon={<EditOutlined />} onClick={() => setDraft(team.members.map((m) => ({ ...m })))} data-testid="team-edit-members">
                {t('volunteers.team.editMembers')}
              </Button>
            ) : (
              <>
                <Button size="small" type="primary" loading={busy} onClick={() => void save()} data-testid="team-save-members">
                  {t('common.save')}
                </Button>
                <Button size="small" onClick={() => setDraft(null)}>
                  {t('common.cancel')}
                </Button>
              </>
            )}
            <Button size="small" icon={<SendOutlined />} onClick={() => setDeploying(true)}>
              {t('volunteers.deploy.open')}
            </Button>
            {team.kind === 'assault_squad' && !team.parentId && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingSub(true)}>
                {t('volunteers.team.addSubButton')}
              </Button>
            )}
            <Popconfirm
              title={t('volunteers.team.disbandConfirm', { name: team.name })}
              description={t('volunteers.team.disbandText')}
              onConfirm={() => void disband()}
            >
              <Button size="small" danger icon={<StopOutlined />} data-testid="team-disband">
                {t('volunteers.team.disband')}
              </Button>
            </Popconfirm>
            <Popconfirm title={t('volunteers.team.deleteConfirm', { name: team.name })} onConfirm={() => void remove()}>
              <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid="team-delete">
                {t('volunteers.team.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )}
        {editing && (
          <Space.Compact style={{ width: '100%' }}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <VolunteerSelect
                value={picking}
                onChange={(v, p) => (setPicking(typeof v === 'number' ? v : null), setPicked(p[0] ?? null))}
                data-testid="team-add-member"
              />
            </div>
            <Button
              icon={<PlusOutlined />}
              disabled={!picked}
              onClick={() => {
                if (!picked) return;
                setDraft((d) =>
                  d && !d.some((m) => m.volunteerId === picked.id) ? [...d, { volunteerId: picked.id, name: picked.name.split(' · ')[0], role: 'member' }] : d,
                );
                setPicking(null);
                setPicked(null);
              }}
            >
              {t('volunteers.team.add')}
            </Button>
          </Space.Compact>
        )}
        {rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('volunteers.team.noMembers')} />
        ) : (
          TEAM_ROLES.map((role) =>
            byRole(role).length ? (
              <div key={role}>
                <Typography.Text strong>{t(`volunteers.teamRole.${role}`)}</Typography.Text>
                <List
                  size="small"
                  dataSource={byRole(role)}
                  data-testid={`team-${role}s`}
                  renderItem={(m) => (
                    <List.Item
                      actions={
                        editing
                          ? [
                              <Select<TeamRole>
                                key="role"
                                size="small"
                                value={m.role}
                                onChange={(r) => setRole(m.volunteerId, r)}
                                options={TEAM_ROLES.map((r) => ({ value: r, label: t(`volunteers.teamRole.${r}`) }))}
                                style={{ width: 96 }}
                              />,
                              <Button
                                key="rm"
                                size="small"
                                type="text"
                                danger
                                icon={<DeleteOutlined />}
                                aria-label={t('volunteers.team.remove')}
                                onClick={() => setDraft((d) => (d ?? []).filter((x) => x.volunteerId !== m.volunteerId))}
                              />,
                            ]
                          : undefined
                      }
                    >
                      <Space size={6} wrap>
                        <Link to={`/volunteers/${m.volunteerId}`}>{m.name}</Link>
                        {m.category && <CategoryTag category={m.category} />}
                      </Space>
                    </List.Item>
                  )}
                />
              </div>
            ) : null,
          )
        )}
        {team.subTeams.length > 0 && (
          <div>
            <Typography.Text strong>{t('volunteers.team.subTeams')}</Typography.Text>
            <List
              size="small"
              dataSource={team.subTeams}
              renderItem={(s) => (
                <List.Item>
                  <Typography.Link onClick={() => onOpen(s.id)}>{s.name}</Typography.Link>
                  <span>
                    {s.leaderName ?? t('common.none')} · {t('volunteers.org.memberCount', { count: s.memberCount })}
                  </span>
                </List.Item>
              )}
            />
          </div>
        )}
      </Space>
    );
  };

  return (
    <Drawer open title={team?.name ?? t('common.loading')} size={screens.md ? 560 : '100%'} onClose={onClose} data-testid="team-drawer">
      {body()}
      {addingSub && team && (
        <TeamFormModal
          parent={team}
          onClose={() => setAddingSub(false)}
          onSaved={(s) => {
            setAddingSub(false);
            onChanged();
            onOpen(s.id);
          }}
        />
      )}
      {deploying && team && (
        <DeploymentModal team={{ id: team.id, name: team.name, areaId: team.areaId }} onClose={() => setDeploying(false)} onDone={() => setDeploying(false)} />
      )}
    </Drawer>
  );
}
