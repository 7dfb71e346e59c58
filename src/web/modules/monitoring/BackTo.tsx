import { Button } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

/** Back where the user came from (keeps a list's filters), or to `to` when the page was opened directly. */
export function BackTo({ to }: { to: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }} onClick={() => (window.history.state?.idx > 0 ? navigate(-1) : navigate(to))}>
      {t('monitoring.back')}
    </Button>
  );
}
