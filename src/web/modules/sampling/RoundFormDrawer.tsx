/**
 * A new round (the drawer behind the "new round" button): a round's area, dates and roster day, its pool sizes (a default and ordered rules by area and/or
 * resident groups — the first rule that matches wins) and which exemptions it accepts.
 */
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALL_GROUPS } from '../../../domain/residents/schemas';
import { createRound, listRounds } from '../../../domain/sampling/api';
import type { PoolSize } from '../../../domain/sampling/rules';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { useCurrentArea } from '../../app/current-area';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import type { PoolRule, RoundFull } from './round-types';
import { fieldRule } from '../../app/form-rules';

const POOL_SIZES = [1, 5, 10, 20] as const;

interface Values {
  name: string;
  areaId: number;
  period: [Dayjs, Dayjs];
  rosterDate: Dayjs;
  poolDefault: PoolSize;
  poolRules: { areaId?: number | null; groups?: string[]; size: PoolRule['size'] }[];
  underAge: number;
  elderly: boolean;
  elderlyAge: number;
  bedridden: boolean;
  away: boolean;
  other: boolean;
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

export function RoundFormDrawer({ onClose, onCreated }: { onClose: () => void; onCreated: (r: RoundFull) => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const { area } = useCurrentArea();
  const [form] = Form.useForm<Values>();
  const save = useApiMutation(createRound, { invalidates: [listRounds] });
  const busy = save.isPending;
  const [error, setError] = useState<string | null>(null);
  const elderly = Form.useWatch('elderly', form);
  const required = { required: true, message: t('validation.required') };

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const round = await save.mutateAsync({
        body: {
          name: v.name.trim(),
          areaId: v.areaId,
          startsOn: day(v.period[0]),
          endsOn: day(v.period[1]),
          rosterDate: day(v.rosterDate),
          poolDefault: v.poolDefault,
          // A rule with neither an area nor groups would match everyone: it is left out.
          poolRules: (v.poolRules ?? [])
            .filter((r) => r.areaId || r.groups?.length)
            .map((r) => ({ ...(r.areaId ? { areaId: r.areaId } : {}), ...(r.groups?.length ? { groups: r.groups } : {}), size: r.size })),
          exemptionRules: { underAge: v.underAge, elderlyAge: v.elderly ? v.elderlyAge : null, bedridden: v.bedridden, away: v.away, other: v.other },
        },
      });
      onCreated(round);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorText(e, t));
    }
  };

  const half = { xs: 24, sm: 12 };
  return (
    <Drawer
      open
      title={t('samplingRounds.new')}
      size={screens.md ? 640 : '100%'}
      onClose={onClose}
      mask={{ closable: false }}
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit().catch(() => {})} data-testid="round-save">
            {t('samplingRounds.create')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        data-testid="round-form"
        initialValues={{
          areaId: area?.id,
          period: [dayjs(), dayjs().add(1, 'day')],
          rosterDate: dayjs(),
          poolDefault: 10,
          poolRules: [],
          underAge: 3,
          elderly: true,
          elderlyAge: 80,
          bedridden: true,
          away: true,
          other: true,
        }}
      >
        <Form.Item name="name" label={t('samplingRounds.field.name')} rules={[{ ...required, whitespace: true }, fieldRule(createRound.body.shape.name, t)]}>
          <Input maxLength={100} placeholder={t('samplingRounds.field.namePlaceholder')} data-testid="round-name" />
        </Form.Item>
        <Form.Item name="areaId" label={t('samplingRounds.field.area')} rules={[required]} extra={t('samplingRounds.field.areaHint')}>
          <AreaTreeSelect style={{ width: '100%' }} data-testid="round-area" />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="period" label={t('samplingRounds.field.period')} rules={[required]}>
              <DatePicker.RangePicker style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="rosterDate" label={t('samplingRounds.field.rosterDate')} rules={[required]} extra={t('samplingRounds.field.rosterHint')}>
              <DatePicker style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="poolDefault" label={t('samplingRounds.field.poolDefault')} rules={[required]}>
          <Segmented options={POOL_SIZES.map((n) => ({ value: n, label: t('samplingRounds.poolN', { n }) }))} />
        </Form.Item>

        <Typography.Text strong>{t('samplingRounds.field.poolRules')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('samplingRounds.field.poolRulesHint')}
        </Typography.Paragraph>
        <Form.List name="poolRules">
          {(fields, { add, remove, move }) => (
            <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 16 }}>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={t('samplingRounds.ruleN', { n: i + 1 })}
                  extra={
                    <Space size={0}>
                      <Button type="text" size="small" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('samplingRounds.ruleUp')}>
                        ↑
                      </Button>
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label={t('samplingRounds.ruleRemove')}
                      />
                    </Space>
                  }
                >
                  <Row gutter={8}>
                    <Col xs={24} sm={10}>
                      <Form.Item name={[f.name, 'areaId']} label={t('samplingRounds.field.ruleArea')} style={{ marginBottom: 8 }}>
                        <AreaTreeSelect allowClear style={{ width: '100%' }} placeholder={t('samplingRounds.anyArea')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={9}>
                      <Form.Item name={[f.name, 'groups']} label={t('samplingRounds.field.ruleGroups')} style={{ marginBottom: 8 }}>
                        <Select
                          mode="multiple"
                          allowClear
                          placeholder={t('samplingRounds.anyone')}
                          options={ALL_GROUPS.map((g) => ({ value: g, label: t(`residents.group.${g}`) }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={5}>
                      <Form.Item name={[f.name, 'size']} label={t('samplingRounds.field.ruleSize')} rules={[required]} style={{ marginBottom: 8 }}>
                        <Select options={POOL_SIZES.map((n) => ({ value: n, label: t('samplingRounds.poolN', { n }) }))} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ size: 1, groups: [] })} block type="dashed">
                {t('samplingRounds.addRule')}
              </Button>
            </Space>
          )}
        </Form.List>

        <Typography.Text strong>{t('samplingRounds.field.exemptions')}</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          <Col {...half}>
            <Form.Item name="underAge" label={t('samplingRounds.field.underAge')} rules={[required]} extra={t('samplingRounds.field.underAgeHint')}>
              <InputNumber min={0} max={18} style={{ width: '100%' }} suffix={t('samplingRounds.years')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('samplingRounds.field.elderlyAge')}>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="elderly" valuePropName="checked" noStyle>
                  <Checkbox style={{ alignSelf: 'center', marginInlineEnd: 8, whiteSpace: 'nowrap' }}>{t('samplingRounds.elderlyOn')}</Checkbox>
                </Form.Item>
                <Form.Item name="elderlyAge" noStyle>
                  <InputNumber min={60} max={120} disabled={!elderly} style={{ width: '100%' }} suffix={t('samplingRounds.years')} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
        </Row>
        <Space wrap size="large">
          {(['bedridden', 'away', 'other'] as const).map((k) => (
            <Form.Item key={k} name={k} valuePropName="checked" label={t(`samplingRounds.exempt.${k}`)} style={{ marginBottom: 0 }}>
              <Switch />
            </Form.Item>
          ))}
        </Space>
      </Form>
    </Drawer>
  );
}
