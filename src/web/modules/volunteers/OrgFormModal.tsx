/**
 * Create a committee, branch or temporary branch (a temporary one needs a place and a start date), or
 * edit one (name, place, end date, secretary, notes).
 */
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { ORG_KINDS } from '../../../domain/volunteers/schemas';
import { fromDay, toDay } from '../residents/dates';
import { createOrg, type Org, type OrgKind, type OrgPage, updateOrg } from '../../../domain/volunteers/api';
import { useApiMutation } from '../../app/query';
import { fieldRule } from '../../app/form-rules';

interface Values {
  kind: OrgKind;
  name: string;
  areaId?: number;
  place?: string;
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  secretaryId?: number | null;
  notes?: string;
}

interface Props {
  /** Edit this organisation; without it a new one is created under `parent`. */
  org?: OrgPage;
  parent?: Org | null;
  defaultAreaId?: number;
  onClose: () => void;
  onSaved: (o: Org) => void;
}

export function OrgFormModal({ org, parent, defaultAreaId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation(createOrg);
  const update = useApiMutation(updateOrg);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? org?.kind;
  const temporary = kind === 'temporary_branch';

  const submit = async () => {
    const v = await form.validateFields();
    const common = { name: v.name.trim(), place: v.place?.trim() || null, notes: v.notes?.trim() || null };
    setBusy(true);
    setError(null);
    try {
      const saved = org
        ? await update.mutateAsync({ params: { id: org.id }, body: { ...common, endsOn: fromDay(v.endsOn), secretaryId: v.secretaryId ?? null } })
        : await create.mutateAsync({
            body: {
              ...common,
              kind: v.kind,
              // Required by the form's rule.
              areaId: v.areaId!,
              ...(parent ? { parentId: parent.id } : {}),
              ...(v.startsOn ? { startsOn: v.startsOn.format('YYYY-MM-DD') } : {}),
              ...(v.endsOn ? { endsOn: v.endsOn.format('YYYY-MM-DD') } : {}),
            },
          });
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  const required = { required: true, message: t('validation.required') };
  return (
    <Modal
      open
      title={
        org ? t('volunteers.org.editTitle', { name: org.name }) : parent ? t('volunteers.org.addUnder', { name: parent.name }) : t('volunteers.org.create')
      }
      onOk={() => void submit().catch(() => {})}
      okButtonProps={{ loading: busy, 'data-testid': 'org-save' }}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={
          org
            ? {
                kind: org.kind,
                name: org.name,
                place: org.place ?? undefined,
                endsOn: toDay(org.endsOn),
                secretaryId: org.secretaryId,
                notes: org.notes ?? undefined,
              }
            : { kind: parent ? 'branch' : 'committee', areaId: parent?.areaId ?? defaultAreaId }
        }
      >
        {!org && (
          <Form.Item name="kind" label={t('volunteers.org.kind')} rules={[required]}>
            <Select data-testid="org-kind" options={ORG_KINDS.map((k) => ({ value: k, label: t(`volunteers.orgKind.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('volunteers.org.name')} rules={[{ ...required, whitespace: true }, fieldRule(createOrg.body.shape.name, t)]}>
          <Input maxLength={100} data-testid="org-name" />
        </Form.Item>
        {!org && (
          <Form.Item name="areaId" label={t('volunteers.org.area')} rules={[required]}>
            <AreaTreeSelect style={{ width: '100%' }} />
          </Form.Item>
        )}
        {(temporary || org?.place) && (
          <Form.Item
            name="place"
            label={t('volunteers.org.place')}
            extra={t('volunteers.org.placeHint')}
            rules={[...(temporary ? [{ ...required, whitespace: true }] : []), fieldRule(createOrg.body.shape.place, t)]}
          >
            <Input maxLength={200} data-testid="org-place" />
          </Form.Item>
        )}
        {temporary && !org && (
          <Form.Item name="startsOn" label={t('volunteers.org.startsOn')} rules={[required]}>
            <DatePicker style={{ width: '100%' }} data-testid="org-starts" />
          </Form.Item>
        )}
        {temporary && (
          <Form.Item name="endsOn" label={t('volunteers.org.endsOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {org && (
          <Form.Item name="secretaryId" label={t('volunteers.org.secretary')} extra={t('volunteers.org.secretaryHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={org.members.filter((m) => !m.leftOn).map((m) => ({ value: m.volunteerId, label: m.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="notes" label={t('volunteers.field.notes')} rules={[fieldRule(createOrg.body.shape.notes, t)]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
