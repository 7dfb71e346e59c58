/**
 * Add a resident (to a household, or straight to an area) or edit one. ID numbers and phones are
 * checked with the same rules as the server (domain/residents/identity.ts); a valid resident ID fills
 * in sex and birth date. On edit those values are masked, so their boxes start empty and are sent only
 * when something new is typed. Where someone lives changes through a dated move, never here.
 */
import { Alert, App, Button, Checkbox, Col, DatePicker, Drawer, Form, Grid, Input, Radio, Row, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { type Household, type Relation, type ResidentDetail, type Status, createResident, updateResident } from '../../../domain/residents/api';
import { ID_TYPES, checkIdentity, checkPhone, type IdType } from '../../../domain/residents/identity';
import { RELATIONS, STATUSES, STORED_GROUPS, createResidentBody, isHealthGroup } from '../../../domain/residents/schemas';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { applyFieldErrors, errorText } from '../../app/errors';
import { fieldRule } from '../../app/form-rules';
import { useApiMutation } from '../../app/query';
import { fromDay, isFuture, toDay } from './dates';
import { HouseholdSelect, householdLabel } from './HouseholdSelect';

type StoredGroup = (typeof STORED_GROUPS)[number];

interface Values {
  name: string;
  idType: IdType;
  idNumber?: string;
  sex?: 'M' | 'F' | null;
  birthDate?: Dayjs | null;
  phone?: string;
  phone2?: string;
  place: 'household' | 'area';
  householdId?: number;
  areaId?: number;
  relation?: Relation | null;
  registeredAddress?: string;
  separated?: boolean;
  groups?: StoredGroup[];
  pregnancyDueDate?: Dayjs | null;
  careSchedule?: string;
  status?: Status;
  awayWhere?: string;
  awaySince?: Dayjs | null;
  notes?: string;
  movedInOn?: Dayjs | null;
}

interface Props {
  /** Edit this resident; without it the drawer adds one. */
  resident?: ResidentDetail;
  /** Add to this household (its page's "add member"): the placement is fixed. */
  household?: Household;
  defaultAreaId?: number;
  onClose: () => void;
  onSaved: (r: ResidentDetail) => void;
}

const blank = (s: string | undefined | null) => s?.trim() || null;

export function ResidentFormDrawer({ resident, household, defaultAreaId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const canHealth = useAuth().can('residents.health');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation(createResident);
  const update = useApiMutation(updateResident);
  const busy = create.isPending || update.isPending;
  const [error, setError] = useState<string | null>(null);
  const editing = Boolean(resident);
  const place = Form.useWatch('place', form);
  const groups = Form.useWatch('groups', form) ?? [];
  const status = Form.useWatch('status', form);
  const idType = Form.useWatch('idType', form);

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const idRule = {
    validator: (_: unknown, v?: string) => {
      const type = form.getFieldValue('idType') as IdType;
      // No number is allowed (a newborn, someone without papers); the type then says what it is.
      if (!v?.trim()) return Promise.resolve();
      const c = checkIdentity(v, type === 'none' ? undefined : type);
      return c.ok ? Promise.resolve() : Promise.reject(new Error(t(`residents.idProblem.${c.problem}`)));
    },
  };
  const phoneRule = {
    validator: (_: unknown, v?: string) => (!v?.trim() || checkPhone(v).ok ? Promise.resolve() : Promise.reject(new Error(t('validation.phone')))),
  };

  /** A valid resident ID says the sex and birth date: fill them in. */
  const onIdNumber = (v: string) => {
    const c = checkIdentity(v, (form.getFieldValue('idType') as IdType) || undefined);
    if (c.ok && c.birthDate) form.setFieldsValue({ sex: c.sex ?? null, birthDate: toDay(c.birthDate) });
  };

  const submit = async () => {
    const v = await form.validateFields();
    const body: z.input<typeof createResidentBody> = {
      name: v.name.trim(),
      idType: v.idType,
      sex: v.sex ?? null,
      birthDate: fromDay(v.birthDate),
      relation: v.relation ?? null,
      registeredAddress: blank(v.registeredAddress),
      separated: Boolean(v.separated),
      groups: v.groups ?? [],
      pregnancyDueDate: (v.groups ?? []).includes('pregnant') ? fromDay(v.pregnancyDueDate) : null,
      careSchedule: blank(v.careSchedule),
      status: v.status ?? 'present',
      awayWhere: v.status === 'away' ? blank(v.awayWhere) : null,
      awaySince: v.status === 'away' ? fromDay(v.awaySince) : null,
      notes: blank(v.notes),
    };
    // The birth date of someone with an ID number is not sent to the form (it is part of the number): an empty box keeps it.
    if (editing && !v.birthDate) delete body.birthDate;
    // Masked values: an empty box keeps what is stored (on edit), or means "none" (on create).
    for (const k of ['idNumber', 'phone', 'phone2'] as const) {
      const val = v[k]?.trim();
      if (val) body[k] = val;
      else if (!editing) body[k] = null;
    }
    if (!editing) {
      if (household) body.householdId = household.id;
      else if (v.place === 'household') body.householdId = v.householdId;
      else body.areaId = v.areaId;
      if (v.movedInOn) body.movedInOn = fromDay(v.movedInOn) ?? undefined;
    }
    setError(null);
    try {
      // On edit the body holds only fields an edit may change (the placement fields are set above only for a new one).
      const saved = resident ? await update.mutateAsync({ params: { id: resident.id }, body }) : await create.mutateAsync({ body });
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  const initialValues: Partial<Values> = resident
    ? {
        name: resident.name,
        idType: (resident.idType as IdType) ?? 'resident_id',
        sex: resident.sex,
        birthDate: toDay(resident.birthDate),
        relation: resident.relation,
        registeredAddress: resident.registeredAddress ?? undefined,
        separated: resident.separated,
        groups: resident.groups.filter((g): g is StoredGroup => (STORED_GROUPS as readonly string[]).includes(g)),
        pregnancyDueDate: toDay(resident.pregnancyDueDate),
        careSchedule: resident.careSchedule ?? undefined,
        status: resident.status,
        awayWhere: resident.awayWhere ?? undefined,
        awaySince: toDay(resident.awaySince),
        notes: resident.notes ?? undefined,
      }
    : { idType: 'resident_id', place: 'household', areaId: defaultAreaId, status: 'present', groups: [], separated: false };

  const half = { xs: 24, sm: 12 };
  return (
    <Drawer
      open
      title={
        resident
          ? t('residents.form.editTitle', { name: resident.name })
          : household
            ? t('residents.form.addMemberTitle', { address: household.address })
            : t('residents.form.createTitle')
      }
      size={screens.md ? 640 : '100%'}
      onClose={onClose}
      mask={{ closable: false }}
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit().catch(() => {})} data-testid="resident-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" autoComplete="off" initialValues={initialValues}>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="name" label={t('residents.field.name')} rules={[required, fieldRule(createResidentBody.shape.name, t)]}>
              <Input maxLength={50} data-testid="resident-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="idType" label={t('residents.field.idType')} rules={[required]}>
              <Select
                options={ID_TYPES.map((k) => ({ value: k, label: t(`residents.idType.${k}`) }))}
                onChange={() => void form.validateFields(['idNumber']).catch(() => {})}
              />
            </Form.Item>
          </Col>
          {idType !== 'none' && (
            <Col span={24}>
              <Form.Item
                name="idNumber"
                label={t('residents.field.idNumber')}
                extra={editing ? t('residents.keepMasked', { value: resident?.idNumber ?? t('common.none') }) : undefined}
                rules={[idRule]}
                validateTrigger="onBlur"
              >
                <Input maxLength={40} data-testid="resident-id-number" onChange={(e) => onIdNumber(e.target.value)} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="sex" label={t('residents.field.sex')}>
              <Radio.Group
                options={[
                  { value: 'M', label: t('residents.sex.M') },
                  { value: 'F', label: t('residents.sex.F') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="birthDate" label={t('residents.field.birthDate')}>
              <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="phone"
              label={t('residents.field.phone')}
              extra={editing ? t('residents.keepMasked', { value: resident?.phone ?? t('common.none') }) : undefined}
              rules={[phoneRule]}
            >
              <Input inputMode="tel" maxLength={30} data-testid="resident-phone" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="phone2"
              label={t('residents.field.phone2')}
              extra={editing ? t('residents.keepMasked', { value: resident?.phone2 ?? t('common.none') }) : undefined}
              rules={[phoneRule]}
            >
              <Input inputMode="tel" maxLength={30} />
            </Form.Item>
          </Col>
        </Row>

        {!editing && !household && (
          <>
            <Form.Item name="place" label={t('residents.form.place')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'household', label: t('residents.form.placeHousehold') },
                  { value: 'area', label: t('residents.form.placeArea') },
                ]}
              />
            </Form.Item>
            {place === 'area' ? (
              <Form.Item
                name="areaId"
                label={t('residents.field.area')}
                extra={t('residents.form.placeAreaHint')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <AreaTreeSelect style={{ width: '100%' }} />
              </Form.Item>
            ) : (
              <Form.Item name="householdId" label={t('residents.field.household')} rules={[{ required: true, message: t('validation.required') }]}>
                <HouseholdSelect data-testid="resident-household" />
              </Form.Item>
            )}
          </>
        )}
        {household && (
          <Form.Item label={t('residents.field.household')}>
            <Input value={householdLabel(household)} disabled />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="relation" label={t('residents.field.relation')}>
              <Select allowClear options={RELATIONS.map((r) => ({ value: r, label: t(`residents.relation.${r}`) }))} />
            </Form.Item>
          </Col>
          {!editing && (
            <Col {...half}>
              <Form.Item name="movedInOn" label={t('residents.field.movedInOn')} extra={t('residents.form.movedInHint')}>
                <DatePicker style={{ width: '100%' }} disabledDate={isFuture} data-testid="resident-moved-in" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="groups" label={t('residents.field.groups')}>
          {/* Without the health permission the health groups are neither shown nor changed (the server keeps them). */}
          <Checkbox.Group options={STORED_GROUPS.filter((g) => canHealth || !isHealthGroup(g)).map((g) => ({ value: g, label: t(`residents.group.${g}`) }))} />
        </Form.Item>
        {groups.includes('pregnant') && (
          <Form.Item name="pregnancyDueDate" label={t('residents.field.pregnancyDueDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {(groups.includes('dialysis') || groups.includes('chronic')) && (
          <Form.Item
            name="careSchedule"
            label={t('residents.field.careSchedule')}
            extra={t('residents.form.careHint')}
            rules={[fieldRule(createResidentBody.shape.careSchedule, t)]}
          >
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col {...half}>
            {/* Moving out is a dated move (on the resident's page), not a status to pick here. */}
            <Form.Item name="status" label={t('residents.field.status')}>
              <Select
                options={STATUSES.filter((s) => s !== 'moved_out' || resident?.status === 'moved_out').map((s) => ({
                  value: s,
                  label: t(`residents.status.${s}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="separated" label={t('residents.field.separated')} valuePropName="checked" extra={t('residents.form.separatedHint')}>
              <Switch />
            </Form.Item>
          </Col>
          {status === 'away' && (
            <>
              <Col {...half}>
                <Form.Item name="awayWhere" label={t('residents.field.awayWhere')} rules={[fieldRule(createResidentBody.shape.awayWhere, t)]}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="awaySince" label={t('residents.field.awaySince')}>
                  <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <Form.Item name="registeredAddress" label={t('residents.field.registeredAddress')} rules={[fieldRule(createResidentBody.shape.registeredAddress, t)]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="notes" label={t('residents.field.notes')} rules={[fieldRule(createResidentBody.shape.notes, t)]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
