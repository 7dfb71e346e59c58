/**
 * "Initialise from national division codes": pick a county (or one town of it) from the national
 * catalogue, pick where it goes in our tree, then import it with all its towns and villages.
 */
import { Alert, App, Button, Form, Modal, Result, Select, Space, Spin, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { type Division, importDivisions, listDivisions } from '../../../domain/areas/api';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import type { Area } from '../../app/types';

export type ImportResult = ResponseOf<typeof importDivisions>;

const LEVELS = ['province', 'city', 'county', 'town'] as const;
type Level = (typeof LEVELS)[number];

/** One cascading select: its options are the children of the code picked one level up. */
function DivisionSelect(props: {
  parent: string | null | undefined;
  value?: Division;
  onChange: (d: Division | undefined) => void;
  level: Level;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { parent, level } = props;
  // Provinces need no parent; every other level waits for its parent's pick.
  const ready = parent !== undefined && (parent !== null || level === 'province');
  const divisions = useApiQuery(listDivisions, { query: { parent: parent ?? undefined } }, { enabled: ready, staleTime: Number.POSITIVE_INFINITY });
  const items = ready ? (divisions.data?.items ?? []) : [];
  const loading = ready && divisions.isPending;
  const error = ready && divisions.error ? errorText(divisions.error, t) : null;
  return (
    <Form.Item label={t(`divisions.${level}`)} validateStatus={error ? 'error' : undefined} help={error ?? undefined} style={{ marginBottom: 12 }}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        loading={loading}
        disabled={props.disabled || (level !== 'province' && !parent)}
        placeholder={level === 'town' ? t('divisions.townOptional') : t('divisions.pick')}
        value={props.value?.code}
        options={items.map((d) => ({ value: d.code, label: d.name }))}
        onChange={(code) => props.onChange(items.find((d) => d.code === code))}
        notFoundContent={t('common.empty')}
      />
    </Form.Item>
  );
}

export function ImportDivisionsWizard({
  defaultParent,
  onClose,
  onImported,
}: {
  defaultParent: Area | null;
  onClose: () => void;
  onImported: (r: ImportResult) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const [picked, setPicked] = useState<Partial<Record<Level, Division>>>({});
  const [parentId, setParentId] = useState<number | null>(defaultParent?.id ?? null);
  const importing = useApiMutation(importDivisions);
  const running = importing.isPending;
  const error = importing.error ? errorText(importing.error, t) : null;
  const result = importing.data ?? null;

  // Changing one level clears the levels below it.
  const pick = (level: Level, d: Division | undefined) => {
    const next: Partial<Record<Level, Division>> = {};
    for (const l of LEVELS) {
      if (l === level) break;
      next[l] = picked[l];
    }
    next[level] = d;
    setPicked(next);
  };

  // The import is of the deepest pick, which must be a county or a town.
  const chosen = picked.town ?? picked.county;

  const run = async () => {
    if (!chosen || !parentId) return;
    const r = await importing.mutateAsync({ body: { parentId, code: chosen.code } });
    setStep(3);
    message.success(t('divisions.done'));
    onImported(r);
  };

  const footer = (
    <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
      {step < 3 && (
        <Button onClick={onClose} disabled={running}>
          {t('common.cancel')}
        </Button>
      )}
      {step > 0 && step < 3 && (
        <Button onClick={() => setStep(step - 1)} disabled={running}>
          {t('common.back')}
        </Button>
      )}
      {step === 0 && (
        <Button type="primary" disabled={!chosen} onClick={() => setStep(1)}>
          {t('common.next')}
        </Button>
      )}
      {step === 1 && (
        <Button type="primary" disabled={!parentId} onClick={() => setStep(2)}>
          {t('common.next')}
        </Button>
      )}
      {step === 2 && (
        <Button type="primary" loading={running} onClick={() => void run().catch(() => {})}>
          {t('divisions.start')}
        </Button>
      )}
      {step === 3 && (
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      )}
    </Space>
  );

  return (
    <Modal
      open
      title={t('divisions.title')}
      onCancel={running ? undefined : onClose}
      closable={!running}
      mask={{ closable: false }}
      footer={footer}
      width={560}
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 20 }}
        items={[{ title: t('divisions.stepDivision') }, { title: t('divisions.stepParent') }, { title: t('divisions.stepImport') }]}
      />
      {step === 0 && (
        <Form layout="vertical">
          <Typography.Paragraph type="secondary">{t('divisions.pickHint')}</Typography.Paragraph>
          <DivisionSelect level="province" parent={null} value={picked.province} onChange={(d) => pick('province', d)} />
          <DivisionSelect level="city" parent={picked.province?.code ?? null} value={picked.city} onChange={(d) => pick('city', d)} />
          <DivisionSelect level="county" parent={picked.city?.code ?? null} value={picked.county} onChange={(d) => pick('county', d)} />
          <DivisionSelect level="town" parent={picked.county?.hasChildren ? picked.county.code : null} value={picked.town} onChange={(d) => pick('town', d)} />
        </Form>
      )}
      {step === 1 && (
        <Form layout="vertical">
          <Form.Item label={t('divisions.parent')} extra={t('divisions.parentHint')} required>
            <AreaTreeSelect value={parentId} onChange={(id) => setParentId(id)} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      )}
      {step === 2 && (
        <Spin spinning={running} description={t('divisions.running')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>{t('divisions.confirm', { name: chosen?.name, code: chosen?.code })}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} />}
          </Space>
        </Spin>
      )}
      {step === 3 && result && (
        <Result
          status="success"
          title={t('divisions.resultTitle', { name: result.root.name })}
          subTitle={t('divisions.resultCounts', { created: result.created, skipped: result.skipped })}
        />
      )}
    </Modal>
  );
}
