/** Draw volunteers into an organisation; a temporary branch gives temporary memberships and keeps their home ones. */
import { Alert, App, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { MEMBER_ROLES } from '../../../domain/volunteers/schemas';
import { drawMembers, type MemberRole, type OrgPage } from '../../../domain/volunteers/api';
import { useApiMutation } from '../../app/query';
import { VolunteerSelect } from './VolunteerSelect';

export function DrawMembersModal({ org, onClose, onDone }: { org: OrgPage; onClose: () => void; onDone: (o: OrgPage) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ volunteerIds: number[]; role: MemberRole }>();
  const draw = useApiMutation(drawMembers);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await draw.mutateAsync({ params: { id: org.id }, body: { volunteerIds: v.volunteerIds, role: v.role } });
      message.success(t('volunteers.org.drawn', { count: r.added }));
      onDone(r.org);
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('volunteers.org.drawTitle', { name: org.name })}
      onOk={() => void submit().catch(() => {})}
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {org.kind === 'temporary_branch' && <Typography.Paragraph type="secondary">{t('volunteers.org.drawTemporaryHint')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" initialValues={{ volunteerIds: [], role: 'member' }}>
        <Form.Item
          name="volunteerIds"
          label={t('volunteers.org.drawWho')}
          rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}
        >
          <VolunteerSelect multiple />
        </Form.Item>
        <Form.Item name="role" label={t('volunteers.org.role')}>
          <Select options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`volunteers.memberRole.${r}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
