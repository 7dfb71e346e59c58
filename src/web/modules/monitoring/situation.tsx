/**
 * The form fields of a person's situation (contact type, origin risk, code colour, dates, symptoms, age,
 * special groups) — shared by the policy's "try it" panel and the measure proposal — and their conversion
 * to the API's `Situation`.
 */
import { Checkbox, Col, DatePicker, Form, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ALL_GROUPS } from '../../../domain/residents/schemas';
import { CODE_COLOURS, CONTACT_TYPES, ORIGIN_SCOPES, RISK_LEVELS, SYMPTOMS } from '../../../domain/policy/rules';
import type { Situation } from './types';

export interface SituationValues {
  contactType?: Situation['contactType'];
  originRiskLevel?: Situation['originRiskLevel'];
  originScope?: Situation['originScope'];
  codeColour?: Situation['codeColour'];
  exposedOn?: Dayjs | null;
  arrivedOn?: Dayjs | null;
  symptoms?: Situation['symptoms'];
  age?: number | null;
  specialGroups?: string[];
}

export function toSituation(v: SituationValues, { withPerson = true } = {}): Situation {
  const s: Situation = {};
  if (v.contactType) s.contactType = v.contactType;
  if (v.originRiskLevel) s.originRiskLevel = v.originRiskLevel;
  if (v.originScope) s.originScope = v.originScope;
  if (v.codeColour) s.codeColour = v.codeColour;
  if (v.exposedOn) s.exposedOn = v.exposedOn.format('YYYY-MM-DD');
  if (v.arrivedOn) s.arrivedOn = v.arrivedOn.format('YYYY-MM-DD');
  if (v.symptoms?.length) s.symptoms = v.symptoms;
  // For a resident the registry knows age and groups; the form only overrides them when filled.
  if (withPerson && typeof v.age === 'number') s.age = v.age;
  if (withPerson && v.specialGroups?.length) s.specialGroups = v.specialGroups;
  return s;
}

/** The fields, inside the caller's <Form>. `person: false` leaves out age and groups (taken from the registry). */
export function SituationFields({ person = true }: { person?: boolean }) {
  const { t } = useTranslation();
  const half = { xs: 24, sm: 12 };
  return (
    <Row gutter={12}>
      <Col {...half}>
        <Form.Item name="contactType" label={t('monitoring.situation.contactType')}>
          <Select allowClear options={CONTACT_TYPES.map((c) => ({ value: c, label: t(`monitoring.contact.${c}`) }))} data-testid="sit-contact" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="originRiskLevel" label={t('monitoring.situation.originRiskLevel')}>
          <Select allowClear options={RISK_LEVELS.map((c) => ({ value: c, label: t(`monitoring.risk.${c}`) }))} data-testid="sit-risk" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="originScope" label={t('monitoring.situation.originScope')}>
          <Select allowClear options={ORIGIN_SCOPES.map((c) => ({ value: c, label: t(`monitoring.originScope.${c}`) }))} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="codeColour" label={t('monitoring.situation.codeColour')}>
          <Select allowClear options={CODE_COLOURS.map((c) => ({ value: c, label: t(`monitoring.colour.${c}`) }))} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="exposedOn" label={t('monitoring.situation.exposedOn')}>
          <DatePicker style={{ width: '100%' }} data-testid="sit-exposed" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="arrivedOn" label={t('monitoring.situation.arrivedOn')}>
          <DatePicker style={{ width: '100%' }} data-testid="sit-arrived" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="symptoms" label={t('monitoring.situation.symptoms')}>
          <Checkbox.Group options={SYMPTOMS.map((s) => ({ value: s, label: t(`monitoring.symptom.${s}`) }))} />
        </Form.Item>
      </Col>
      {person && (
        <>
          <Col {...half}>
            <Form.Item name="age" label={t('monitoring.situation.age')}>
              <InputNumber min={0} max={130} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="specialGroups" label={t('monitoring.situation.specialGroups')}>
              <Select mode="multiple" allowClear options={ALL_GROUPS.map((g) => ({ value: g, label: t(`residents.group.${g}`) }))} />
            </Form.Item>
          </Col>
        </>
      )}
    </Row>
  );
}
