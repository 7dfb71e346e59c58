/**
 * Checklists (督导检查表) per kind of place, as data: the version in force with its items, weights and critical
 * items (一票否决). A root-scoped administrator edits one and saves it as a new version; inspections keep theirs.
 */
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { listChecklists, saveChecklist } from '../../../domain/inspections/api';
import { SEVERITIES } from '../../../domain/inspections/kinds';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { kindLabel, severityColour } from './labels';

type Checklist = ResponseOf<typeof listChecklists>['items'][number];

export default function ChecklistsPage() {
  const { t } = useTranslation();
  const { can, user } = useAuth();
  const q = useApiQuery(listChecklists, { query: {} });
  const [editing, setEditing] = useState<Checklist | null>(null);
  // Saved from the top of the tree only (the server refuses anyone else); the button is shown to them alone.
  const mayEdit = can('inspections.manage') && user?.scope.parentId === null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.inspectionsChecklists')}
      </Typography.Title>
      {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} />}
      {(q.data?.items ?? []).map((c) =>
        editing?.id === c.id ? (
          <ChecklistEditor key={c.id} checklist={c} onDone={() => setEditing(null)} />
        ) : (
          <Card
            key={c.id}
            size="small"
            title={`${kindLabel(t, c.targetKind)} · ${c.name}`}
            extra={
              <Space>
                <Typography.Text type="secondary">{t('inspections.checklist.version', { version: c.version, pass: c.passScore })}</Typography.Text>
                {mayEdit && (
                  <Button size="small" onClick={() => setEditing(c)} data-testid={`checklist-edit-${c.targetKind}`}>
                    {t('common.edit')}
                  </Button>
                )}
              </Space>
            }
          >
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={c.items}
              columns={[
                { title: t('inspections.checklist.text'), dataIndex: 'text' },
                { title: t('inspections.checklist.weight'), dataIndex: 'weight', width: 80 },
                {
                  title: t('inspections.field.severity'),
                  key: 'severity',
                  width: 120,
                  render: (_: unknown, i: Checklist['items'][number]) => (
                    <Tag color={severityColour[i.severity]}>{t(`inspections.severity.${i.severity}`)}</Tag>
                  ),
                },
              ]}
            />
          </Card>
        ),
      )}
    </Space>
  );
}

function ChecklistEditor({ checklist, onDone }: { checklist: Checklist; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useApiMutation(saveChecklist, { onSuccess: onDone });
  return (
    <Card size="small" title={`${kindLabel(t, checklist.targetKind)} · ${t('inspections.checklist.newVersion')}`}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: checklist.name, passScore: checklist.passScore, items: checklist.items }}
        onFinish={(v) => save.mutate({ body: { targetKind: checklist.targetKind, name: v.name, passScore: v.passScore, items: v.items ?? [] } })}
      >
        <Form.Item name="name" label={t('inspections.checklist.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="passScore" label={t('inspections.checklist.passScore')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item name={[f.name, 'code']} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_]{0,39}$/ }]}>
                    <Input placeholder={t('inspections.checklist.code')} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} rules={[{ required: true }]}>
                    <Input placeholder={t('inspections.checklist.text')} style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}>
                    <InputNumber placeholder={t('inspections.checklist.weight')} style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'severity']} rules={[{ required: true }]}>
                    <Select style={{ width: 130 }} options={SEVERITIES.map((s) => ({ value: s, label: t(`inspections.severity.${s}`) }))} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('inspections.checklist.remove')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ severity: 'minor', weight: 10 })}>
                {t('inspections.checklist.addItem')}
              </Button>
            </Space>
          )}
        </Form.List>
        {save.error && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ margin: '12px 0' }} />}
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('inspections.checklist.save')}
          </Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
