/** One inspection: its score, each item with its note and photos, and the rectification orders it made. */
import { Alert, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { getInspection } from '../../../domain/inspections/api';
import { errorText } from '../../app/errors';
import { PhotoThumbs } from '../../app/PhotoInput';
import { useApiQuery } from '../../app/query';
import { kindLabel, statusColour, when } from './labels';

export default function InspectionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useApiQuery(getInspection, { params: { id } });
  if (q.error) return <Alert type="error" showIcon title={errorText(q.error, t)} />;
  const i = q.data;
  if (!i) return null;
  const text = new Map(i.checklist.items.map((x) => [x.code, x.text]));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {i.targetName} · {kindLabel(t, i.targetKind)}
      </Typography.Title>
      <Card size="small">
        <Space wrap size={8} style={{ marginBottom: 8 }}>
          <Typography.Text strong style={{ fontSize: 24 }} data-testid="inspection-score">
            {i.score}
          </Typography.Text>
          {i.vetoed && <Tag color="red">{t('inspections.vetoed')}</Tag>}
          <Tag color={i.passed ? 'green' : 'red'}>{i.passed ? t('inspections.passed') : t('inspections.failed')}</Tag>
        </Space>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('inspections.field.inspectedAt')}>{when(i.inspectedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.field.inspector')}>{i.inspectorName}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.field.checklist')}>
            {i.checklist.name} · v{i.checklist.version}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.field.rawScore')}>{i.rawScore}</Descriptions.Item>
          {i.latitude != null && (
            <Descriptions.Item label={t('inspections.field.place')}>
              {i.latitude.toFixed(5)}, {i.longitude?.toFixed(5)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={t('inspections.items')}>
        <List
          dataSource={i.results}
          renderItem={(r) => (
            <List.Item>
              <Space orientation="vertical" size={4}>
                <Space>
                  <Tag color={r.passed ? 'green' : 'red'}>{r.passed ? t('inspections.pass') : t('inspections.fail')}</Tag>
                  <Typography.Text>{text.get(r.code) ?? r.code}</Typography.Text>
                </Space>
                {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
                <PhotoThumbs photos={r.photos} />
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {i.orders.length > 0 && (
        <Card size="small" title={t('inspections.orders')}>
          <List
            dataSource={i.orders}
            renderItem={(o) => (
              <List.Item>
                <Link to={`/inspections/rectifications/${o.id}`} data-testid="order-link">
                  {o.itemText}
                </Link>
                <Space>
                  <Tag color={statusColour[o.status]}>{t(`inspections.status.${o.status}`)}</Tag>
                  <Typography.Text type="secondary">{t('inspections.deadline', { at: when(o.deadlineAt) })}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
