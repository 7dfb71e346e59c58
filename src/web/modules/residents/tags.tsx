/** Small shared displays: special-group tags, status tag, and a masked value in a fixed-width font. */
import { Space, Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group, Status } from '../../../domain/residents/api';

const GROUP_COLOURS: Record<string, string> = {
  elderly60: 'gold',
  elderly80: 'orange',
  disabled: 'purple',
  pregnant: 'magenta',
  chronic: 'cyan',
  dialysis: 'red',
  bedridden: 'volcano',
  alone: 'geekblue',
  no_smartphone: 'default',
};

export function GroupTags({ groups }: { groups: Group[] }) {
  const { t } = useTranslation();
  // 80+ implies 60+: show the stronger one only.
  const shown = groups.includes('elderly80') ? groups.filter((g) => g !== 'elderly60') : groups;
  if (!shown.length) return null;
  return (
    <Space size={[2, 2]} wrap>
      {shown.map((g) => (
        <Tag key={g} color={GROUP_COLOURS[g]} style={{ marginInlineEnd: 0 }}>
          {t(`residents.group.${g}`, { defaultValue: g })}
        </Tag>
      ))}
    </Space>
  );
}

const STATUS_COLOURS: Record<Status, string> = { present: 'success', away: 'warning', moved_out: 'default', deceased: 'default' };

export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`residents.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export const mono: CSSProperties = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', whiteSpace: 'nowrap' };

export function Masked({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  return value ? <span style={mono}>{value}</span> : <span style={{ color: 'rgba(0,0,0,.45)' }}>{t('common.none')}</span>;
}
