/** The desk's two questions: why a person is taken out of the tube, and (optionally) why a tube is closed early. */
import { Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { closeTube, removeBinding } from '../../../domain/sampling/api';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';

interface Props {
  onDone: () => void;
  onCancel: () => void;
  onError: (text: string) => void;
}

export function RemoveBindingModal({ bindingId, onDone, onCancel, onError }: Props & { bindingId: number | null }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  // The answer is the tube without its members: the desk reads them again (onDone).
  const remove = useApiMutation(removeBinding, { invalidates: false });
  const ok = async () => {
    if (bindingId === null || !reason.trim()) return;
    try {
      await remove.mutateAsync({ params: { id: bindingId }, body: { reason: reason.trim() } });
      setReason('');
      onDone();
    } catch (e) {
      onError(errorText(e, t));
    }
  };
  return (
    <Modal
      open={bindingId !== null}
      title={t('sampling.desk.removeTitle')}
      okText={t('sampling.desk.remove')}
      okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'desk-remove-ok' } as ButtonProps}
      onOk={() => void ok()}
      onCancel={() => {
        setReason('');
        onCancel();
      }}
    >
      <Input data-testid="desk-remove-reason" placeholder={t('sampling.desk.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}

export function CloseTubeModal({ tubeId, onDone, onCancel, onError }: Props & { tubeId: number | null }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const close = useApiMutation(closeTube, { invalidates: false });
  const ok = async () => {
    if (tubeId === null) return;
    try {
      await close.mutateAsync({ params: { id: tubeId }, body: { reason: reason.trim() || undefined } });
      setReason('');
      onDone();
    } catch (e) {
      onError(errorText(e, t));
    }
  };
  return (
    <Modal
      open={tubeId !== null}
      title={t('sampling.desk.closeTitle')}
      okText={t('sampling.desk.close')}
      okButtonProps={{ 'data-testid': 'desk-close-ok' } as ButtonProps}
      onOk={() => void ok()}
      onCancel={() => {
        setReason('');
        onCancel();
      }}
    >
      <Input placeholder={t('sampling.desk.reasonOptional')} value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}
