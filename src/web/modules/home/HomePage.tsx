import { Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { useAuth, useMe } from '../../app/auth';
import { AreaBreadcrumb } from '../../app/components/AreaBreadcrumb';
import { KindTag } from '../../app/components/KindTag';
import { useCurrentArea } from '../../app/current-area';
import { useRoleName } from '../../app/use-roles';

/** The workbench: who I am, what I may see, and the area I am working on. */
export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { area, setArea } = useCurrentArea();
  const roleName = useRoleName();
  // The commander's work is the overview of their area: they land there.
  if (me.roles.includes('command') && can('reports.read')) return <Navigate to="/overview" replace />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('home.me')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('user.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('user.roles')}>
                {me.roles.length ? (
                  <Space size={[4, 4]} wrap>
                    {me.roles.map((r) => (
                      <Tag key={r} color="blue">
                        {roleName(r)}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  t('common.none')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('user.scope')}>
                {me.scope.name}
                <KindTag kind={me.scope.kind} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.currentArea')} extra={can('areas.read') && area ? <Link to="/areas">{t('home.openAreas')}</Link> : null}>
            {!area ? (
              <Empty description={t('home.noArea')} />
            ) : (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong style={{ fontSize: 18 }}>
                    {area.name}
                  </Typography.Text>
                  <KindTag kind={area.kind} />
                </Space>
                {can('areas.read') && <AreaBreadcrumb areaId={area.id} onPick={setArea} />}
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('area.childCount')}>{area.childCount ?? '-'}</Descriptions.Item>
                  <Descriptions.Item label={t('area.divisionCode')}>{area.divisionCode ?? t('common.none')}</Descriptions.Item>
                </Descriptions>
              </Space>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
