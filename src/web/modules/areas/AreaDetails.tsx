import { App, Button, Card, Descriptions, Dropdown, Space, Spin, Table, Tag, Typography } from 'antd';
import { AimOutlined, DeleteOutlined, DragOutlined, EditOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { archiveArea } from '../../../domain/areas/api';
import { AreaBreadcrumb } from '../../app/components/AreaBreadcrumb';
import { KindTag } from '../../app/components/KindTag';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import type { Area } from '../../app/types';

export type AreaAction = 'add' | 'edit' | 'move' | 'archive';

interface Props {
  area: Area;
  /** Children as loaded in the tree; undefined while loading. */
  children: Area[] | undefined;
  canWrite: boolean;
  isScopeRoot: boolean;
  onSelect: (area: Area) => void;
  onAction: (action: AreaAction) => void;
}

/** The selected area: facts, path, actions, and its children. */
export function AreaDetails({ area, children, canWrite, isScopeRoot, onSelect, onAction }: Props) {
  const { t } = useTranslation();
  const { area: current, setArea } = useCurrentArea();

  const actions = canWrite && !area.archived && (
    <Space wrap size={4}>
      <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => onAction('add')}>
        {t('areas.addChild')}
      </Button>
      <Button size="small" icon={<EditOutlined />} onClick={() => onAction('edit')}>
        {t('common.edit')}
      </Button>
      {/* The scope root cannot be moved or archived by its own users; do not offer it. */}
      {!isScopeRoot && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'move', icon: <DragOutlined />, label: t('areas.move') },
              { key: 'archive', icon: <DeleteOutlined />, danger: true, label: t('areas.archive') },
            ],
            onClick: ({ key }) => onAction(key as AreaAction),
          }}
        >
          <Button size="small" icon={<MoreOutlined />} aria-label={t('common.more')} />
        </Dropdown>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space wrap size={4}>
            <span>{area.name}</span>
            <KindTag kind={area.kind} />
            {area.archived && <Tag>{t('area.archived')}</Tag>}
          </Space>
        }
        extra={actions}
      >
        <AreaBreadcrumb areaId={area.id} onPick={onSelect} />
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('area.kind')}>{t(`kind.${area.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('area.divisionCode')}>{area.divisionCode ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('area.level')}>{area.level}</Descriptions.Item>
          <Descriptions.Item label={t('area.childCount')}>{children?.length ?? area.childCount ?? '-'}</Descriptions.Item>
        </Descriptions>
        {current?.id !== area.id && !area.archived && (
          <Button size="small" icon={<AimOutlined />} style={{ marginTop: 8 }} onClick={() => setArea(area)}>
            {t('areas.setCurrent')}
          </Button>
        )}
      </Card>
      <Card size="small" title={t('areas.children')}>
        <Table<Area>
          size="small"
          rowKey="id"
          loading={!children}
          dataSource={children ?? []}
          pagination={children && children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          onRow={(a) => ({ onClick: () => onSelect(a), style: { cursor: 'pointer' } })}
          locale={{ emptyText: t('areas.noChildren') }}
          columns={[
            { title: t('area.name'), dataIndex: 'name', render: (name: string) => <Typography.Link>{name}</Typography.Link> },
            { title: t('area.kind'), dataIndex: 'kind', render: (k: Area['kind']) => <KindTag kind={k} /> },
            { title: t('area.divisionCode'), dataIndex: 'divisionCode', render: (c: string | null) => c ?? '' },
            { title: t('area.childCount'), dataIndex: 'childCount', align: 'right' },
          ]}
        />
      </Card>
    </Space>
  );
}

export function AreaDetailsLoading() {
  return <Spin style={{ display: 'block', margin: '48px auto' }} />;
}

export function useArchive() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { mutateAsync } = useApiMutation(archiveArea);
  return (area: Area, done: () => void) =>
    modal.confirm({
      title: t('areas.archiveConfirmTitle', { name: area.name }),
      content: t('areas.archiveConfirmText'),
      okText: t('areas.archive'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await mutateAsync({ params: { id: area.id } });
          message.success(t('areas.archived', { count: r.archived }));
          done();
        } catch (e) {
          message.error(errorText(e, t));
        }
      },
    });
}
