/**
 * Team boards: service teams, assault squads (with their sub-squads beneath) and pioneer teams under
 * the current area, each a card with its leader and member count; open one to see and edit members.
 * Below them the model posts and responsibility areas.
 */
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { TEAM_KINDS } from '../../../domain/volunteers/schemas';
import { TeamKindTag } from './labels';
import { PostsCard } from './PostsCard';
import { TeamDrawer } from './TeamDrawer';
import { TeamFormModal } from './TeamFormModal';
import { listTeams, type Team, type TeamKind } from '../../../domain/volunteers/api';

function TeamCard({ team, subs, onOpen }: { team: Team; subs: Team[]; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      hoverable
      onClick={() => onOpen(team.id)}
      data-testid="team-card"
      title={
        <Space size={6} wrap>
          <span>{team.name}</span>
          <TeamKindTag kind={team.kind} />
          {team.disbandedAt && <Tag>{t('volunteers.team.disbanded')}</Tag>}
        </Space>
      }
      styles={{ header: { flexWrap: 'wrap' } }}
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('volunteers.team.leader')}>{team.leaderName ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('volunteers.team.members')}>{team.memberCount}</Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">{[team.orgName, team.areaName].filter(Boolean).join(' · ')}</Typography.Text>
        {subs.length > 0 && (
          <Space size={[4, 4]} wrap>
            <Typography.Text type="secondary">{t('volunteers.team.subTeams')}</Typography.Text>
            {subs.map((s) => (
              <Tag
                key={s.id}
                color="red"
                style={{ cursor: 'pointer' }}
                onClick={(e) => {
                  e.stopPropagation();
                  onOpen(s.id);
                }}
              >
                {s.name} · {s.memberCount}
              </Tag>
            ))}
          </Space>
        )}
      </Space>
    </Card>
  );
}

export default function TeamsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [kind, setKind] = useState<TeamKind | 'all'>('all');
  const [adding, setAdding] = useState(false);
  const [params, setParams] = useSearchParams();
  const openId = Number(params.get('team')) || undefined;

  const teamsQuery = useApiQuery(listTeams, { query: { under: area?.id, kind: kind === 'all' ? undefined : kind } });
  const teams = teamsQuery.data?.items ?? null;
  const error = teamsQuery.error ? errorText(teamsQuery.error, t) : null;
  const reload = () => void teamsQuery.refetch();
  const { tops, subsOf } = useMemo(() => {
    const list = teams ?? [];
    const ids = new Set(list.map((x) => x.id));
    const subsOf = new Map<number, Team[]>();
    for (const x of list) if (x.parentId && ids.has(x.parentId)) subsOf.set(x.parentId, [...(subsOf.get(x.parentId) ?? []), x]);
    return { tops: list.filter((x) => !x.parentId || !ids.has(x.parentId)), subsOf };
  }, [teams]);
  const open = (id: number | undefined) => setParams(id ? { team: String(id) } : {});

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.teams')}
        </Typography.Title>
        {can('volunteers.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="team-create">
            {t('volunteers.team.create')}
          </Button>
        )}
      </Space>
      <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <Segmented<TeamKind | 'all'>
          value={kind}
          onChange={setKind}
          options={[{ value: 'all', label: t('volunteers.team.all') }, ...TEAM_KINDS.map((k) => ({ value: k, label: t(`volunteers.teamKind.${k}`) }))]}
        />
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      {teams === null && !error ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : tops.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('volunteers.team.empty')} />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          {tops.map((team) => (
            <Col key={team.id} xs={24} md={12} xl={8}>
              <TeamCard team={team} subs={subsOf.get(team.id) ?? []} onOpen={open} />
            </Col>
          ))}
        </Row>
      )}
      <PostsCard under={area?.id} canWrite={can('volunteers.write')} />
      {openId && <TeamDrawer id={openId} onClose={() => open(undefined)} onChanged={reload} onOpen={open} />}
      {adding && (
        <TeamFormModal
          defaultAreaId={area?.id}
          onClose={() => setAdding(false)}
          onSaved={(team) => {
            setAdding(false);
            reload();
            open(team.id);
          }}
        />
      )}
    </Space>
  );
}
