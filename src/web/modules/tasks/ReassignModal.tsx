/** Hands one or many tasks to another person (in scope) or to a role at each task's area. */
import { Alert, Form, Modal, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reassignTasks } from '../../../domain/tasks/api';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { type PickedUser, UserSelect } from './UserSelect';

const ROLES = ['grid_worker', 'doctor', 'cadre', 'command', 'volunteer'] as const;

export function ReassignModal({
  taskIds,
  areaPaths = [],
  onClose,
  onDone,
}: {
  taskIds: number[];
  areaPaths?: string[];
  onClose: () => void;
  onDone: (updated: number) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ who: 'user' | 'role'; assigneeUserId?: number; assigneeRole?: string }>();
  const who = Form.useWatch('who', form) ?? 'user';
  const [user, setUser] = useState<PickedUser | null>(null);
  // Tasks outside the new assignee's scope would not reach their inbox.
  const unseen = who === 'user' && user?.scopePath ? areaPaths.filter((p) => !p.startsWith(user.scopePath!)).length : 0;
  const reassign = useApiMutation(reassignTasks);
  const error = reassign.error ? errorText(reassign.error, t) : null;

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const body = { taskIds, ...(v.who === 'user' ? { assigneeUserId: v.assigneeUserId } : { assigneeRole: v.assigneeRole }) };
      onDone((await reassign.mutateAsync({ body })).updated);
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };

  return (
    <Modal
      open
      title={t('tasks.reassignTitle', { count: taskIds.length })}
      okText={t('tasks.reassign')}
      okButtonProps={{ loading: reassign.isPending, 'data-testid': 'reassign-ok' }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ who: 'user' }}>
        <Form.Item name="who" label={t('tasks.field.assignee')}>
          <Segmented
            options={[
              { value: 'user', label: t('tasks.assignPerson') },
              { value: 'role', label: t('tasks.assignRole') },
            ]}
          />
        </Form.Item>
        {who === 'user' ? (
          <Form.Item name="assigneeUserId" rules={[{ required: true, message: t('validation.required') }]}>
            <UserSelect data-testid="reassign-user" onChange={(_, u) => setUser(u)} />
          </Form.Item>
        ) : (
          <Form.Item name="assigneeRole" rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={ROLES.map((r) => ({ value: r, label: t(`tasks.role.${r}`) }))} />
          </Form.Item>
        )}
      </Form>
      {unseen > 0 && <Alert type="warning" showIcon title={t('tasks.reassignOutOfSight', { count: unseen })} data-testid="reassign-out-of-sight" />}
    </Modal>
  );
}
