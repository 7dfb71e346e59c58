/** 排班表: posts × days × shifts, the people on each (late, absent), the cells below their minimum in red. */
import { Button, DatePicker, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roster, unassign } from '../../../domain/checkpoints/api';
import type { RosterCell } from '../../../domain/checkpoints/api';
import { useApiMutation, useApiQuery } from '../../app/query';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { ExportButton } from '../../app/components/ExportButton';
import { AssignPopover } from './AssignPopover';
import { RosterFillBar } from './RosterFillBar';
import { RosterPrint } from './RosterPrint';
import { RosterRequestsDrawer } from './RosterRequestsDrawer';
import { RosterRulesDrawer } from './RosterRulesDrawer';

export default function RosterBoardPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [from, setFrom] = useState(dayjs().format('YYYY-MM-DD'));
  const [under, setUnder] = useState<number | null>(null);
  const board = useApiQuery(roster, { query: { from, days: 7, ...(under ? { under } : {}) } });
  const remove = useApiMutation(unassign);
  const cells = new Map((board.data?.cells ?? []).map((c) => [`${c.postId}|${c.day}|${c.shiftCode}`, c]));
  const rows = (board.data?.posts ?? []).flatMap((p) => p.shifts.map((s) => ({ key: `${p.id}|${s.code}`, post: p, shift: s })));
  const cell = (c: RosterCell | undefined) =>
    !c ? null : (
      <div
        style={{ background: c.gap ? '#fff1f0' : undefined, border: c.gap ? '1px solid #ffa39e' : undefined, padding: 4, minHeight: 32 }}
        data-testid={c.gap ? 'roster-gap' : 'roster-cell'}
      >
        {c.people.map((p) => (
          <div key={p.assignmentId}>
            <Tag color={p.absent ? 'red' : p.late ? 'orange' : p.checkedInAt ? 'green' : undefined}>
              {p.name} · {t(`checkpoints.role.${p.role}`)}
              {p.absent ? ` · ${t('checkpoints.roster.absent')}` : p.late ? ` · ${t('checkpoints.roster.late')}` : ''}
            </Tag>
            {can('checkpoints.manage') && !p.checkedInAt && (
              <Popconfirm title={t('checkpoints.roster.unassign')} onConfirm={() => remove.mutate({ params: { id: p.assignmentId } })}>
                <Button size="small" type="link" danger>
                  ×
                </Button>
              </Popconfirm>
            )}
          </div>
        ))}
        {can('checkpoints.manage') && <AssignPopover postId={c.postId} day={c.day} shiftCode={c.shiftCode} under={under} />}
        {c.gap && (
          <Typography.Text type="danger">{t('checkpoints.roster.short', { roles: c.short.map((r) => t(`checkpoints.role.${r}`)).join('、') })}</Typography.Text>
        )}
      </div>
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="roster-board">
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('checkpoints.roster.title')}
        </Typography.Title>
        <DatePicker value={dayjs(from)} allowClear={false} onChange={(d) => d && setFrom(d.format('YYYY-MM-DD'))} />
        <AreaTreeSelect
          value={under}
          onChange={(v) => setUnder(v)}
          placeholder={t('checkpoints.fill.area')}
          allowClear
          style={{ minWidth: 200 }}
          data-testid="roster-area"
        />
        <RosterRulesDrawer />
        <RosterRequestsDrawer under={under} />
        <ExportButton
          url={`/api/checkpoints/roster/export.xlsx?from=${from}&days=7${under ? `&under=${under}` : ''}`}
          fileName={t('checkpoints.fill.fileName', { from })}
          data-testid="roster-export"
        >
          {t('checkpoints.fill.export')}
        </ExportButton>
        <Button onClick={() => window.print()} disabled={!board.data?.posts.length} data-testid="roster-print-button">
          {t('checkpoints.fill.print')}
        </Button>
      </Space>
      <RosterFillBar areaId={under} from={from} canFill={can('checkpoints.manage')} />
      <Table
        size="small"
        bordered
        pagination={false}
        loading={board.isLoading}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[
          { title: t('checkpoints.posts.name'), render: (_, r) => r.post.name, fixed: 'left' },
          { title: t('checkpoints.roster.shift'), render: (_, r) => `${r.shift.name} ${r.shift.start}–${r.shift.end}` },
          ...(board.data?.days ?? []).map((d) => ({
            title: dayjs(d).format('MM-DD'),
            key: d,
            render: (_: unknown, r: (typeof rows)[number]) => cell(cells.get(`${r.post.id}|${d}|${r.shift.code}`)),
          })),
        ]}
      />
      {board.data && <RosterPrint posts={board.data.posts} days={board.data.days} cells={board.data.cells} />}
    </Space>
  );
}
