/**
 * A rectification order (整改单), a phone page: what failed with its photos; the unit reports it done with photos;
 * an inspector re-inspects — fixed closes it, not fixed (with a photo) sends it back. Only the step the order's
 * state allows is offered.
 */
import { Alert, Button, Card, Descriptions, Input, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { getOrder, reinspectOrder, reportOrder } from '../../../domain/inspections/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { PhotoInput, PhotoThumbs } from '../../app/PhotoInput';
import { useApiMutation, useApiQuery } from '../../app/query';
import { severityColour, statusColour, when } from './labels';

export default function RectificationPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const q = useApiQuery(getOrder, { params: { id } });
  const [note, setNote] = useState('');
  const [photoIds, setPhotoIds] = useState<number[]>([]);
  const [fixed, setFixed] = useState<boolean | undefined>();
  const reset = () => (setNote(''), setPhotoIds([]), setFixed(undefined));
  const report = useApiMutation(reportOrder, { onSuccess: reset });
  const reinspect = useApiMutation(reinspectOrder, { onSuccess: reset });
  if (q.error) return <Alert type="error" showIcon title={errorText(q.error, t)} />;
  const o = q.data;
  if (!o) return null;
  const error = report.error ?? reinspect.error;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('inspections.order.title')}
      </Typography.Title>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={statusColour[o.status]} data-testid="order-status">
              {t(`inspections.status.${o.status}`)}
            </Tag>
            <Tag color={severityColour[o.severity]}>{t(`inspections.severity.${o.severity}`)}</Tag>
            {o.overdue && <Tag color="red">{t('inspections.overdue')}</Tag>}
            {o.escalatedAt && <Tag color="volcano">{t('inspections.escalated')}</Tag>}
          </Space>
          <Typography.Text strong>{o.itemText}</Typography.Text>
          {o.failNote && <Typography.Text type="secondary">{o.failNote}</Typography.Text>}
          <PhotoThumbs photos={o.failPhotos} />
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('inspections.field.target')}>
              {o.targetName} · {o.areaName}
            </Descriptions.Item>
            <Descriptions.Item label={t('inspections.field.unit')}>
              <span data-testid="order-unit">
                {o.unitAreaName}
                {o.unitGroupName
                  ? ` · ${o.unitGroupName}`
                  : o.unitUserName
                    ? ` · ${o.unitUserName}`
                    : o.unitRole
                      ? ` · ${t(`roles.names.${o.unitRole}`, { defaultValue: o.unitRole })}`
                      : ''}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('inspections.field.deadline')}>{when(o.deadlineAt)}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.field.inspector')}>{o.inspectorName}</Descriptions.Item>
          </Descriptions>
        </Space>
      </Card>
      {o.reportedAt && (
        <Card size="small" title={t('inspections.order.reported', { at: when(o.reportedAt), name: o.reportedByName ?? '' })}>
          {o.reportNote && <Typography.Paragraph>{o.reportNote}</Typography.Paragraph>}
          <PhotoThumbs photos={o.reportPhotos} />
        </Card>
      )}
      {o.reinspectedAt && (
        <Card size="small" title={t('inspections.order.reinspected', { at: when(o.reinspectedAt), name: o.reinspectedByName ?? '', count: o.reinspections })}>
          {o.reinspectionNote && <Typography.Paragraph>{o.reinspectionNote}</Typography.Paragraph>}
          <PhotoThumbs photos={o.reinspectionPhotos} />
        </Card>
      )}
      {error && <Alert type="error" showIcon title={errorText(error, t)} data-testid="order-error" />}
      {o.status === 'open' && can('inspections.rectify') && (
        <Card size="small" title={t('inspections.order.reportTitle')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('inspections.order.reportNote')} />
            <PhotoInput value={photoIds} onChange={setPhotoIds} max={5} />
            <Button
              type="primary"
              block
              disabled={!photoIds.length}
              loading={report.isPending}
              onClick={() => report.mutate({ params: { id }, body: { note: note || undefined, photoIds } })}
              data-testid="order-report"
            >
              {t('inspections.order.report')}
            </Button>
          </Space>
        </Card>
      )}
      {o.status !== 'closed' && can('inspections.inspect') && (
        <Card size="small" title={t('inspections.order.reinspectTitle')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={fixed}
              onChange={(e) => setFixed(e.target.value)}
              options={[
                { value: true, label: t('inspections.order.fixed') },
                { value: false, label: t('inspections.order.notFixed') },
              ]}
              data-testid="order-fixed"
            />
            <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('inspections.order.reinspectNote')} />
            {fixed === false && <PhotoInput value={photoIds} onChange={setPhotoIds} max={5} />}
            <Button
              type="primary"
              block
              disabled={fixed === undefined || (fixed === false && !photoIds.length)}
              loading={reinspect.isPending}
              onClick={() => reinspect.mutate({ params: { id }, body: { passed: fixed!, note: note || undefined, photoIds: fixed ? undefined : photoIds } })}
              data-testid="order-reinspect"
            >
              {t('inspections.order.reinspect')}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
