/** Refuse an application with a reason (1–200 characters), which the applicant's branch keeps. */
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ReasonModal } from '../../app/components/ReasonModal';
import { type Enlistment, refuseEnlistment } from '../../../domain/volunteers/api';
import { useApiMutation } from '../../app/query';

export function RefuseModal({ enlistment, onClose, onDone }: { enlistment: Enlistment; onClose: () => void; onDone: (e: Enlistment) => void }) {
  const refuse = useApiMutation(refuseEnlistment);
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <ReasonModal
      title={t('volunteers.queue.refuseTitle', { name: enlistment.name })}
      okText={t('volunteers.queue.refuse')}
      label={t('volunteers.queue.reason')}
      testId="refuse"
      onSubmit={async (reason) => {
        const r = await refuse.mutateAsync({ params: { id: enlistment.id }, body: { reason } });
        message.success(t('volunteers.queue.refused'));
        onDone(r);
      }}
      onClose={onClose}
    />
  );
}
