/**
 * Propose a measure for a resident: pick them with the registry's search, describe their situation, see
 * what the policy in force decides (and which rule), then — with a place, doctor and grid worker — propose it.
 * Age and special groups come from the registry unless filled in here, as the server does.
 */
import { Alert, App, Button, Card, DatePicker, Form, Radio, Space, Typography } from 'antd';
import { EyeOutlined, SendOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { proposeMeasure } from '../../../domain/monitoring/api';
import { evaluate } from '../../../domain/policy/api';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { BackTo } from './BackTo';
import type { Resident } from '../../../domain/residents/api';
import { UserSelect } from '../tasks/UserSelect';
import { DecisionView } from './DecisionView';
import { ResidentSelect } from './ResidentSelect';
import { SitePicker } from './SitePicker';
import { SituationFields, type SituationValues, toSituation } from './situation';
import type { Decision } from './types';

interface Values extends SituationValues {
  residentId?: number;
  on?: Dayjs | null;
  place?: 'home' | 'site';
  doctorId?: number | null;
  gridWorkerId?: number | null;
}

export default function ProposeMeasurePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const place = Form.useWatch('place', form) ?? 'home';
  const [resident, setResident] = useState<Resident | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [site, setSite] = useState<{ siteId: number | null; roomId: number | null }>({ siteId: null, roomId: null });
  const [error, setError] = useState<string | null>(null);
  const decide = useApiMutation(evaluate, { invalidates: false });
  const create = useApiMutation(proposeMeasure);
  const busy = decide.isPending || create.isPending;

  const situationOf = (v: Values) => {
    const s = toSituation(v);
    if (resident) {
      if (s.age === undefined && resident.age !== null) s.age = resident.age;
      if (!s.specialGroups) s.specialGroups = resident.groups;
    }
    return s;
  };

  const preview = async () => {
    const v = await form.validateFields(['residentId']);
    const all = { ...form.getFieldsValue(), ...v } as Values;
    setError(null);
    try {
      const d = await decide.mutateAsync({ body: { situation: situationOf(all), on: all.on?.format('YYYY-MM-DD') } });
      setDecision(d);
      form.setFieldValue('place', d.measure === 'central_isolation' ? 'site' : 'home');
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  const propose = async () => {
    const v = form.getFieldsValue(true) as Values;
    setError(null);
    try {
      const body = {
        // Chosen before the preview that shows this button.
        residentId: v.residentId!,
        situation: toSituation(v),
        on: v.on?.format('YYYY-MM-DD'),
        doctorId: v.doctorId ?? undefined,
        gridWorkerId: v.gridWorkerId ?? undefined,
        place: v.place ?? 'home',
        ...(v.place === 'site' ? { siteId: site.siteId ?? undefined, roomId: site.roomId ?? undefined } : {}),
      };
      const r = await create.mutateAsync({ body });
      if (!r.measure) {
        setDecision(r.decision);
        message.info(t('monitoring.propose.noneNeeded'));
        return;
      }
      message.success(t('monitoring.propose.done'));
      navigate(`/monitoring/measures/${r.measure.id}`);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }}>
      <BackTo to="/monitoring/measures" />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('monitoring.propose.title')}
      </Typography.Title>
      <Card size="small">
        <Form
          form={form}
          layout="vertical"
          onValuesChange={(changed) => !('place' in changed) && !('doctorId' in changed) && !('gridWorkerId' in changed) && setDecision(null)}
        >
          <Form.Item name="residentId" label={t('monitoring.propose.resident')} rules={[{ required: true, message: t('validation.required') }]}>
            <ResidentSelect onChange={(_, r) => setResident(r)} data-testid="propose-resident" />
          </Form.Item>
          <SituationFields />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
            {t('monitoring.propose.fromRegistry')}
          </Typography.Paragraph>
          <Form.Item name="on" label={t('monitoring.policy.on')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Button icon={<EyeOutlined />} onClick={() => void preview().catch(() => {})} loading={busy && !decision} data-testid="propose-preview">
            {t('monitoring.propose.preview')}
          </Button>
          {decision && (
            <div style={{ marginTop: 16 }}>
              <DecisionView decision={decision} />
              {decision.measure !== 'none' && (
                <div style={{ marginTop: 16 }}>
                  <Form.Item name="place" label={t('monitoring.field.place')}>
                    <Radio.Group
                      options={[
                        { value: 'home', label: t('monitoring.place.home') },
                        { value: 'site', label: t('monitoring.place.site') },
                      ]}
                    />
                  </Form.Item>
                  {place === 'site' && (
                    <Form.Item label={t('monitoring.site.siteAndRoom')}>
                      <SitePicker siteId={site.siteId} roomId={site.roomId} onChange={(siteId, roomId) => setSite({ siteId, roomId })} />
                    </Form.Item>
                  )}
                  <Form.Item name="doctorId" label={t('monitoring.field.doctor')}>
                    <UserSelect role="doctor" data-testid="propose-doctor" />
                  </Form.Item>
                  <Form.Item name="gridWorkerId" label={t('monitoring.field.gridWorker')}>
                    <UserSelect role="grid_worker" data-testid="propose-grid-worker" />
                  </Form.Item>
                  <Button type="primary" icon={<SendOutlined />} onClick={() => void propose()} loading={busy} data-testid="propose-submit">
                    {t('monitoring.propose.submit')}
                  </Button>
                </div>
              )}
            </div>
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
        </Form>
      </Card>
    </Space>
  );
}
