/**
 * The post's handover log (交接班记录): the latest handovers, newest first, and — for those on duty — a short form
 * to record one for the shift running now (what happened, which supplies are short, a note).
 */
import { Button, Card, Empty, Form, Input, List, Select, Space, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Post, addHandover, listHandovers } from '../../../domain/checkpoints/api';
import { SUPPLIES } from '../../../domain/checkpoints/kinds';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

export function PostHandovers({ post, canRecord }: { post: Post; canRecord: boolean }) {
  const { t } = useTranslation();
  const list = useApiQuery(listHandovers, { params: { id: post.id }, query: { limit: 20 } });
  const [adding, setAdding] = useState(false);
  const shiftName = (code: string) => post.shifts.find((s) => s.code === code)?.name ?? code;
  return (
    <Card
      size="small"
      title={t('checkpoints.post.handovers')}
      data-testid="post-handovers"
      extra={
        canRecord &&
        !adding && (
          <Button size="small" onClick={() => setAdding(true)} data-testid="handover-add">
            {t('checkpoints.post.addHandover')}
          </Button>
        )
      }
    >
      {adding && <HandoverForm postId={post.id} onDone={() => setAdding(false)} />}
      <List
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkpoints.post.noHandovers')} /> }}
        renderItem={(h) => (
          <List.Item data-testid="handover-item" style={{ display: 'block' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('checkpoints.post.handoverBy', {
                name: h.recordedByName ?? '—',
                time: dayjs(h.recordedAt).format('MM-DD HH:mm'),
                shift: shiftName(h.shiftCode),
              })}
            </Typography.Text>
            <div style={{ overflowWrap: 'anywhere' }}>{h.incidents || t('checkpoints.post.nothingToHand')}</div>
            {h.suppliesShort.length > 0 && (
              <Space size={4} wrap style={{ marginTop: 4 }}>
                <Typography.Text type="secondary">{t('checkpoints.post.suppliesShort')}:</Typography.Text>
                {h.suppliesShort.map((s) => (
                  <Tag key={s} color="orange">
                    {t(`checkpoints.supplies.${s}`)}
                  </Tag>
                ))}
              </Space>
            )}
            {h.note && (
              <div style={{ overflowWrap: 'anywhere' }}>
                <Typography.Text type="secondary">{t('checkpoints.post.note')}: </Typography.Text>
                {h.note}
              </div>
            )}
          </List.Item>
        )}
      />
    </Card>
  );
}

function HandoverForm({ postId, onDone }: { postId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ incidents?: string; suppliesShort?: (typeof SUPPLIES)[number][]; note?: string }>();
  const save = useApiMutation(addHandover, {
    onSuccess: () => {
      message.success(t('checkpoints.post.handoverSaved'));
      onDone();
    },
  });
  const submit = (v: { incidents?: string; suppliesShort?: (typeof SUPPLIES)[number][]; note?: string }) =>
    save.mutate({
      params: { id: postId },
      body: {
        ...(v.incidents ? { incidents: v.incidents } : {}),
        ...(v.suppliesShort?.length ? { suppliesShort: v.suppliesShort } : {}),
        ...(v.note ? { note: v.note } : {}),
      },
    });
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ marginBottom: 12 }} data-testid="handover-form">
      <Form.Item name="incidents" label={t('checkpoints.post.incidents')} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={3} data-testid="handover-incidents" />
      </Form.Item>
      <Form.Item name="suppliesShort" label={t('checkpoints.post.suppliesShort')}>
        <Select mode="multiple" options={SUPPLIES.map((s) => ({ value: s, label: t(`checkpoints.supplies.${s}`) }))} data-testid="handover-supplies" />
      </Form.Item>
      <Form.Item name="note" label={t('checkpoints.post.note')} rules={[{ max: 500 }]}>
        <Input />
      </Form.Item>
      {save.error && <Typography.Text type="danger">{errorText(save.error, t)}</Typography.Text>}
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="handover-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
