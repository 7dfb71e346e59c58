/**
 * The signed-in user's roles by name. The roles list is readable only with users.read, so a field role's name
 * comes from the built-in names in the locale files; a role code never reaches the screen.
 */
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { useRoleName } from '../../app/use-roles';

export function RoleTags() {
  const { t } = useTranslation();
  const me = useMe();
  const roleName = useRoleName();
  if (!me.roles.length) return <>{t('common.none')}</>;
  return (
    <Space size={[4, 4]} wrap data-testid="wb-roles">
      {me.roles.map((r) => (
        <Tag key={r} color="blue">
          {roleName(r)}
        </Tag>
      ))}
    </Space>
  );
}
