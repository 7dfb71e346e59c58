/**
 * Moves an organisation under another committee (or to the top), its sub-organisations with it; its area
 * may change too (a village branch going to another village after a boundary change). The server checks
 * the rest: the new area lies within the parent's, the sub-organisations' within the new one.
 */
import { Alert, Form, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { moveTargets } from './org-tree';
import { moveOrg, type Org, type OrgPage } from '../../../domain/volunteers/api';
import { useApiMutation } from '../../app/query';

const TOP = 0;

export function OrgMoveModal({ org, orgs, onClose, onMoved }: { org: OrgPage; orgs: Org[]; onClose: () => void; onMoved: (o: OrgPage) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ parentId: number; areaId: number }>();
  const move = useApiMutation(moveOrg);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const targets = useMemo(() => moveTargets(orgs, org.id), [orgs, org.id]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const moved = await move.mutateAsync({
        params: { id: org.id },
        body: { parentId: v.parentId === TOP ? null : v.parentId, ...(v.areaId && v.areaId !== org.areaId ? { areaId: v.areaId } : {}) },
      });
      onMoved(moved);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('volunteers.org.moveTitle', { name: org.name })}
      onOk={() => void submit().catch(() => {})}
      okButtonProps={{ loading: busy, 'data-testid': 'org-move-ok' }}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ parentId: org.parentId ?? TOP, areaId: org.areaId }}>
        <Form.Item name="parentId" label={t('volunteers.org.moveParent')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="org-move-parent"
            options={[{ value: TOP, label: t('volunteers.org.moveTop') }, ...targets.map((o) => ({ value: o.id, label: `${o.name} · ${o.areaName}` }))]}
          />
        </Form.Item>
        <Form.Item
          name="areaId"
          label={t('volunteers.org.moveArea')}
          extra={<Typography.Text type="secondary">{t('volunteers.org.moveAreaHelp')}</Typography.Text>}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <AreaTreeSelect style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
