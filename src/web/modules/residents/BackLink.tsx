import { Button } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

/** Back to where the user came from (keeps the list's filters), or to the list when opened directly. */
export function BackLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      style={{ paddingInline: 0 }}
      onClick={() => (window.history.state?.idx > 0 ? navigate(-1) : navigate('/residents'))}
    >
      {t('residents.backToList')}
    </Button>
  );
}
