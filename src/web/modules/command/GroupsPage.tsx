/**
 * The command center's standing bodies (指挥部的常设机构): the leading group, work groups, supervision and liaison
 * groups, task forces — in scope, with their lead and members; the command center sets one up here.
 */
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { GROUP_KINDS, createGroup, listGroups } from '../../../domain/command/api';
import type { ResponseOf } from '../../../domain/contract';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

type Item = ResponseOf<typeof listGroups>['items'][number];

function CreateModal(p: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ kind: Item['kind']; name: string; duties?: string; areaId: number; startsOn: Dayjs; endsOn?: Dayjs }>();
  const create = useApiMutation(createGroup, { onSuccess: (g) => navigate(`/command/groups/${g.id}`), onError: (e) => applyFieldErrors(form, e) });
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate({ body: { ...v, startsOn: v.startsOn.format('YYYY-MM-DD'), endsOn: v.endsOn?.format('YYYY-MM-DD') } });
  };
  return (
    <Modal
      open
      title={t('command.create')}
      onCancel={p.onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'group-save' }}
    >
      {create.error && <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'work' }}>
        <Form.Item name="kind" label={t('command.field.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={GROUP_KINDS.map((k) => ({ value: k, label: t(`command.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('command.field.name')} extra={t('command.nameHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={60} data-testid="group-name" />
        </Form.Item>
        <Form.Item name="duties" label={t('command.field.duties')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="areaId" label={t('command.field.area')} rules={[{ required: true, message: t('validation.required') }]}>
          <AreaTreeSelect />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsOn" label={t('command.field.startsOn')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker inputReadOnly />
          </Form.Item>
          <Form.Item name="endsOn" label={t('command.field.endsOn')}>
            <DatePicker inputReadOnly />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export default function GroupsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [creating, setCreating] = useState(false);
  const [kind, setKind] = useState<Item['kind'] | undefined>();
  const q = useApiQuery(listGroups, { query: { under: area?.id, kind, limit: 200, offset: 0 } });
  const link = (g: Item) => (
    <Link to={`/command/groups/${g.id}`} data-testid="group-row">
      {g.name}
    </Link>
  );
  const state = (g: Item) => <Tag color={g.active ? 'green' : 'default'}>{g.active ? t('command.active') : t('command.inactive')}</Tag>;
  const dates = (g: Item) => `${String(g.startsOn).slice(0, 10)} – ${g.endsOn ? String(g.endsOn).slice(0, 10) : ''}`;
  const columns = [
    { title: t('command.field.name'), key: 'name', render: (_: unknown, g: Item) => link(g) },
    { title: t('command.field.kind'), key: 'kind', render: (_: unknown, g: Item) => t(`command.kind.${g.kind}`) },
    { title: t('command.field.area'), dataIndex: 'areaName' },
    { title: t('command.field.lead'), dataIndex: 'leadName' },
    { title: t('command.field.members'), dataIndex: 'memberCount' },
    { title: t('command.field.dates'), key: 'dates', render: (_: unknown, g: Item) => dates(g) },
    { title: t('command.field.state'), key: 'state', render: (_: unknown, g: Item) => state(g) },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.commandGroups')}
        </Typography.Title>
        {can('command.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="group-new">
            {t('command.create')}
          </Button>
        )}
      </Space>
      <Card size="small">
        <Select
          allowClear
          style={{ width: 160, marginBottom: 12 }}
          placeholder={t('command.field.kind')}
          value={kind}
          onChange={setKind}
          options={GROUP_KINDS.map((k) => ({ value: k, label: t(`command.kind.${k}`) }))}
        />
        {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} style={{ marginBottom: 12 }} />}
        <ResponsiveList<Item>
          rowKey="id"
          size="small"
          testId="group-table"
          renderCard={(g) => (
            <Space orientation="vertical" size={4}>
              <Space wrap>
                {link(g)}
                {state(g)}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t(`command.kind.${g.kind}`)} · {g.areaName} · {g.leadName ?? '—'} · {dates(g)}
              </Typography.Text>
            </Space>
          )}
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('command.none')} /> }}
          pagination={false}
        />
      </Card>
      {creating && <CreateModal onClose={() => setCreating(false)} />}
    </Space>
  );
}
