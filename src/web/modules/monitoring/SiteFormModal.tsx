/** A new isolation site (name, address, area) with rooms, or more rooms for an existing one: "101-120" adds twenty. */
import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addRooms, createSite } from '../../../domain/monitoring/api';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { roomCodes } from './forms';
import type { Site } from './types';
import { fieldRule } from '../../app/form-rules';

interface Values {
  name: string;
  address?: string;
  areaId: number;
  rooms: string;
  capacity: number;
}

export function SiteFormModal({ site, areaId, onClose, onDone }: { site?: Site; areaId?: number; onClose: () => void; onDone: (s: Site) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const create = useApiMutation(createSite);
  const add = useApiMutation(addRooms);
  const busy = create.isPending || add.isPending;

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const rooms = roomCodes(v.rooms ?? '').map((code) => ({ code, capacity: v.capacity }));
      const r = site
        ? await add.mutateAsync({ params: { id: site.id }, body: { rooms } })
        : await create.mutateAsync({
            body: { name: v.name.trim(), address: v.address?.trim() || undefined, areaId: v.areaId, rooms: rooms.length ? rooms : undefined },
          });
      onDone(r);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  return (
    <Modal
      open
      title={site ? t('monitoring.site.addRoomsTitle', { name: site.name }) : t('monitoring.site.create')}
      okButtonProps={{ loading: busy, 'data-testid': 'site-ok' }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ areaId, capacity: 1, rooms: '' }}>
        {!site && (
          <>
            <Form.Item
              name="name"
              label={t('monitoring.site.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, fieldRule(createSite.body.shape.name, t)]}
            >
              <Input maxLength={100} data-testid="site-name" />
            </Form.Item>
            <Form.Item name="address" label={t('monitoring.site.address')} rules={[fieldRule(createSite.body.shape.address, t)]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="areaId" label={t('monitoring.field.area')} rules={[{ required: true, message: t('validation.required') }]}>
              <AreaTreeSelect />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="rooms"
          label={t('monitoring.site.rooms')}
          extra={t('monitoring.site.roomsHint')}
          rules={site ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
        >
          <Input placeholder="101-110, 201" data-testid="site-rooms" />
        </Form.Item>
        <Form.Item name="capacity" label={t('monitoring.site.beds')}>
          <InputNumber min={1} max={20} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
