/**
 * The public enlistment and pledge form, reached by a branch's QR code or link, no account needed.
 * Phone first: one column, nothing wider than a 360-px screen, Chinese by default with the language
 * switch. Identity is checked with the registry's rules before sending; the server checks again and
 * its per-field messages (in the chosen language) land on the fields. Sending again makes a new
 * application beside the first (the secretary sees both); nothing already sent is overwritten.
 */
import { Alert, Button, Card, Checkbox, Col, Form, Input, Radio, Result, Row, Select, Space, Spin, Switch, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { LangSwitch } from '../../app/components/LangSwitch';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { ID_TYPES, checkIdentity, checkPhone, type IdType } from '../../../domain/residents/identity';
import { CATEGORIES, HEALTH_STATUSES, SKILLS, WEEKDAYS } from '../../../domain/volunteers/schemas';
import { type Category, enlistForm, enlistSubmit, type HealthStatus, type Skill, type Weekday } from '../../../domain/volunteers/api';

interface Values {
  name: string;
  idType: IdType;
  idNumber: string;
  sex?: 'M' | 'F';
  birthDate?: string;
  phone: string;
  category: Category;
  skills?: Skill[];
  days?: Weekday[];
  from?: string;
  to?: string;
  remote?: boolean;
  healthStatus?: HealthStatus;
  emergencyName?: string;
  emergencyPhone?: string;
  address?: string;
  pledge?: string;
}

/** Server field names → the form's (nested ones are flat here). */
const FIELD_MAP: Record<string, keyof Values> = {
  emergencyContact: 'emergencyPhone',
  'emergencyContact.phone': 'emergencyPhone',
  'emergencyContact.name': 'emergencyName',
};

const blank = (s: string | undefined) => s?.trim() || undefined;

export default function EnlistPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [form] = Form.useForm<Values>();
  const formQuery = useApiQuery(enlistForm, { params: { branchToken: token } });
  const info = formQuery.data ?? null;
  const loadError = formQuery.error ? { notFound: formQuery.error.status === 404, text: errorText(formQuery.error, t) } : null;
  // The public form writes nothing the page shows again.
  const send = useApiMutation(enlistSubmit, { invalidates: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ name: string } | null>(null);
  const idType = Form.useWatch('idType', form);

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const idRule = {
    validator: (_: unknown, v?: string) => {
      if (!v?.trim()) return Promise.reject(new Error(t('validation.required')));
      const c = checkIdentity(v, form.getFieldValue('idType') as IdType);
      return c.ok ? Promise.resolve() : Promise.reject(new Error(t(`residents.idProblem.${c.problem}`)));
    },
  };
  const phoneRule = (need: boolean) => ({
    validator: (_: unknown, v?: string) => {
      if (!v?.trim()) return need ? Promise.reject(new Error(t('validation.required'))) : Promise.resolve();
      return checkPhone(v).ok ? Promise.resolve() : Promise.reject(new Error(t('validation.phone')));
    },
  });

  const submit = async () => {
    const v = await form.validateFields();
    const emergencyName = blank(v.emergencyName);
    const emergencyPhone = blank(v.emergencyPhone);
    const body = {
      name: v.name.trim(),
      idType: v.idType,
      idNumber: v.idNumber.trim(),
      phone: v.phone.trim(),
      category: v.category,
      skills: v.skills ?? [],
      healthStatus: v.healthStatus,
      pledge: blank(v.pledge) ?? null,
      address: blank(v.address) ?? null,
      remote: Boolean(v.remote),
      ...(v.idType !== 'resident_id' && v.sex ? { sex: v.sex } : {}),
      ...(v.idType !== 'resident_id' && v.birthDate ? { birthDate: v.birthDate } : {}),
      ...(v.days?.length || v.from || v.to ? { availability: { days: v.days ?? [], ...(v.from ? { from: v.from } : {}), ...(v.to ? { to: v.to } : {}) } } : {}),
      ...(emergencyName && emergencyPhone ? { emergencyContact: { name: emergencyName, phone: emergencyPhone } } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      await send.mutateAsync({ params: { branchToken: token }, body });
      setDone({ name: v.name.trim() });
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = Object.entries(e.fields).map(([k, message]) => ({ name: FIELD_MAP[k] ?? (k.split('.')[0] as keyof Values), errors: [message] }));
        const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
        const shown = fields.filter((f) => known.has(f.name));
        if (shown.length) form.setFields(shown);
      }
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const shell = (content: ReactNode) => (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <div style={{ maxWidth: 560, margin: '0 auto', padding: 12, boxSizing: 'border-box' }}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginBottom: 8 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('volunteers.enlist.brand')}
          </Typography.Text>
          <LangSwitch compact />
        </div>
        {content}
      </div>
    </div>
  );

  if (loadError) {
    return shell(
      <Result
        status={loadError.notFound ? 'warning' : 'error'}
        title={loadError.notFound ? t('volunteers.enlist.notFoundTitle') : t('volunteers.enlist.loadFailed')}
        subTitle={loadError.notFound ? t('volunteers.enlist.notFoundText') : loadError.text}
        extra={!loadError.notFound && <Button onClick={() => void formQuery.refetch()}>{t('common.retry')}</Button>}
        data-testid="enlist-unavailable"
      />,
    );
  }
  if (!info) return shell(<Spin style={{ display: 'block', margin: '30vh auto' }} />);

  if (done) {
    return shell(
      <Result
        status="success"
        title={t('volunteers.enlist.doneTitle')}
        subTitle={t('volunteers.enlist.doneText', { name: done.name, org: info.org.name })}
        data-testid="enlist-done"
        extra={
          <Button onClick={() => setDone(null)} data-testid="enlist-again">
            {t('volunteers.enlist.edit')}
          </Button>
        }
      />,
    );
  }

  return shell(
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }} data-testid="enlist-org">
          {info.org.name}
        </Typography.Title>
        <Typography.Text type="secondary">{[info.org.areaName, info.org.place].filter(Boolean).join(' · ')}</Typography.Text>
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{t('volunteers.enlist.intro')}</Typography.Paragraph>
      </Card>
      {error && <Alert type="error" showIcon title={error} data-testid="enlist-error" />}
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={{ idType: 'resident_id', category: 'volunteer', healthStatus: 'healthy', days: [], skills: [] }}
        onFinish={() => void submit()}
        onFinishFailed={() => setError(t('volunteers.enlist.fixFields'))}
        scrollToFirstError
      >
        <Card size="small" title={t('volunteers.enlist.identity')} style={{ marginBottom: 12 }}>
          <Form.Item name="name" label={t('volunteers.field.name')} rules={[required, { max: 50 }]}>
            <Input maxLength={50} autoComplete="name" data-testid="enlist-name" />
          </Form.Item>
          <Form.Item name="idType" label={t('volunteers.field.idType')}>
            <Select options={ID_TYPES.filter((k) => k !== 'none').map((k) => ({ value: k, label: t(`residents.idType.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            required
            label={t('volunteers.field.idNumber')}
            rules={[idRule]}
            validateTrigger="onBlur"
            extra={t('volunteers.enlist.idHint')}
          >
            <Input maxLength={40} style={{ fontFamily: 'monospace' }} data-testid="enlist-id-number" />
          </Form.Item>
          {idType && idType !== 'resident_id' && (
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="sex" label={t('volunteers.field.sex')}>
                  <Radio.Group
                    options={[
                      { value: 'M', label: t('residents.sex.M') },
                      { value: 'F', label: t('residents.sex.F') },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="birthDate" label={t('volunteers.field.birthDate')}>
                  <Input type="date" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item name="phone" required label={t('volunteers.field.phone')} rules={[phoneRule(true)]} validateTrigger="onBlur">
            <Input inputMode="tel" maxLength={30} autoComplete="tel" data-testid="enlist-phone" />
          </Form.Item>
          <Form.Item name="category" label={t('volunteers.field.category')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              data-testid="enlist-category"
              options={(info.categories.length ? info.categories : CATEGORIES).map((c) => ({ value: c, label: t(`volunteers.category.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="address" label={t('volunteers.field.address')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Card>

        <Card size="small" title={t('volunteers.enlist.serve')} style={{ marginBottom: 12 }}>
          <Form.Item name="skills" label={t('volunteers.field.skills')}>
            <Checkbox.Group
              style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
              options={(info.skills.length ? info.skills : SKILLS).map((s) => ({ value: s, label: t(`volunteers.skill.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="days" label={t('volunteers.field.days')}>
            <Checkbox.Group
              style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
              options={WEEKDAYS.map((d) => ({ value: d, label: t(`volunteers.weekday.${d}`) }))}
            />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="from" label={t('volunteers.field.from')}>
                <Input type="time" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="to" label={t('volunteers.field.to')}>
                <Input type="time" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="remote" label={t('volunteers.field.remote')} valuePropName="checked" extra={t('volunteers.enlist.remoteHint')}>
            <Switch />
          </Form.Item>
          <Form.Item name="healthStatus" label={t('volunteers.field.healthStatus')}>
            <Radio.Group options={HEALTH_STATUSES.map((h) => ({ value: h, label: t(`volunteers.health.${h}`) }))} />
          </Form.Item>
        </Card>

        <Card size="small" title={t('volunteers.field.emergencyContact')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="emergencyName" label={t('volunteers.field.emergencyName')} rules={[{ max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="emergencyPhone" label={t('volunteers.field.emergencyPhone')} rules={[phoneRule(false)]} validateTrigger="onBlur">
                <Input inputMode="tel" maxLength={30} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('volunteers.field.pledge')} style={{ marginBottom: 12 }}>
          <Form.Item name="pledge" rules={[{ max: 1000 }]} extra={t('volunteers.enlist.pledgeHint')} style={{ marginBottom: 0 }}>
            <Input.TextArea
              maxLength={1000}
              showCount
              autoSize={{ minRows: 3, maxRows: 8 }}
              placeholder={t('volunteers.enlist.pledgePlaceholder')}
              data-testid="enlist-pledge"
            />
          </Form.Item>
        </Card>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('volunteers.enlist.privacy')}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="enlist-submit">
          {t('volunteers.enlist.submit')}
        </Button>
      </Form>
    </Space>,
  );
}
