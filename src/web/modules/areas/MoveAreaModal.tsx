import { Alert, App, Form, Modal } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Area as AreaAnswer, moveArea } from '../../../domain/areas/api';
import { canContain } from '../../../domain/areas/kinds';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import type { Area } from '../../app/types';

/** Move an area (and its subtree) under a new parent picked from the same tree. */
export function MoveAreaModal({ area, onClose, onMoved }: { area: Area; onClose: () => void; onMoved: (a: AreaAnswer, oldParentId: number | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: number }>();
  const move = useApiMutation(moveArea);
  const [error, setError] = useState<string | null>(null);

  // Not under itself or its own subtree, not where it already is, not under a narrower kind.
  const isDisabled = useCallback((a: Area) => a.path.startsWith(area.path) || a.id === area.parentId || !canContain(a.kind, area.kind), [area]);

  const submit = async () => {
    const { parentId } = await form.validateFields();
    setError(null);
    try {
      const moved = await move.mutateAsync({ params: { id: area.id }, body: { parentId } });
      message.success(t('areas.moved'));
      onMoved(moved, area.parentId);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  return (
    <Modal
      open
      title={t('areas.moveTitle', { name: area.name })}
      okText={t('areas.move')}
      cancelText={t('common.cancel')}
      confirmLoading={move.isPending}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="parentId" label={t('areas.newParent')} extra={t('areas.moveHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <AreaTreeSelect isDisabled={isDisabled} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
