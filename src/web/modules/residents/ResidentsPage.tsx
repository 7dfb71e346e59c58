/**
 * The resident registry: residents under an area (tree on the left; on phones the header's area switcher), one search box and
 * filters, a paged table with masked identifiers; add a household or a resident, export what is
 * shown, go to the import wizard or the duplicate review.
 */
import { Alert, Button, Card, Col, Empty, Grid, Row, Space, Typography } from 'antd';
import { DownloadOutlined, HomeOutlined, MergeCellsOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { searchResidents } from '../../../domain/residents/api';
import { useAuth } from '../../app/auth';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useLanguage } from '../../app/i18n';
import { useApiQuery } from '../../app/query';
import { ExportButton } from '../../app/components/ExportButton';
import type { Area } from '../../app/types';
import { AreaTreePanel } from './AreaTreePanel';
import { HouseholdFormModal } from './HouseholdFormModal';
import { PAGE_SIZE, exportUrl, formatTotal, listQuery, parseFilters, toSearchParams, type ResidentFilters } from './query';
import { ResidentFilterBar } from './ResidentFilterBar';
import { ResidentFormDrawer } from './ResidentFormDrawer';
import { ResidentTable } from './ResidentTable';

export default function ResidentsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { can } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const { area: current, setArea } = useCurrentArea();
  const [params, setParams] = useSearchParams();
  const parsed = useMemo(() => parseFilters(params), [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  // Without an area in the URL the list follows the header's current area.
  const filters: ResidentFilters = useMemo(() => ({ ...parsed, under: parsed.under ?? current?.id }), [parsed, current?.id]);
  const [adding, setAdding] = useState<'resident' | 'household' | null>(null);
  // A new filter or page keeps the rows shown (under the table's spinner) until its answer arrives.
  const list = useApiQuery(searchResidents, { query: listQuery(filters, page) }, { placeholderData: keepPreviousData });
  const data = list.data ?? { items: [], total: 0, totalCapped: false };
  const error = list.error ? errorText(list.error, t) : null;

  // Choosing another area in the header drops an area picked here (picking one here also makes it
  // the current area, so the two agree and a reload keeps the pick).
  const currentId = current?.id;
  const lastCurrent = useRef(currentId);
  const urlUnder = parsed.under;
  useEffect(() => {
    if (lastCurrent.current === currentId) return;
    lastCurrent.current = currentId;
    if (urlUnder === undefined || urlUnder === currentId) return;
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.delete('under');
      next.delete('page');
      return next;
    });
  }, [currentId, urlUnder, setParams]);

  const apply = (f: ResidentFilters, nextPage = 1) => setParams(toSearchParams(f, nextPage));
  const pickArea = (a: Area) => {
    setArea(a);
    apply({ ...filters, under: a.id });
  };
  const hasFilters = Boolean(filters.q || filters.groups || filters.status || filters.ageMin !== undefined || filters.ageMax !== undefined || filters.asOf);
  const canWrite = can('residents.write');
  // The tree needs areas.read to browse; without it (or on phones) the header's area is the filter.
  const showTree = !mobile && can('areas.read');

  const empty = (
    <Empty
      description={hasFilters ? t('residents.list.noMatch') : t('residents.list.empty')}
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      data-testid="residents-empty"
    >
      {canWrite && !hasFilters && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding('resident')}>
          {t('residents.list.add')}
        </Button>
      )}
    </Empty>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.residents')}
        </Typography.Title>
        <Space wrap size={8}>
          {canWrite && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding('resident')} data-testid="add-resident">
                {t('residents.list.add')}
              </Button>
              <Button icon={<HomeOutlined />} onClick={() => setAdding('household')} data-testid="add-household">
                {t('residents.household.create')}
              </Button>
            </>
          )}
          {can('residents.import') && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/residents/import')} data-testid="open-import">
              {t('residents.import.open')}
            </Button>
          )}
          {can('residents.export') && (
            <ExportButton url={exportUrl(filters)} fileName="residents.xlsx" buttonProps={{ icon: <DownloadOutlined /> }} data-testid="export">
              {t('residents.list.export')}
            </ExportButton>
          )}
          {canWrite && (
            <Button icon={<MergeCellsOutlined />} onClick={() => navigate('/residents/duplicates')}>
              {t('residents.duplicates.open')}
            </Button>
          )}
        </Space>
      </Space>
      <Row gutter={[16, 16]}>
        {showTree && (
          <Col md={7} xl={5}>
            <AreaTreePanel selectedId={filters.under} onSelect={pickArea} />
          </Col>
        )}
        <Col xs={24} md={showTree ? 17 : 24} xl={showTree ? 19 : 24}>
          <Card size="small">
            <ResidentFilterBar value={filters} onChange={(f) => apply(f)} />
            {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
            <div style={{ marginTop: 12 }}>
              <ResidentTable
                variant="list"
                items={data.items}
                loading={list.isFetching}
                empty={empty}
                pagination={{
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: data.total,
                  showSizeChanger: false,
                  simple: mobile,
                  onChange: (p) => apply(filters, p),
                  showTotal: () => (
                    <span data-testid="residents-total">{t('residents.list.total', { total: formatTotal(data.total, data.totalCapped, lang) })}</span>
                  ),
                }}
              />
            </div>
          </Card>
        </Col>
      </Row>
      {adding === 'resident' && (
        <ResidentFormDrawer
          defaultAreaId={filters.under}
          onClose={() => setAdding(null)}
          onSaved={(r) => {
            setAdding(null);
            navigate(`/residents/${r.id}`);
          }}
        />
      )}
      {adding === 'household' && (
        <HouseholdFormModal
          defaultAreaId={filters.under}
          onClose={() => setAdding(null)}
          onSaved={(h) => {
            setAdding(null);
            navigate(`/residents/households/${h.id}`);
          }}
        />
      )}
    </Space>
  );
}
