import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LangSwitch } from '../../app/components/LangSwitch';

/** The public pages' frame: one column for a phone, the title and the language switch. */
export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <div style={{ maxWidth: 560, margin: '0 auto', padding: 12, boxSizing: 'border-box' }}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginBottom: 8 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('help.public.brand')}
          </Typography.Text>
          <LangSwitch compact />
        </div>
        {children}
      </div>
    </div>
  );
}
