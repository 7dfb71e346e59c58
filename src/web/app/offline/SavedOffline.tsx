/** What a field form shows when its save was kept on the device: it will go out by itself, nothing to fill again. */
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** `what`: the record it was about (an address), shown above the hint. */
export function SavedOffline({ extra, what }: { extra?: ReactNode; what?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Result
      status="info"
      data-testid="saved-offline"
      title={t('outbox.savedTitle')}
      subTitle={
        <>
          {what && <div>{what}</div>}
          {t('outbox.savedHint')}
        </>
      }
      extra={extra ?? <Button onClick={() => history.back()}>{t('outbox.back')}</Button>}
    />
  );
}
