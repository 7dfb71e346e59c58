import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth';
import { ChangePasswordFields, type ChangePasswordValues, usePasswordChange } from './ChangePasswordModal';
import { LangSwitch } from './LangSwitch';

/**
 * Shown instead of the app while the password was set by someone else (an administrator's reset, a new
 * account, a generated first password): the server allows nothing else until it is changed.
 */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh, logout } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<ChangePasswordValues>();
  // Anything asked while the server refused all but the change (the current area, say) is asked again.
  const { submit, error, busy } = usePasswordChange(form, async () => {
    await refresh();
    await client.invalidateQueries();
  });
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', display: 'flex', flexDirection: 'column' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 8 }}>
        <LangSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', justifyContent: 'center', padding: '4vh 12px 24px' }}>
        <Card data-testid="forced-password-change" style={{ width: '100%', maxWidth: 420, alignSelf: 'flex-start' }}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('password.forcedTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('password.forcedHint', { name: me.displayName })}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <ChangePasswordFields form={form} />
          <Button data-testid="password-submit" type="primary" block loading={busy} onClick={submit}>
            {t('password.forcedSubmit')}
          </Button>
          <Button type="link" block style={{ marginTop: 8 }} onClick={() => void logout().finally(() => navigate('/login', { replace: true }))}>
            {t('user.logout')}
          </Button>
        </Card>
      </div>
    </div>
  );
}
