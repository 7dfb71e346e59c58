import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AREA_KINDS, canContain } from '../../../domain/areas/kinds';
import { type Area as AreaAnswer, createArea, divisionCode, updateArea } from '../../../domain/areas/api';
import type { AreaKind } from '../../../domain/areas/kinds';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import type { Area } from '../../app/types';
import { fieldRule } from '../../app/form-rules';

interface Values {
  name: string;
  kind: AreaKind;
  divisionCode?: string;
}

export type AreaFormTarget = { mode: 'create'; parent: Area } | { mode: 'edit'; area: Area; parent?: Area };

/** Add a child area, or edit one. Kinds wider than the parent are not offered (the server refuses them too). */
export function AreaFormModal({ target, onClose, onSaved }: { target: AreaFormTarget; onClose: () => void; onSaved: (a: AreaAnswer) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation(createArea);
  const update = useApiMutation(updateArea);
  const [error, setError] = useState<string | null>(null);
  const parent = target.mode === 'create' ? target.parent : target.parent;
  const kinds = AREA_KINDS.filter((k) => !parent || canContain(parent.kind, k));
  const initial: Partial<Values> =
    target.mode === 'edit' ? { name: target.area.name, kind: target.area.kind, divisionCode: target.area.divisionCode ?? '' } : { kind: kinds[0] };

  const submit = async () => {
    const v = await form.validateFields();
    const code = v.divisionCode?.trim() || null;
    setError(null);
    try {
      const saved =
        target.mode === 'create'
          ? await create.mutateAsync({ body: { parentId: target.parent.id, name: v.name.trim(), kind: v.kind, divisionCode: code } })
          : await update.mutateAsync({ params: { id: target.area.id }, body: { name: v.name.trim(), kind: v.kind, divisionCode: code } });
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  return (
    <Modal
      open
      title={target.mode === 'create' ? t('areas.addChildTo', { name: target.parent.name }) : t('areas.editTitle', { name: target.area.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item
          name="name"
          label={t('area.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, fieldRule(createArea.body.shape.name, t)]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('area.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('area.divisionCode')}
          extra={t('areas.divisionCodeHint')}
          rules={[
            {
              // The same zod rule the server applies; empty means "no code".
              validator: (_, v?: string) =>
                !v?.trim() || divisionCode.safeParse(v.trim()).success ? Promise.resolve() : Promise.reject(new Error(t('validation.divisionCode'))),
            },
          ]}
        >
          <Input inputMode="numeric" maxLength={12} allowClear />
        </Form.Item>
      </Form>
    </Modal>
  );
}
