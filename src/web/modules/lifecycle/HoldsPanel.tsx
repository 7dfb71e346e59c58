/** Legal holds (数据保全): an area's records (of some classes, or all) kept out of every purge until released. */
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createHold, listHolds, releaseHold } from '../../../domain/lifecycle/api';
import { DATA_CLASSES, type DataClass } from '../../../domain/lifecycle/classes';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import type { ResponseOf } from '../../../domain/contract';

type Hold = ResponseOf<typeof listHolds>['items'][number];

export function HoldsPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ areaId: number; dataClasses: DataClass[]; reason: string }>();
  const holds = useApiQuery(listHolds);
  const create = useApiMutation(createHold, { invalidates: [listHolds] });
  const release = useApiMutation(releaseHold, { invalidates: [listHolds] });
  if (holds.error) return <Alert type="error" showIcon title={errorText(holds.error, t)} />;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({ body: { areaId: v.areaId, dataClasses: v.dataClasses ?? [], reason: v.reason } });
      setOpen(false);
      form.resetFields();
      message.success(t('lifecycle.holdPlaced'));
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorText(e, t));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Alert type="info" showIcon title={t('lifecycle.holdHelp')} />
        <Button type="primary" onClick={() => setOpen(true)} data-testid="hold-new">
          {t('lifecycle.holdNew')}
        </Button>
      </Space>
      <Table<Hold>
        rowKey="id"
        size="small"
        loading={holds.isPending}
        dataSource={holds.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('lifecycle.noHolds') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('lifecycle.area'), dataIndex: 'areaName' },
          {
            title: t('lifecycle.dataClass'),
            dataIndex: 'dataClasses',
            render: (cs: DataClass[]) => (cs.length ? cs.map((c) => <Tag key={c}>{t(`lifecycle.class.${c}`)}</Tag>) : t('lifecycle.allClasses')),
          },
          { title: t('lifecycle.reason'), dataIndex: 'reason' },
          {
            title: t('lifecycle.placed'),
            dataIndex: 'createdAt',
            render: (at: string, h: Hold) => `${dayjs(at).format('YYYY-MM-DD HH:mm')} · ${h.createdByName ?? ''}`,
          },
          {
            title: t('lifecycle.state'),
            dataIndex: 'releasedAt',
            render: (at: string | null, h: Hold) =>
              at ? (
                <Tag>{t('lifecycle.releasedAt', { at: dayjs(at).format('YYYY-MM-DD HH:mm') })}</Tag>
              ) : (
                <Popconfirm
                  title={t('lifecycle.releaseConfirm')}
                  onConfirm={() => release.mutate({ params: { id: h.id } }, { onError: (e) => message.error(errorText(e, t)) })}
                >
                  <Button size="small">{t('lifecycle.release')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('lifecycle.holdNew')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        confirmLoading={create.isPending}
        okText={t('common.save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="areaId" label={t('lifecycle.area')} rules={[{ required: true, message: t('lifecycle.areaRequired') }]}>
            <AreaTreeSelect />
          </Form.Item>
          <Form.Item name="dataClasses" label={t('lifecycle.dataClass')} extra={t('lifecycle.allClassesHelp')}>
            <Select mode="multiple" allowClear options={DATA_CLASSES.map((c) => ({ value: c, label: t(`lifecycle.class.${c}`) }))} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('lifecycle.reason')}
            rules={[{ required: true, whitespace: true, message: t('lifecycle.reasonRequired') }, { max: 500 }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
