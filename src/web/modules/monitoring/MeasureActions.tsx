/** The buttons a measure's state allows (the same table as the server's state machine), for measures.write. */
import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmMeasure, releaseCheck, startMeasure } from '../../../domain/monitoring/api';
import { allowed } from '../../../domain/monitoring/measures';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { MeasureActionModal, type ModalAction } from './MeasureActionModal';
import type { Measure } from './types';

type Simple = 'confirm' | 'start' | 'release_check';

/** Every action refetches what is on screen (the measure, its follow-ups, its history) when it succeeds. */
export function MeasureActions({ measure }: { measure: Measure }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [modal, setModal] = useState<ModalAction | null>(null);
  const s = measure.state;
  const mutations = { confirm: useApiMutation(confirmMeasure), start: useApiMutation(startMeasure), release_check: useApiMutation(releaseCheck) };
  const busy = Object.values(mutations).some((m) => m.isPending);

  const simple = async (a: Simple) => {
    try {
      await mutations[a].mutateAsync({ params: { id: measure.id } });
      message.success(t('monitoring.action.done'));
    } catch (e) {
      message.error(errorText(e, t));
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
          }}
        />
      )}
    </>
  );
}
