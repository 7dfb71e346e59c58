/** What routes work to a person: memberships, teams, posts, households looked after, captaincies, village groups. */
import { Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { TeamKindTag } from './labels';
import type { MyAssignments, VolunteerPage } from '../../../domain/volunteers/api';

type Links = Pick<VolunteerPage, 'teams' | 'posts' | 'households' | 'captains' | 'groups'> & { memberships?: VolunteerPage['memberships'] };

function Section<T>({ title, items, render, testId }: { title: string; items: T[]; render: (x: T) => ReactNode; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={`${title} (${items.length})`} data-testid={testId}>
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(x) => <List.Item>{render(x)}</List.Item>}
          pagination={items.length > 10 ? { pageSize: 10, size: 'small', simple: true } : false}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />
      )}
    </Card>
  );
}

export function PersonLinks({ links, canOpenHouseholds }: { links: Links | MyAssignments; canOpenHouseholds: boolean }) {
  const { t } = useTranslation();
  const memberships = 'memberships' in links ? links.memberships : undefined;
  const half = { xs: 24, md: 12 };
  return (
    <Row gutter={[16, 16]}>
      {memberships && (
        <Col {...half}>
          <Section
            title={t('volunteers.person.memberships')}
            testId="memberships"
            items={memberships}
            render={(m) => (
              <Space wrap size={4}>
                <span>{m.orgName}</span>
                <Tag>{t(`volunteers.membershipKind.${m.kind}`)}</Tag>
                {m.role !== 'member' && <Tag color="red">{t(`volunteers.memberRole.${m.role}`)}</Tag>}
                <Typography.Text type="secondary">
                  {m.leftOn ? t('volunteers.deploy.range', { from: m.joinedOn, to: m.leftOn }) : t('volunteers.person.since', { from: m.joinedOn })}
                </Typography.Text>
              </Space>
            )}
          />
        </Col>
      )}
      <Col {...half}>
        <Section
          title={t('volunteers.person.teams')}
          testId="teams"
          items={links.teams}
          render={(m) => (
            <Space wrap size={4}>
              <span>{m.name}</span>
              <TeamKindTag kind={m.kind} />
              <Tag>{t(`volunteers.teamRole.${m.role}`)}</Tag>
            </Space>
          )}
        />
      </Col>
      <Col {...half}>
        <Section
          title={t('volunteers.person.households')}
          testId="households"
          items={links.households}
          render={(h) => (canOpenHouseholds ? <Link to={`/residents/households/${h.householdId}`}>{h.address}</Link> : <span>{h.address}</span>)}
        />
      </Col>
      <Col {...half}>
        <Section
          title={t('volunteers.person.captains')}
          testId="captains"
          items={[
            ...links.captains.map((c) => ({
              key: `c${c.id}`,
              text:
                c.kind === 'floor'
                  ? t('volunteers.links.floorCaptainOf', { area: c.areaName, floor: c.floor })
                  : t('volunteers.links.buildingCaptainOf', { area: c.areaName }),
            })),
            ...links.groups.map((g) => ({ key: `g${g.id}`, text: t('volunteers.links.groupOf', { area: g.areaName, group: g.villageGroup }) })),
          ]}
          render={(x) => <span>{x.text}</span>}
        />
      </Col>
      {links.posts.length > 0 && (
        <Col {...half}>
          <Section
            title={t('volunteers.person.posts')}
            testId="posts"
            items={links.posts}
            render={(p) => (
              <Space wrap size={4}>
                <span>{p.name}</span>
                <Tag>{t(`volunteers.postKind.${p.kind}`)}</Tag>
                <Typography.Text type="secondary">{[p.place, p.areaName].filter(Boolean).join(' · ')}</Typography.Text>
              </Space>
            )}
          />
        </Col>
      )}
    </Row>
  );
}
