/**
 * A picker for one standing command body (工作组 · 专班 · 督导组) in the user's scope, for addressing work to a group:
 * a task, an inspection's rectification orders, a help request's transfer. Shown only to those who can read the
 * command structure; the server still refuses a group that has stood down or whose area does not hold the work.
 */
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { listGroups } from '../../../domain/command/api';
import { useAuth } from '../auth';
import { useApiQuery } from '../query';

export interface CommandGroupSelectProps {
  value?: number | null;
  onChange?: (id: number | null) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  size?: 'large' | 'middle' | 'small';
  'data-testid'?: string;
  id?: string;
}

/** Whether the signed-in user may address work to a group at all (the picker is hidden otherwise). */
export function useCanAddressGroups() {
  return useAuth().can('command.read');
}

export function CommandGroupSelect({ value, onChange, allowClear, placeholder, style, size, id, ...rest }: CommandGroupSelectProps) {
  const { t } = useTranslation();
  const enabled = useCanAddressGroups();
  const groups = useApiQuery(listGroups, { query: { active: 'true', limit: 200, offset: 0 } }, { enabled });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('command.pickGroup')}
      showSearch={{ optionFilterProp: 'label' }}
      loading={groups.isLoading}
      notFoundContent={groups.isLoading ? undefined : t('command.noActiveGroups')}
      options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} · ${g.areaName}` }))}
      style={style}
      size={size}
      data-testid={rest['data-testid']}
    />
  );
}
