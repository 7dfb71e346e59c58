/**
 * The daily report of an area and day: a village's figures with submit (lock) and, for the level above,
 * reopen with a reason; an area above, one row per child with a totals row. The workbook in the paper form's
 * layout, and the last 14 days of a figure as bars. On a phone (under 576 px) the controls stand in one column at
 * full width and the figures read as cards (ReportCards), with the submit button under the title.
 */
import { Alert, App, Button, Card, DatePicker, Grid, Space, Spin, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { type Report, exportReport, getReport, reopen, submit as submitReport } from '../../../domain/reports/api';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { ExportButton } from '../../app/components/ExportButton';
import { ReasonModal } from '../../app/components/ReasonModal';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { exportUrlOf, useApiMutation, useApiQuery } from '../../app/query';
import { FIGURE_COLUMNS, MAIN_FIGURES } from '../../../domain/reports/figures';
import { ReportCards } from './ReportCards';
import { SeriesChart } from './SeriesChart';

type Row = Report['rows'][number];
type Status = NonNullable<Report['status']>;

const STATUS_COLOUR: Record<Status, string> = { live: 'default', submitted: 'green', reopened: 'orange' };

function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="report-status">
      {t(`reports.status.${status}`)}
    </Tag>
  );
}

function ReopenModal({ report, onClose, onDone }: { report: Report; onClose: () => void; onDone: (r: Report) => void }) {
  const { t } = useTranslation();
  const reopenDay = useApiMutation(reopen);
  return (
    <ReasonModal
      title={t('reports.reopenTitle', { name: report.area.name, day: report.day })}
      okText={t('reports.reopen')}
      label={t('reports.reopenReason')}
      testId="reopen"
      onSubmit={async (reason) => onDone(await reopenDay.mutateAsync({ body: { areaId: report.area.id, day: report.day, reason } }))}
      onClose={onClose}
    />
  );
}

