/**
 * A task made by hand: a title, the area it concerns, who does it (a person, a role there, or a command group — 专班 /
 * 工作组 — whose members each see it), when and how urgent.
 */
import { Alert, DatePicker, Form, Input, Modal, Segmented, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCurrentArea } from '../../app/current-area';
import { useTranslation } from 'react-i18next';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { CommandGroupSelect, useCanAddressGroups } from '../../app/components/CommandGroupSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { TASK_PRIORITIES } from '../../../domain/monitoring/schemas';
import { createTask, type Task } from '../../../domain/tasks/api';
import { useApiMutation } from '../../app/query';
import { type PickedUser, UserSelect } from './UserSelect';
import { fieldRule } from '../../app/form-rules';

const ROLES = ['grid_worker', 'doctor', 'cadre', 'command', 'volunteer'] as const;

interface Values {
  title: string;
  areaId: number;
  who: 'user' | 'role' | 'group';
  assigneeUserId?: number;
  assigneeRole?: string;
  assigneeGroupId?: number;
  dueAt?: Dayjs;
  priority: Task['priority'];
}

export function CreateTaskModal({ areaId, onClose, onDone }: { areaId?: number; onClose: () => void; onDone: (t: Task) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const who = Form.useWatch('who', form) ?? 'user';
  const { area } = useCurrentArea();
  // The area picked in the form, else the current area (which may still be loading when the form opens).
  const [pickedPath, setAreaPath] = useState<string | null | undefined>(undefined);
  const areaPath = pickedPath === undefined ? (area?.path ?? null) : pickedPath;
  const [user, setUser] = useState<PickedUser | null>(null);
  // A person only sees tasks of areas inside their own scope: say so before the task disappears from view.
  const outOfSight = who === 'user' && user?.scopePath && areaPath && !areaPath.startsWith(user.scopePath);
  const create = useApiMutation(createTask);
  const canAddressGroups = useCanAddressGroups();
  const error = create.error ? errorText(create.error, t) : null;

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const body = {
        title: v.title.trim(),
        areaId: v.areaId,
        priority: v.priority,
        dueAt: v.dueAt ? v.dueAt.toISOString() : undefined,
        ...(v.who === 'user'
          ? { assigneeUserId: v.assigneeUserId }
          : v.who === 'group'
            ? { assigneeGroupId: v.assigneeGroupId }
            : { assigneeRole: v.assigneeRole }),
      };
      onDone(await create.mutateAsync({ body }));
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };

  return (
    <Modal
      open
      title={t('tasks.create')}
      okText={t('tasks.createOk')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'task-create-ok' }}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ areaId, who: 'user', priority: 'normal' }}>
        <Form.Item
          name="title"
          label={t('tasks.field.title')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, fieldRule(createTask.body.shape.title, t)]}
        >
          <Input maxLength={200} data-testid="task-title-input" />
        </Form.Item>
        <Form.Item name="areaId" label={t('tasks.field.area')} rules={[{ required: true, message: t('validation.required') }]}>
          <AreaTreeSelect onChange={(_, a) => setAreaPath(a?.path ?? null)} data-testid="task-area" />
        </Form.Item>
        <Form.Item name="who" label={t('tasks.field.assignee')}>
          <Segmented
            options={[
              { value: 'user', label: t('tasks.assignPerson') },
              { value: 'role', label: t('tasks.assignRole') },
              ...(canAddressGroups ? [{ value: 'group', label: t('tasks.assignGroup') }] : []),
            ]}
            data-testid="task-who"
          />
        </Form.Item>
        {who === 'user' ? (
          <Form.Item name="assigneeUserId" rules={[{ required: true, message: t('validation.required') }]}>
            <UserSelect data-testid="task-assignee" onChange={(_, u) => setUser(u)} />
          </Form.Item>
        ) : who === 'group' ? (
          <Form.Item name="assigneeGroupId" rules={[{ required: true, message: t('validation.required') }]} extra={t('tasks.groupHint')}>
            <CommandGroupSelect data-testid="task-group" />
          </Form.Item>
        ) : (
          <Form.Item name="assigneeRole" rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={ROLES.map((r) => ({ value: r, label: t(`tasks.role.${r}`) }))} />
          </Form.Item>
        )}
        {outOfSight && <Alert type="warning" showIcon title={t('tasks.outOfSight')} style={{ marginBottom: 12 }} data-testid="task-out-of-sight" />}
        <Form.Item name="dueAt" label={t('tasks.field.dueAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="priority" label={t('tasks.field.priority')}>
          <Select options={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
