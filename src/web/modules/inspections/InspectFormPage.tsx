/**
 * The inspection form (督导检查), a phone page: choose the place, then one card per checklist item — pass or fail,
 * and on a failure a note and a photo (the server refuses a failure without one). The phone's position is asked
 * only when the inspector taps for it.
 */
import { Alert, Button, Card, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { createTarget, listChecklists, listTargets, recordInspection } from '../../../domain/inspections/api';
import { TARGET_KINDS, type TargetKind } from '../../../domain/inspections/kinds';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { CommandGroupSelect, useCanAddressGroups } from '../../app/components/CommandGroupSelect';
import { errorText } from '../../app/errors';
import { PhotoInput } from '../../app/PhotoInput';
import { useApiMutation, useApiQuery } from '../../app/query';
import { kindLabel, severityColour } from './labels';

type Answer = { passed?: boolean; note?: string; photoIds: number[] };

export default function InspectFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [kind, setKind] = useState<TargetKind>((params.get('kind') as TargetKind) ?? 'village');
  const [targetId, setTargetId] = useState<number | undefined>(params.get('targetId') ? Number(params.get('targetId')) : undefined);
  const [villageId, setVillageId] = useState<number | null>(null);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [place, setPlace] = useState<{ latitude: number; longitude: number; accuracyM: number } | null>(null);
  const [placeProblem, setPlaceProblem] = useState<string | null>(null);
  const [unitGroup, setUnitGroup] = useState<number | null>(null);
  const canAddressGroups = useCanAddressGroups();
  const checklists = useApiQuery(listChecklists, { query: {} });
  const targets = useApiQuery(listTargets, { query: { kind, limit: 500, offset: 0 } }, { enabled: kind !== 'village' });
  const register = useApiMutation(createTarget, { invalidates: false });
  const record = useApiMutation(recordInspection, { onSuccess: (i) => navigate(`/inspections/${i.id}`) });
  const list = useMemo(() => checklists.data?.items.find((c) => c.targetKind === kind), [checklists.data, kind]);
  const set = (code: string, patch: Partial<Answer>) => setAnswers((a) => ({ ...a, [code]: { ...(a[code] ?? { photoIds: [] }), ...patch } }));
  const answered = list ? list.items.every((i) => answers[i.code]?.passed !== undefined) : false;
  const anyFailed = Object.values(answers).some((a) => a.passed === false);

  const locate = () => {
    setPlaceProblem(null);
    navigator.geolocation?.getCurrentPosition(
      (p) => setPlace({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyM: p.coords.accuracy }),
      () => setPlaceProblem(t('inspections.form.noPosition')),
      { timeout: 10_000 },
    );
  };
  const submit = () => {
    if (!list || !targetId) return;
    record.mutate({
      body: {
        mode: 'unannounced',
        targetId,
        ...(place ?? {}),
        ...(anyFailed && unitGroup ? { responsible: { groupId: unitGroup } } : {}),
        results: list.items.map((i) => {
          const a = answers[i.code];
          return a.passed ? { code: i.code, passed: true } : { code: i.code, passed: false, note: a.note || undefined, photoIds: a.photoIds };
        }),
      },
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('inspections.form.title')}
      </Typography.Title>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            value={kind}
            onChange={(k) => (setKind(k), setTargetId(undefined), setAnswers({}))}
            options={TARGET_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
            style={{ width: '100%' }}
            data-testid="inspect-kind"
          />
          {kind === 'village' ? (
            <AreaTreeSelect
              value={villageId}
              placeholder={t('inspections.form.pickVillage')}
              onChange={(areaId) => {
                setVillageId(areaId);
                if (areaId) register.mutate({ body: { kind: 'village', areaId } }, { onSuccess: (r) => setTargetId(r.id) });
              }}
              style={{ width: '100%' }}
            />
          ) : (
            <Select
              value={targetId}
              onChange={setTargetId}
              placeholder={t('inspections.form.pickPlace')}
              options={(targets.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.areaName}` }))}
              style={{ width: '100%' }}
            />
          )}
          {register.data && targetId === register.data.id && (
            <Tag color="blue" data-testid="inspect-target">
              {register.data.name}
            </Tag>
          )}
          {register.error && <Alert type="error" showIcon title={errorText(register.error, t)} />}
          <Space wrap>
            <Button icon={<EnvironmentOutlined />} onClick={locate} data-testid="inspect-locate">
              {t('inspections.form.locate')}
            </Button>
            {place && <Typography.Text type="secondary">{t('inspections.form.located', { accuracy: Math.round(place.accuracyM) })}</Typography.Text>}
            {placeProblem && <Typography.Text type="warning">{placeProblem}</Typography.Text>}
          </Space>
        </Space>
      </Card>
      {targetId &&
        list?.items.map((item, n) => {
          const a = answers[item.code];
          return (
            <Card key={item.code} size="small" data-testid={`item-${item.code}`}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text strong>
                  {n + 1}. {item.text}
                </Typography.Text>
                <Space size={4}>
                  <Tag color={severityColour[item.severity]}>{t(`inspections.severity.${item.severity}`)}</Tag>
                  <Typography.Text type="secondary">{t('inspections.weight', { weight: item.weight })}</Typography.Text>
                </Space>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  value={a?.passed}
                  onChange={(e) => set(item.code, { passed: e.target.value })}
                  options={[
                    { value: true, label: t('inspections.pass') },
                    { value: false, label: t('inspections.fail') },
                  ]}
                />
                {a?.passed === false && (
                  <>
                    <Input.TextArea
                      rows={2}
                      placeholder={t('inspections.form.problem')}
                      value={a.note}
                      onChange={(e) => set(item.code, { note: e.target.value })}
                    />
                    <PhotoInput value={a.photoIds} onChange={(ids) => set(item.code, { photoIds: ids })} max={5} />
                    {!a.photoIds.length && <Typography.Text type="warning">{t('inspections.form.photoNeeded')}</Typography.Text>}
                  </>
                )}
              </Space>
            </Card>
          );
        })}
      {anyFailed && canAddressGroups && (
        <Card size="small" title={t('inspections.form.responsible')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('inspections.form.responsibleHint')}</Typography.Text>
            <CommandGroupSelect
              allowClear
              size="large"
              value={unitGroup}
              onChange={setUnitGroup}
              placeholder={t('inspections.form.responsibleGroup')}
              style={{ width: '100%' }}
              data-testid="inspect-unit-group"
            />
          </Space>
        </Card>
      )}
      {record.error && <Alert type="error" showIcon title={errorText(record.error, t)} data-testid="inspect-error" />}
      {targetId && list && (
        <Button type="primary" block size="large" disabled={!answered} loading={record.isPending} onClick={submit} data-testid="inspect-submit">
          {t('inspections.form.submit')}
        </Button>
      )}
    </Space>
  );
}