export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const { can, user } = useAuth();
  const { area } = useCurrentArea();
  // ?areaId= opens another area's report (a link from a town's row, or from a notice).
  const [params] = useSearchParams();
  const [picked, setPicked] = useState<number | undefined>(Number(params.get('areaId')) || undefined);
  const [day, setDay] = useState(dayjs().format('YYYY-MM-DD'));
  const [reopening, setReopening] = useState(false);
  const areaId = picked ?? area?.id;
  // The report shown stays (dimmed) while another area or day loads; a submit or reopen refetches it and the chart.
  const report = useApiQuery(getReport, { query: { areaId, day } }, { enabled: !!areaId, placeholderData: (previous) => previous });
  const data = report.data ?? null;
  const error = report.error ? errorText(report.error, t) : null;
  const loading = report.isFetching;
  const submitDay = useApiMutation(submitReport);
  // Before the first measurement `sm` is undefined: the desktop layout, as most first loads are.
  const phone = Grid.useBreakpoint().sm === false;
  const control = phone ? { size: 'large' as const, style: { width: '100%' } } : {};

  const submit = () =>
    modal.confirm({
      title: t('reports.submitConfirm', { name: data!.area.name, day: data!.day }),
      content: t('reports.submitHelp'),
      okText: t('reports.submit'),
      onOk: async () => {
        try {
          await submitDay.mutateAsync({ body: { areaId: data!.area.id, day: data!.day } });
          message.success(t('reports.submitted'));
        } catch (e) {
          message.error(errorText(e, t));
        }
      },
    });

  const figureColumns = (() => {
    const groups: { title: string; children: { title: string; key: string; align: 'right'; render: (_: unknown, r: Row) => number }[] }[] = [];
    for (const c of FIGURE_COLUMNS.filter((x) => MAIN_FIGURES.includes(x.key))) {
      let g = groups.find((x) => x.title === c.group[lang]);
      if (!g) groups.push((g = { title: c.group[lang], children: [] }));
      g.children.push({ title: c.name[lang], key: c.key, align: 'right', render: (_: unknown, r: Row) => r.figures[c.key] });
    }
    return groups;
  })();

  const rows: Row[] = data
    ? data.village
      ? [
          {
            areaId: data.area.id,
            areaName: data.area.name,
            kind: data.area.kind,
            villages: 1,
            submitted: data.status === 'submitted' ? 1 : 0,
            status: data.status,
            figures: data.figures,
          },
        ]
      : data.rows
    : [];
  const stateOf = (r: Row) => (r.status ? <StatusTag status={r.status} /> : t('reports.submittedOf', { submitted: r.submitted, villages: r.villages }));
  const columns = [
    { title: t('reports.area'), key: 'name', fixed: 'left' as const, render: (_: unknown, r: Row) => r.areaName },
    {
      title: t('reports.state'),
      key: 'status',
      render: (_: unknown, r: Row) => stateOf(r),
    },
    ...figureColumns,
  ];
  const aboveVillage = data?.village && user && user.scope.id !== data.area.id;
  const big = phone ? { size: 'large' as const, block: true } : {};
  // A row of controls on a desk; on a phone one column, each control the screen's width (antd's Space would keep
  // each at its own width).
  const row = phone ? ({ display: 'flex', flexDirection: 'column', gap: 8, width: '100%' } as const) : ({ display: 'flex', flexWrap: 'wrap', gap: 8 } as const);
  const canSubmit = data?.village && data.status !== 'submitted' && can('reports.submit');
  const canReopen = data?.village && data.status === 'submitted' && can('reports.reopen') && aboveVillage;
  const actions = (canSubmit || canReopen) && (
    <div style={row}>
      {canSubmit && (
        <Button {...big} type="primary" icon={<LockOutlined />} onClick={submit} data-testid="report-submit">
          {t('reports.submit')}
        </Button>
      )}
      {canReopen && (
        <Button {...big} danger icon={<UnlockOutlined />} onClick={() => setReopening(true)} data-testid="report-reopen">
          {t('reports.reopen')}
        </Button>
      )}
    </div>
  );
  // Reports start at the village: asked for a grid (a grid worker's own area), the server answers its village's.
  const villageAbove = data && areaId !== undefined && data.area.id !== areaId && data.village;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={phone ? row : { ...row, justifyContent: 'space-between', alignItems: 'center', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.dailyReport')}
        </Typography.Title>
        <div style={row}>
          <AreaTreeSelect
            value={areaId}
            onChange={(id) => setPicked(id ?? undefined)}
            size={phone ? 'large' : undefined}
            style={phone ? { width: '100%' } : { minWidth: 200, maxWidth: '100%' }}
          />
          <DatePicker
            {...control}
            value={dayjs(day)}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))}
            data-testid="report-day"
          />
          {areaId && (
            <ExportButton
              url={exportUrlOf(exportReport, { query: { areaId, day } })}
              fileName="daily-report.xlsx"
              buttonProps={{ icon: <DownloadOutlined />, ...(phone ? { size: 'large', block: true } : {}) }}
              data-testid="report-export"
            >
              {t('reports.export')}
            </ExportButton>
          )}
        </div>
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      {villageAbove && (
        <Alert
          type="info"
          showIcon
          data-testid="report-village-above"
          title={t('reports.villageAbove', { village: data.area.name })}
          description={can('reports.submit') ? undefined : t('reports.readOnly')}
        />
      )}
      {!data && !error && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {data && (
        <Spin spinning={loading}>
          <Card
            size="small"
            title={
              <Space wrap>
                <span>{t('reports.title', { name: data.area.name, day: data.day })}</span>
                {data.status ? (
                  <StatusTag status={data.status} />
                ) : (
                  <Tag>{t('reports.submittedOf', { submitted: data.submitted, villages: data.villages })}</Tag>
                )}
              </Space>
            }
            extra={!phone && actions}
          >
            {phone && actions && <div style={{ marginBottom: 12 }}>{actions}</div>}
            {data.report?.submittedAt && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('reports.submittedBy', { name: data.report.submittedByName ?? '', at: dayjs(data.report.submittedAt).format('YYYY-MM-DD HH:mm') })}
                {data.report.reopenedAt &&
                  ` · ${t('reports.reopenedBy', { name: data.report.reopenedByName ?? '', at: dayjs(data.report.reopenedAt).format('YYYY-MM-DD HH:mm'), reason: data.report.reopenReason ?? '' })}`}
              </Typography.Paragraph>
            )}
            {data.village && data.status !== 'submitted' && <Typography.Paragraph type="secondary">{t('reports.liveHelp')}</Typography.Paragraph>}
            {phone ? (
              <ReportCards rows={rows} lang={lang} state={stateOf} total={data.village ? undefined : { title: t('reports.total'), figures: data.figures }} />
            ) : (
              <Table<Row>
                rowKey="areaId"
                size="small"
                bordered
                columns={columns}
                dataSource={rows}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="report-table"
                summary={() =>
                  data.village ? null : (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>
                        <Typography.Text strong>{t('reports.total')}</Typography.Text>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={1}>{t('reports.submittedOf', { submitted: data.submitted, villages: data.villages })}</Table.Summary.Cell>
                      {FIGURE_COLUMNS.filter((c) => MAIN_FIGURES.includes(c.key)).map((c, i) => (
                        <Table.Summary.Cell key={c.key} index={i + 2} align="right">
                          <Typography.Text strong>{data.figures[c.key]}</Typography.Text>
                        </Table.Summary.Cell>
                      ))}
                    </Table.Summary.Row>
                  )
                }
              />
            )}
          </Card>
          <div style={{ height: 16 }} />
          <SeriesChart areaId={data.area.id} to={data.day} />
        </Spin>
      )}
      {reopening && data && (
        <ReopenModal
          report={data}
          onClose={() => setReopening(false)}
          onDone={() => {
            setReopening(false);
            message.success(t('reports.reopened'));
          }}
        />
      )}
    </Space>
  );
}
