/**
 * Send a person or a team to a place for dates, with a role on site. Someone already somewhere else on
 * those days is flagged, not refused: the conflicts are shown after saving, for the sender to decide.
 */
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { ConflictList } from './ConflictList';
import { createDeployment, type Deployment } from '../../../domain/volunteers/api';
import { fieldRule } from '../../app/form-rules';

interface Values {
  areaId: number;
  place: string;
  dates: [Dayjs, Dayjs];
  role?: string;
  hoursPerDay?: number;
}

interface Props {
  volunteer?: { id: number; name: string; areaId: number };
  team?: { id: number; name: string; areaId: number };
  onClose: () => void;
  onDone: (d: Deployment) => void;
}

export function DeploymentModal({ volunteer, team, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation(createDeployment);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Deployment | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const d = await create.mutateAsync({
        body: {
          ...(volunteer ? { volunteerId: volunteer.id } : { teamId: team!.id }),
          areaId: v.areaId,
          place: v.place.trim(),
          startsOn: v.dates[0].format('YYYY-MM-DD'),
          endsOn: v.dates[1].format('YYYY-MM-DD'),
          role: v.role?.trim() || null,
          hoursPerDay: v.hoursPerDay ?? 8,
        },
      });
      message.success(t('volunteers.deploy.done'));
      if (d.conflicts.length) setSaved(d);
      else onDone(d);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
      setBusy(false);
    }
  };

  if (saved) {
    return (
      <Modal
        open
        title={t('volunteers.deploy.conflictTitle')}
        onOk={() => onDone(saved)}
        onCancel={() => onDone(saved)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('volunteers.deploy.conflictText')} style={{ marginBottom: 12 }} />
        <ConflictList conflicts={saved.conflicts} />
      </Modal>
    );
  }

  const today = dayjs();
  return (
    <Modal
      open
      title={t('volunteers.deploy.title', { name: volunteer?.name ?? team?.name })}
      onOk={() => void submit().catch(() => {})}
      okButtonProps={{ loading: busy, 'data-testid': 'deploy-save' }}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {team && <Typography.Paragraph type="secondary">{t('volunteers.deploy.teamHint')}</Typography.Paragraph>}
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={{ areaId: volunteer?.areaId ?? team?.areaId, dates: [today, today], hoursPerDay: 8 }}
      >
        <Form.Item name="areaId" label={t('volunteers.deploy.area')} rules={[{ required: true, message: t('validation.required') }]}>
          <AreaTreeSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="place"
          label={t('volunteers.deploy.place')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, fieldRule(createDeployment.body.shape.place, t)]}
        >
          <Input maxLength={200} placeholder={t('volunteers.deploy.placePlaceholder')} data-testid="deploy-place" />
        </Form.Item>
        <Form.Item name="dates" label={t('volunteers.deploy.dates')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="role" label={t('volunteers.deploy.role')} rules={[fieldRule(createDeployment.body.shape.role, t)]}>
          <Input maxLength={100} placeholder={t('volunteers.deploy.rolePlaceholder')} />
        </Form.Item>
        <Form.Item name="hoursPerDay" label={t('volunteers.deploy.hoursPerDay')}>
          <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
