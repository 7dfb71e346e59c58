import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../errors';

/** The session could not be asked for on start (server down, no network and nothing kept): what happened, and a retry. */
export function StartError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return <Result status="warning" title={errorText(error, t)} extra={<Button onClick={onRetry}>{t('common.retry')}</Button>} />;
}
