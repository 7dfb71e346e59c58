import { Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth';
import { useCurrentArea } from '../current-area';

// The tree picker (and antd's tree) is fetched after the first screen: the main script stays small on a slow network.
const AreaTreeSelect = lazy(() => import('./AreaTreeSelect').then((m) => ({ default: m.AreaTreeSelect })));

/** The header's "current area" picker, limited to the user's scope. */
export function AreaSwitcher({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area, setArea } = useCurrentArea();
  if (!area) return null;
  // Without areas.read the tree cannot be browsed: show the scope as plain text.
  const plain = (testId: string) => (
    <Typography.Text data-testid={testId} ellipsis style={{ lineHeight: 'normal' }}>
      <EnvironmentOutlined /> {area.name}
    </Typography.Text>
  );
  if (!can('areas.read')) return plain('area-switcher');
  // While the tree's code loads, the same text stands in under its own name, so nothing (a person's click or a
  // test) takes the stand-in for the switcher.
  return (
    <Suspense fallback={plain('area-switcher-loading')}>
      <AreaTreeSelect
        data-testid="area-switcher"
        value={area.id}
        placeholder={t('area.current')}
        onChange={(_, picked) => {
          if (picked) setArea(picked);
        }}
        style={{ width: compact ? '100%' : 280, maxWidth: '100%', minWidth: 0 }}
      />
    </Suspense>
  );
}
