/**
 * On a household's page: the members who look after it (member–household links) and the captains of its building, read
 * by household as later modules route visits and help along these links. Only with volunteers.read.
 */
import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listCaptains, listHouseholdLinks } from '../../../domain/volunteers/api';
import { useApiQuery } from '../../app/query';
import { Masked } from '../residents/tags';

export function HouseholdCarers({ householdId, areaId }: { householdId: number; areaId: number }) {
  const { t } = useTranslation();
  const links = useApiQuery(listHouseholdLinks, { query: { householdId } });
  const captainsQuery = useApiQuery(listCaptains, { query: { under: areaId } });
  // Nothing shows until the links are read; a failed read shows nobody, as a household without carers.
  const carers = links.error ? [] : (links.data?.items ?? null);
  const captains = captainsQuery.data?.items ?? [];

  if (carers === null) return null;
  return (
    <Card size="small" title={t('volunteers.links.lookedAfterBy')} data-testid="household-carers">
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        {carers.length ? (
          <Space wrap size={[12, 4]}>
            {carers.map((c) => (
              <span key={c.volunteerId}>
                <Link to={`/volunteers/${c.volunteerId}`}>{c.volunteerName}</Link> <Masked value={c.phone} />
              </span>
            ))}
          </Space>
        ) : (
          <Typography.Text type="warning">{t('volunteers.links.nobody')}</Typography.Text>
        )}
        {captains.length > 0 && (
          <Space wrap size={[6, 4]}>
            {captains.map((c) => (
              <Tag key={c.id}>
                {c.kind === 'building'
                  ? t('volunteers.links.buildingCaptainOf', { area: c.areaName })
                  : t('volunteers.links.floorCaptainOf', { area: c.areaName, floor: c.floor })}
                {' · '}
                <Link to={`/volunteers/${c.volunteerId}`}>{c.volunteerName}</Link>
              </Tag>
            ))}
          </Space>
        )}
      </Space>
    </Card>
  );
}
