/** Who I am and the area I am working on: the workbench of a role without field work of its own (an administrator). */
import { Card, Col, Descriptions, Empty, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth, useMe } from '../../app/auth';
import { AreaBreadcrumb } from '../../app/components/AreaBreadcrumb';
import { KindTag } from '../../app/components/KindTag';
import { useCurrentArea } from '../../app/current-area';
import { RoleTags } from './RoleTags';

export function AccountCards() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { area, setArea } = useCurrentArea();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('home.me')}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('user.username')}>{me.username}</Descriptions.Item>
            <Descriptions.Item label={t('user.roles')}>
              <RoleTags />
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
  );
}
