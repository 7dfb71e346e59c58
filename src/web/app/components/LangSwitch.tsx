import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { setLanguage, useLanguage } from '../i18n';

/** One button toggling Chinese ⇄ English; its label names the language you would switch to. */
export function LangSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Button
      data-testid="lang-switch"
      type="text"
      icon={<GlobalOutlined />}
      aria-label={t('lang.switchLabel')}
      title={t('lang.switchLabel')}
      onClick={() => void setLanguage(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {compact ? t('lang.switchToShort') : t('lang.switchTo')}
    </Button>
  );
}
