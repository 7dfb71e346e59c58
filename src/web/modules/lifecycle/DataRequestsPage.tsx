/**
 * People's requests to see or correct their data (查阅更正申请, PIPL Art. 45–46): a cadre records one when a person
 * asks, and the cadres of that area answer it here — what was shown, or what was corrected.
 */
import { Alert, App, Button, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerRequest, createRequest, listRequests } from '../../../domain/lifecycle/api';
import type { ResponseOf } from '../../../domain/contract';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

type Request = ResponseOf<typeof listRequests>['items'][number];
type Filter = 'open' | 'answered' | 'all';

export default function DataRequestsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('open');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [answering, setAnswering] = useState<Request | null>(null);
  const [form] = Form.useForm();
  const [answerForm] = Form.useForm<{ answer: string }>();
  const list = useApiQuery(listRequests, { query: { status: filter === 'all' ? undefined : filter, limit: 20, offset: (page - 1) * 20 } });
  const create = useApiMutation(createRequest, { invalidates: [listRequests] });
  const answer = useApiMutation(answerRequest, { invalidates: [listRequests] });

  const add = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({ body: v });
      setAdding(false);
      form.resetFields();
      message.success(t('dataRequests.recorded'));
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorText(e, t));
    }
  };
  const reply = async () => {
    if (!answering) return;
    const v = await answerForm.validateFields();
    try {
      await answer.mutateAsync({ params: { id: answering.id }, body: v });
      setAnswering(null);
      answerForm.resetFields();
      message.success(t('dataRequests.answeredMessage'));
    } catch (e) {
      if (!applyFieldErrors(answerForm, e)) message.error(errorText(e, t));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.dataRequests')}
        </Typography.Title>
        <Space wrap>
          <Segmented<Filter>
            value={filter}
            onChange={(f) => {
              setFilter(f);
              setPage(1);
            }}
            options={(['open', 'answered', 'all'] as const).map((f) => ({ value: f, label: t(`dataRequests.filter.${f}`) }))}
          />
          <Button type="primary" onClick={() => setAdding(true)} data-testid="request-new">
            {t('dataRequests.new')}
          </Button>
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('dataRequests.intro')}</Typography.Text>
      {list.error && <Alert type="error" showIcon title={errorText(list.error, t)} />}
      <Table
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        locale={{ emptyText: t('dataRequests.none') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('dataRequests.receivedAt'), dataIndex: 'receivedAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
          { title: t('dataRequests.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`dataRequests.kinds.${k}`)}</Tag> },
          { title: t('dataRequests.requester'), dataIndex: 'requesterName' },
          { title: t('dataRequests.area'), dataIndex: 'areaName' },
          {
            title: t('dataRequests.details'),
            dataIndex: 'details',
            render: (d: string) => <Typography.Paragraph style={{ margin: 0, maxWidth: 320 }}>{d}</Typography.Paragraph>,
          },
          {
            title: t('dataRequests.status'),
            dataIndex: 'status',
            render: (s: string, r: Request) =>
              s === 'answered' ? (
                <Space orientation="vertical" size={0}>
                  <Tag color="green">{t('dataRequests.filter.answered')}</Tag>
                  <Typography.Text type="secondary">
                    {r.answer} · {r.answeredByName} · {r.answeredAt ? dayjs(r.answeredAt).format('MM-DD HH:mm') : ''}
                  </Typography.Text>
                </Space>
              ) : (
                <Button size="small" type="primary" onClick={() => setAnswering(r)} data-testid="request-answer">
                  {t('dataRequests.answer')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('dataRequests.new')}
        onCancel={() => setAdding(false)}
        onOk={add}
        confirmLoading={create.isPending}
        okText={t('common.save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'access' }}>
          <Form.Item name="areaId" label={t('dataRequests.area')} rules={[{ required: true, message: t('lifecycle.areaRequired') }]}>
            <AreaTreeSelect />
          </Form.Item>
          <Form.Item name="kind" label={t('dataRequests.kind')} rules={[{ required: true }]}>
            <Select options={(['access', 'correction'] as const).map((k) => ({ value: k, label: t(`dataRequests.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="requesterName"
            label={t('dataRequests.requester')}
            rules={[{ required: true, whitespace: true, message: t('dataRequests.requesterRequired') }, { max: 50 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="requesterContact" label={t('dataRequests.contact')} rules={[{ max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="details"
            label={t('dataRequests.details')}
            rules={[{ required: true, whitespace: true, message: t('dataRequests.detailsRequired') }, { max: 2000 }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!answering}
        title={t('dataRequests.answerTitle', { name: answering?.requesterName ?? '' })}
        onCancel={() => setAnswering(null)}
        onOk={reply}
        confirmLoading={answer.isPending}
        okText={t('dataRequests.answer')}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{answering?.details}</Typography.Paragraph>
        <Form form={answerForm} layout="vertical">
          <Form.Item
            name="answer"
            label={t('dataRequests.answerLabel')}
            rules={[{ required: true, whitespace: true, message: t('dataRequests.answerRequired') }, { max: 2000 }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
