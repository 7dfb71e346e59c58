/**
 * The list's filters: one search box (name, pinyin, initials, ID or phone tail, address — names unless the
 * text clearly is an address, or as the switch beside it says), special
 * groups, status, age range and "as of" date. (The area is the tree beside the list, or on phones the
 * header's area switcher.)
 */
import { Button, Col, DatePicker, Input, InputNumber, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALL_GROUPS, STATUSES, isHealthGroup } from '../../../domain/residents/schemas';
import { useAuth } from '../../app/auth';
import { fromDay, isFuture, toDay } from './dates';
import type { ResidentFilters } from './query';
import type { Group, Status } from '../../../domain/residents/api';
import { SEARCH_TARGETS, type SearchTarget } from '../../../domain/search-text';

interface Props {
  value: ResidentFilters;
  onChange: (f: ResidentFilters) => void;
}

export function ResidentFilterBar({ value, onChange }: Props) {
  const { t } = useTranslation();
  // Health groups are filters only for those who may see them (the server refuses the others).
  const { can } = useAuth();
  const groups = can('residents.health') ? ALL_GROUPS : ALL_GROUPS.filter((g) => !isHealthGroup(g));
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const set = (patch: Partial<ResidentFilters>) => onChange({ ...value, ...patch });

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Space.Compact style={{ width: '100%' }}>
        {/* Names are looked for unless the text clearly is an address; the person searching may say which. */}
        <Select<SearchTarget | 'auto'>
          value={value.target ?? 'auto'}
          onChange={(v) => set({ target: v === 'auto' ? undefined : v })}
          options={(['auto', ...SEARCH_TARGETS] as const).map((v) => ({ value: v, label: t(`residents.list.searchIn.${v}`) }))}
          aria-label={t('residents.list.searchIn.label')}
          popupMatchSelectWidth={false}
          style={{ width: 110 }}
          data-testid="residents-search-target"
        />
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          placeholder={t('residents.list.searchPlaceholder')}
          enterButton={t('common.search')}
          maxLength={60}
          data-testid="residents-search"
        />
      </Space.Compact>
      <Row gutter={[8, 8]}>
        <Col xs={24} md={8} xl={7}>
          <Select<Group[]>
            mode="multiple"
            allowClear
            value={value.groups ?? []}
            onChange={(groups) => set({ groups: groups.length ? groups : undefined })}
            placeholder={t('residents.list.groupsPlaceholder')}
            options={groups.map((g) => ({ value: g, label: t(`residents.group.${g}`) }))}
            style={{ width: '100%' }}
            maxTagCount="responsive"
            data-testid="residents-groups"
          />
        </Col>
        <Col xs={12} md={4} xl={3}>
          <Select<Status>
            allowClear
            value={value.status}
            onChange={(status) => set({ status: status ?? undefined })}
            placeholder={t('residents.field.status')}
            options={STATUSES.map((s) => ({ value: s, label: t(`residents.status.${s}`) }))}
            style={{ width: '100%' }}
          />
        </Col>
        <Col xs={12} md={6} xl={5}>
          <Space.Compact style={{ width: '100%' }}>
            <InputNumber
              min={0}
              max={150}
              precision={0}
              value={value.ageMin ?? null}
              onChange={(v) => set({ ageMin: v ?? undefined })}
              placeholder={t('residents.list.ageMin')}
              aria-label={t('residents.list.ageMin')}
              style={{ width: '50%' }}
            />
            <InputNumber
              min={0}
              max={150}
              precision={0}
              value={value.ageMax ?? null}
              onChange={(v) => set({ ageMax: v ?? undefined })}
              placeholder={t('residents.list.ageMax')}
              aria-label={t('residents.list.ageMax')}
              style={{ width: '50%' }}
            />
          </Space.Compact>
        </Col>
        <Col xs={16} md={6} xl={5}>
          <DatePicker
            value={toDay(value.asOf)}
            onChange={(d) => set({ asOf: fromDay(d) ?? undefined })}
            disabledDate={isFuture}
            placeholder={t('residents.list.asOf')}
            style={{ width: '100%' }}
          />
        </Col>
        <Col xs={8} md={6} xl={4}>
          <Button onClick={() => onChange({ under: value.under })} block>
            {t('common.reset')}
          </Button>
        </Col>
      </Row>
    </Space>
  );
}
