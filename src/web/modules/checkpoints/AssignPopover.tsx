/**
 * A hand edit on the board: put a person on a shift. The server saves it and answers the roster rules it breaks
 * (warned, not refused); they are shown in words, the role named as people say it.
 */
import { Alert, App, Button, Form, Popover, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterWarning } from '../../../domain/checkpoints/api';
import { assign, rosterPeople } from '../../../domain/checkpoints/api';
import { STAFF_ROLES } from '../../../domain/checkpoints/kinds';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

export function useWarningText() {
  const { t } = useTranslation();
  return (w: RosterWarning) =>
    t(`checkpoints.rosterRules.${w.kind}`, { ...w.params, ...(typeof w.params.role === 'string' ? { role: t(`checkpoints.role.${w.params.role}`) } : {}) });
}

export function AssignPopover({ postId, day, shiftCode, under }: { postId: number; day: string; shiftCode: string; under: number | null }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const warningText = useWarningText();
  const [open, setOpen] = useState(false);
  const people = useApiQuery(rosterPeople, { query: under ? { under } : {} }, { enabled: open });
  const save = useApiMutation(assign);
  const [form] = Form.useForm<{ userId: number; role: (typeof STAFF_ROLES)[number] }>();
  const submit = async () => {
    const v = await form.validateFields();
    save.mutate(
      { body: { postId, day, shiftCode, userId: v.userId, role: v.role } },
      {
        onSuccess: (a) => {
          setOpen(false);
          form.resetFields();
          if (a.warnings.length)
            modal.warning({
              title: t('checkpoints.assign.warned', { name: a.userName }),
              content: (
                <ul data-testid="roster-warnings">
                  {a.warnings.map((w) => (
                    <li key={w.kind}>{warningText(w)}</li>
                  ))}
                </ul>
              ),
            });
          else message.success(t('checkpoints.assign.saved', { name: a.userName }));
        },
        onError: (e) => message.error(errorText(e, t)),
      },
    );
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t('checkpoints.assign.title')}
      content={
        <Form form={form} layout="vertical" style={{ width: 240 }} initialValues={{ role: 'volunteer' }}>
          <Form.Item name="userId" label={t('checkpoints.assign.person')} rules={[{ required: true, message: t('checkpoints.assign.person') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={people.isLoading}
              options={(people.data?.items ?? []).map((p) => ({ value: p.userId, label: p.name }))}
              data-testid="assign-person"
            />
          </Form.Item>
          <Form.Item name="role" label={t('checkpoints.assign.role')}>
            <Select options={STAFF_ROLES.map((r) => ({ value: r, label: t(`checkpoints.role.${r}`) }))} />
          </Form.Item>
          <Space>
            <Button type="primary" onClick={submit} loading={save.isPending} data-testid="assign-save">
              {t('checkpoints.assign.save')}
            </Button>
          </Space>
          {people.data && people.data.items.length === 0 && <Alert type="info" title={t('checkpoints.assign.nobody')} style={{ marginTop: 8 }} />}
        </Form>
      }
    >
      <Button size="small" type="dashed" data-testid="assign-open">
        +
      </Button>
    </Popover>
  );
}
