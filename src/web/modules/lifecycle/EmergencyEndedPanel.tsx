/**
 * "Emergency ended" (疫情结束): first a preview of what the purge would anonymise or delete now, then — after a
 * confirmation that names the count — the run. The server refuses the run if the count changed since the preview.
 */
import { Alert, App, Button, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { previewEmergencyEnded, runEmergencyEnded } from '../../../domain/lifecycle/api';
import type { ResponseOf } from '../../../domain/contract';
import type { DataClass } from '../../../domain/lifecycle/classes';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';

type Preview = ResponseOf<typeof previewEmergencyEnded>;

export function EmergencyEndedPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const look = useApiMutation(previewEmergencyEnded, { invalidates: false });
  const run = useApiMutation(runEmergencyEnded);
  const doPreview = () => look.mutate(undefined as never, { onSuccess: setPreview, onError: (e) => message.error(errorText(e, t)) });
  const doRun = () =>
    preview &&
    run.mutate(
      { body: { confirmTotal: preview.total } },
      {
        onSuccess: (r) => {
          setConfirming(false);
          setPreview(null);
          message.success(t('lifecycle.endedDone', { count: r.total }));
        },
        onError: (e) => {
          setConfirming(false);
          setPreview(null);
          message.error(errorText(e, t));
        },
      },
    );
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 760 }}>
      <Alert type="warning" showIcon title={t('lifecycle.endedHelp')} />
      <Button onClick={doPreview} loading={look.isPending} data-testid="ended-preview">
        {t('lifecycle.endedPreview')}
      </Button>
      {preview && (
        <>
          <Table
            rowKey="dataClass"
            size="small"
            pagination={false}
            dataSource={preview.items}
            columns={[
              { title: t('lifecycle.dataClass'), dataIndex: 'dataClass', render: (c: DataClass) => t(`lifecycle.class.${c}`) },
              { title: t('lifecycle.action'), dataIndex: 'action', render: (a: string) => t(`lifecycle.actions.${a}`) },
              { title: t('lifecycle.count'), dataIndex: 'count' },
            ]}
          />
          <Typography.Text strong>{t('lifecycle.endedTotal', { count: preview.total })}</Typography.Text>
          <Button danger type="primary" disabled={preview.total === 0} onClick={() => setConfirming(true)} data-testid="ended-run">
            {t('lifecycle.endedRun')}
          </Button>
        </>
      )}
      <Modal
        open={confirming}
        title={t('lifecycle.endedConfirmTitle')}
        okText={t('lifecycle.endedRun')}
        okButtonProps={{ danger: true, loading: run.isPending }}
        onOk={doRun}
        onCancel={() => setConfirming(false)}
      >
        {t('lifecycle.endedConfirm', { count: preview?.total ?? 0 })}
      </Modal>
    </Space>
  );
}
