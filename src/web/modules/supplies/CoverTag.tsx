/** Days of cover of a store × item as a tag: red when low (an alert open or under the policy), grey without recent use. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function CoverTag({ line }: { line: { coverDays: number | null; low: boolean; alertOpen: boolean } }) {
  const { t } = useTranslation();
  if (line.coverDays === null) return <Tag data-testid="cover-tag">{t('supplies.noUse')}</Tag>;
  return (
    <Tag color={line.low || line.alertOpen ? 'red' : 'green'} data-testid="cover-tag">
      {line.low || line.alertOpen ? `${t('supplies.low')} · ` : ''}
      {t('supplies.coverDays', { days: line.coverDays })}
    </Tag>
  );
}
