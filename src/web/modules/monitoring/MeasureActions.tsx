/** The buttons a measure's state allows (the same table as the server's state machine), for measures.write. */
import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import { allowed } from '../../../domain/monitoring/measures';
import { MeasureActionModal, type ModalAction } from './MeasureActionModal';
import type { Measure } from './types';

type Simple = 'confirm' | 'start' | 'release_check';
const PATH: Record<Simple, string> = { confirm: 'confirm', start: 'start', release_check: 'release-check' };

export function MeasureActions({ measure, onChanged }: { measure: Measure; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [modal, setModal] = useState<ModalAction | null>(null);
  const s = measure.state;

  const simple = async (a: Simple) => {
    setBusy(true);
    try {
      await api.post(`/api/measures/${measure.id}/${PATH[a]}`, {});
      message.success(t('monitoring.action.done'));
      onChanged();
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const oneClick = (a: Simple, primary = false) =>
    allowed(a, s) && (
      <Popconfirm key={a} title={t(`monitoring.action.${a}Confirm`)} onConfirm={() => simple(a)}>
        <Button type={primary ? 'primary' : 'default'} loading={busy} data-testid={`measure-${a}`}>
          {t(`monitoring.action.${a}`)}
        </Button>
      </Popconfirm>
    );
  const withModal = (a: ModalAction, can: boolean, danger = false) =>
    can && (
      <Button key={a} danger={danger} disabled={busy} onClick={() => setModal(a)} data-testid={`measure-${a}`}>
        {t(`monitoring.action.${a}`)}
      </Button>
    );

  return (
    <>
      <Space wrap size={8} data-testid="measure-actions">
        {oneClick('confirm', true)}
        {oneClick('start', true)}
        {oneClick('release_check')}
        {withModal('release', allowed('release', s))}
        {withModal('end_date', allowed('end_date', s))}
        {withModal('transfer', allowed('transfer', s))}
        {withModal('assign', allowed('assign', s))}
        {withModal('release_early', allowed('release_early', s), true)}
        {withModal('cancel', allowed('cancel', s), true)}
      </Space>
      {modal && (
        <MeasureActionModal
          measure={measure}
          action={modal}
          onClose={() => setModal(null)}
          onDone={() => {
            setModal(null);
            message.success(t('monitoring.action.done'));
            onChanged();
          }}
        />
      )}
    </>
  );
}
