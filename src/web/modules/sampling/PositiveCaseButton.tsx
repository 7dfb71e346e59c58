/**
 * The offer to open a contact-tracing case (流调) from a confirmed person's positive single-tube retest. Pressed
 * again, it opens the case already made (the server answers it).
 */
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { caseFromSamplingResult } from '../../../domain/tracing/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';

export function PositiveCaseButton({ resultId }: { resultId: number | null }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const open = useApiMutation(caseFromSamplingResult, { invalidates: false });
  if (!resultId || !can('tracing.write')) return null;
  return (
    <Button
      size="small"
      type="primary"
      danger
      loading={open.isPending}
      data-testid="positive-open-case"
      onClick={() =>
        open
          .mutateAsync({ params: { id: resultId }, body: {} })
          .then((c) => navigate(`/tracing/cases/${c.id}`))
          .catch((e) => message.error(errorText(e, t)))
      }
    >
      {t('samplingPositives.openCase')}
    </Button>
  );
}
