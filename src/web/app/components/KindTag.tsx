import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AreaKind } from '../types';

/** Colours group kinds by tier, so a glance at the tree shows where one is. */
const COLOURS: Record<AreaKind, string> = {
  province: 'magenta',
  city: 'volcano',
  county: 'red',
  town: 'orange',
  street: 'gold',
  village: 'green',
  community: 'cyan',
  grid: 'blue',
  estate: 'geekblue',
  building: 'purple',
};

export function KindTag({ kind }: { kind: AreaKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOURS[kind]} style={{ marginInlineEnd: 0, marginInlineStart: 6, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
      {t(`kind.${kind}`, { defaultValue: kind })}
    </Tag>
  );
}
