/** 卡点: the posts in scope with today's figures per post and by hour, and a form to set one up. */
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { createPost, crossingFigures, listPosts } from '../../../domain/checkpoints/api';
import { POST_KINDS, STAFF_ROLES } from '../../../domain/checkpoints/kinds';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { EChart } from '../../app/components/EChart';
import { useApiMutation, useApiQuery } from '../../app/query';
import { useAuth } from '../../app/auth';

export default function PostsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const posts = useApiQuery(listPosts, { query: { limit: 200 } });
  const figures = useApiQuery(crossingFigures, { query: {} });
  const [creating, setCreating] = useState(false);
  const f = figures.data;
  const byPost = new Map((f?.posts ?? []).map((p) => [p.postId, p.figures]));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="checkpoint-posts">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('checkpoints.posts.title')}
        </Typography.Title>
        <Space>
          <Link to="/checkpoints/crossing">
            <Button type="primary">{t('checkpoints.crossing.title')}</Button>
          </Link>
          {can('checkpoints.manage') && (
            <Button onClick={() => setCreating(true)} data-testid="post-new">
              {t('checkpoints.posts.new')}
            </Button>
          )}
        </Space>
      </Space>
      {f && (
        <Card size="small" title={t('checkpoints.figures.today')}>
          <Space size="large" wrap>
            <Statistic title={t('checkpoints.figures.checked')} value={f.total.checked} />
            <Statistic title={t('checkpoints.figures.letThrough')} value={f.total.letThrough} />
            <Statistic title={t('checkpoints.figures.turnedBack')} value={f.total.turnedBack} valueStyle={{ color: '#cf1322' }} />
            <Statistic title={t('checkpoints.figures.vehiclesTurnedBack')} value={f.total.vehiclesTurnedBack} />
            <Statistic title={t('checkpoints.figures.flagged')} value={f.total.flagged} />
          </Space>
          <EChart
            height={220}
            testId="crossings-hourly"
            option={{
              tooltip: { trigger: 'axis' },
              legend: {},
              xAxis: { type: 'category', data: f.hours.map((h) => `${h.hour}`) },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                { type: 'bar', name: t('checkpoints.figures.checked'), data: f.hours.map((h) => h.checked) },
                { type: 'bar', name: t('checkpoints.figures.turnedBack'), data: f.hours.map((h) => h.turnedBack) },
              ],
            }}
          />
        </Card>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={posts.isLoading}
        dataSource={posts.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            title: t('checkpoints.posts.name'),
            dataIndex: 'name',
            render: (name: string, p) => (
              <Link to={`/checkpoints/posts/${p.id}`} data-testid="post-link">
                {name}
              </Link>
            ),
          },
          { title: t('checkpoints.posts.kind'), dataIndex: 'kind', render: (k: string) => t(`checkpoints.kind.${k}`) },
          { title: t('checkpoints.posts.area'), dataIndex: 'areaName' },
          { title: t('checkpoints.posts.hours'), render: (_, p) => (p.opensAt ? `${p.opensAt}–${p.closesAt}` : t('checkpoints.posts.allDay')) },
          { title: t('checkpoints.posts.minimum'), dataIndex: 'minimum' },
          {
            title: t('checkpoints.posts.status'),
            render: (_, p) => <Tag color={p.open ? 'green' : 'default'}>{t(p.open ? 'checkpoints.posts.open' : 'checkpoints.posts.closed')}</Tag>,
          },
          { title: t('checkpoints.figures.checked'), render: (_, p) => byPost.get(p.id)?.checked ?? 0 },
          { title: t('checkpoints.figures.turnedBack'), render: (_, p) => byPost.get(p.id)?.turnedBack ?? 0 },
        ]}
      />
      {creating && <PostFormModal onClose={() => setCreating(false)} />}
    </Space>
  );
}

function PostFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useApiMutation(createPost, { onSuccess: onClose });
  const submit = async () => {
    const v = await form.validateFields();
    const staffing = Object.fromEntries(STAFF_ROLES.map((r) => [r, v[r] ?? 0]));
    save.mutate({
      body: {
        areaId: v.areaId,
        name: v.name,
        kind: v.kind,
        place: v.place || undefined,
        opensOn: v.opensOn.format('YYYY-MM-DD'),
        shiftKind: v.shiftKind,
        staffing,
      },
    });
  };
  return (
    <Modal open title={t('checkpoints.posts.new')} onCancel={onClose} onOk={submit} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'village_entrance', shiftKind: 'three_8', opensOn: dayjs(), volunteer: 1 }}>
        <Form.Item name="name" label={t('checkpoints.posts.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="post-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('checkpoints.posts.kind')}>
          <Select options={POST_KINDS.map((k) => ({ value: k, label: t(`checkpoints.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="areaId" label={t('checkpoints.posts.area')} rules={[{ required: true }]}>
          <AreaTreeSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('checkpoints.posts.place')}>
          <Input />
        </Form.Item>
        <Form.Item name="opensOn" label={t('checkpoints.posts.opensOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="shiftKind" label={t('checkpoints.posts.shifts')}>
          <Select options={['three_8', 'two_12'].map((k) => ({ value: k, label: t(`checkpoints.shiftKind.${k}`) }))} />
        </Form.Item>
        <Space wrap>
          {STAFF_ROLES.map((r) => (
            <Form.Item key={r} name={r} label={t(`checkpoints.role.${r}`)}>
              <InputNumber min={0} max={50} />
            </Form.Item>
          ))}
        </Space>
        {save.error && <Typography.Text type="danger">{save.error.message}</Typography.Text>}
      </Form>
    </Modal>
  );
}
