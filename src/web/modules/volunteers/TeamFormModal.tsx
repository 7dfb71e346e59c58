/** Create a team (a sub-squad under an assault squad when `parent` is given): kind, name, area, organisation, leader. */
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { TEAM_KINDS } from '../../../domain/volunteers/schemas';
import { createTeam, type Team, type TeamKind } from '../../../domain/volunteers/api';
import { useApiMutation } from '../../app/query';
import { useOrgs } from './use-orgs';
import { VolunteerSelect } from './VolunteerSelect';
import { fieldRule } from '../../app/form-rules';

interface Values {
  kind: TeamKind;
  name: string;
  areaId?: number;
  orgId?: number;
  leaderId?: number;
  notes?: string;
}

export function TeamFormModal({
  parent,
  defaultAreaId,
  onClose,
  onSaved,
}: {
  parent?: Team;
  defaultAreaId?: number;
  onClose: () => void;
  onSaved: (t: Team) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation(createTeam);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { orgs } = useOrgs(undefined);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const team = await create.mutateAsync({
        body: {
          kind: parent ? parent.kind : v.kind,
          name: v.name.trim(),
          // Required by the form's rule.
          areaId: v.areaId!,
          ...(parent ? { parentId: parent.id } : {}),
          ...(v.orgId ? { orgId: v.orgId } : {}),
          ...(v.leaderId ? { leaderId: v.leaderId } : {}),
          notes: v.notes?.trim() || null,
        },
      });
      message.success(t('common.saved'));
      onSaved(team);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={parent ? t('volunteers.team.addSub', { name: parent.name }) : t('volunteers.team.create')}
      onOk={() => void submit().catch(() => {})}
      okButtonProps={{ loading: busy, 'data-testid': 'team-save' }}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={{ kind: 'service_team', areaId: parent?.areaId ?? defaultAreaId, orgId: parent?.orgId ?? undefined }}
      >
        {!parent && (
          <Form.Item name="kind" label={t('volunteers.team.kind')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={TEAM_KINDS.map((k) => ({ value: k, label: t(`volunteers.teamKind.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('volunteers.team.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, fieldRule(createTeam.body.shape.name, t)]}
        >
          <Input maxLength={100} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="areaId" label={t('volunteers.org.area')} rules={[{ required: true, message: t('validation.required') }]}>
          <AreaTreeSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="orgId" label={t('volunteers.field.org')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="leaderId" label={t('volunteers.team.leader')}>
          <VolunteerSelect />
        </Form.Item>
        <Form.Item name="notes" label={t('volunteers.field.notes')} rules={[fieldRule(createTeam.body.shape.notes, t)]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
