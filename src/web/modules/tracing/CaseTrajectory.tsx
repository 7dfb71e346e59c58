/**
 * A case's trajectory (行程轨迹): the rows so far, and a line list to add several at once — places (free text, a
 * known venue, sampling point or checkpoint post picked from the lists, or an area) and trips (kind, number, seat), each with its
 * time window. The server takes all rows or none.
 */
import { Alert, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { addTrajectory, type getCase, removeTrajectory } from '../../../domain/tracing/api';
import { TRAJECTORY_KINDS, TRANSPORT_KINDS } from '../../../domain/tracing/kinds';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { ApiError } from '../../app/api';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { type KnownPlace, KnownPlaceSelect, knownPlaceIds, useKnownPlaces } from './KnownPlaces';

type Row = ResponseOf<typeof getCase>['trajectory'][number];
interface LineValues {
  kind: (typeof TRAJECTORY_KINDS)[number];
  place?: string;
  areaId?: number;
  known?: KnownPlace;
  transportKind?: (typeof TRANSPORT_KINDS)[number];
  transportNumber?: string;
  seat?: string;
  startsAt?: Dayjs;
  endsAt?: Dayjs;
}

const at = (s: string | null) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '');

export function CaseTrajectory({ caseId, rows, writable }: { caseId: number; rows: Row[]; writable: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ rows: LineValues[] }>();
  const [editing, setEditing] = useState(false);
  const add = useApiMutation(addTrajectory);
  const remove = useApiMutation(removeTrajectory);
  const error = add.error ? errorText(add.error, t) : remove.error ? errorText(remove.error, t) : null;
  const { venueName, pointName, postName } = useKnownPlaces();

  const what = (r: Row) =>
    r.kind === 'transport'
      ? [r.transportKind && t(`tracing.transport.${r.transportKind}`), r.transportNumber, r.seat && t('tracing.seatValue', { seat: r.seat })]
          .filter(Boolean)
          .join(' · ')
      : [
          r.venueId && (venueName.get(r.venueId) ?? t('tracing.knownPlace.venue')),
          r.samplingPointId && (pointName.get(r.samplingPointId) ?? t('tracing.knownPlace.point')),
          r.postId && (postName.get(r.postId) ?? t('tracing.knownPlace.post')),
          r.place,
          r.areaName,
        ]
          .filter(Boolean)
          .join(' · ');

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      rows: v.rows.map((r) => ({
        kind: r.kind,
        place: r.kind === 'place' ? r.place?.trim() || null : null,
        areaId: r.kind === 'place' ? (r.areaId ?? null) : null,
        ...(r.kind === 'place' ? knownPlaceIds(r.known) : { venueId: null, samplingPointId: null, postId: null }),
        transportKind: r.kind === 'transport' ? (r.transportKind ?? null) : null,
        transportNumber: r.kind === 'transport' ? r.transportNumber?.trim() || null : null,
        seat: r.kind === 'transport' ? r.seat?.trim() || null : null,
        startsAt: r.startsAt!.format(),
        endsAt: r.endsAt ? r.endsAt.format() : null,
      })),
    };
    try {
      await add.mutateAsync({ params: { id: caseId }, body });
    } catch (e) {
      // The server names the line list's cells (`rows.1.endsAt`): the message goes under that cell.
      if (e instanceof ApiError) {
        const cells = Object.entries(e.fields).filter(([k]) => k.startsWith('rows.'));
        form.setFields(
          cells.map(([k, message]) => {
            const [, row, cell] = k.split('.');
            return { name: ['rows', Number(row), cell as keyof LineValues], errors: [message] };
          }),
        );
      }
      return;
    }
    form.resetFields();
    setEditing(false);
  };

  const columns = [
    { title: t('tracing.field.startsAt'), key: 'startsAt', render: (_: unknown, r: Row) => at(r.startsAt) },
    { title: t('tracing.field.endsAt'), key: 'endsAt', render: (_: unknown, r: Row) => at(r.endsAt) },
    { title: t('tracing.field.kind'), key: 'kind', render: (_: unknown, r: Row) => t(`tracing.trajectoryKind.${r.kind}`) },
    { title: t('tracing.field.where'), key: 'where', render: (_: unknown, r: Row) => what(r) },
    ...(writable
      ? [
          {
            title: '',
            key: 'remove',
            render: (_: unknown, r: Row) => (
              <Popconfirm title={t('tracing.removeRowConfirm')} onConfirm={() => remove.mutateAsync({ params: { id: r.id } }).catch(() => {})}>
                <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('tracing.removeRow')} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={t('tracing.trajectory')}
      extra={
        writable &&
        !editing && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing(true)} data-testid="trajectory-add">
            {t('tracing.addRows')}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="trajectory-error" />}
      <Table<Row>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="trajectory-table"
      />
      {editing && (
        <Form form={form} initialValues={{ rows: [{ kind: 'place' }, { kind: 'place' }] }} style={{ marginTop: 12 }}>
          <Typography.Paragraph type="secondary">{t('tracing.lineListHint')}</Typography.Paragraph>
          <Form.List name="rows">
            {(fields, { add: addRow, remove: removeRow }) => (
              <>
                {fields.map((field) => (
                  <LineRow key={field.key} name={field.name} onRemove={fields.length > 1 ? () => removeRow(field.name) : undefined} />
                ))}
                <Space>
                  <Button icon={<PlusOutlined />} onClick={() => addRow({ kind: 'place' })} data-testid="trajectory-row-add">
                    {t('tracing.addRow')}
                  </Button>
                  <Button type="primary" loading={add.isPending} onClick={() => void save().catch(() => {})} data-testid="trajectory-save">
                    {t('tracing.saveRows')}
                  </Button>
                  <Button onClick={() => (setEditing(false), form.resetFields())}>{t('common.cancel')}</Button>
                </Space>
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Card>
  );
}

/** One row of the line list: what it is, where or which trip, and when. */
function LineRow({ name, onRemove }: { name: number; onRemove?: () => void }) {
  const { t } = useTranslation();
  const kind = Form.useWatch(['rows', name, 'kind']);
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Space wrap align="start" style={{ marginBottom: 4 }} data-testid="trajectory-line">
      <Form.Item name={[name, 'kind']} style={{ marginBottom: 8 }}>
        <Select style={{ width: 96 }} options={TRAJECTORY_KINDS.map((k) => ({ value: k, label: t(`tracing.trajectoryKind.${k}`) }))} />
      </Form.Item>
      {kind === 'transport' ? (
        <>
          <Form.Item name={[name, 'transportKind']} rules={required} style={{ marginBottom: 8 }}>
            <Select
              style={{ width: 96 }}
              placeholder={t('tracing.field.transportKind')}
              options={TRANSPORT_KINDS.map((k) => ({ value: k, label: t(`tracing.transport.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name={[name, 'transportNumber']} style={{ marginBottom: 8 }}>
            <Input style={{ width: 120 }} maxLength={30} placeholder={t('tracing.field.transportNumber')} />
          </Form.Item>
          <Form.Item name={[name, 'seat']} style={{ marginBottom: 8 }}>
            <Input style={{ width: 80 }} maxLength={20} placeholder={t('tracing.field.seat')} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item name={[name, 'place']} style={{ marginBottom: 8 }}>
            <Input style={{ width: 200 }} maxLength={200} placeholder={t('tracing.field.place')} data-testid="trajectory-place" />
          </Form.Item>
          <Form.Item name={[name, 'known']} style={{ marginBottom: 8 }}>
            <KnownPlaceSelect />
          </Form.Item>
          <Form.Item name={[name, 'areaId']} style={{ marginBottom: 8 }}>
            <AreaTreeSelect allowClear placeholder={t('tracing.field.placeArea')} style={{ width: 160 }} />
          </Form.Item>
        </>
      )}
      <Form.Item name={[name, 'startsAt']} rules={required} style={{ marginBottom: 8 }}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={t('tracing.field.startsAt')} data-testid="trajectory-start" />
      </Form.Item>
      <Form.Item name={[name, 'endsAt']} style={{ marginBottom: 8 }}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={t('tracing.field.endsAt')} data-testid="trajectory-end" />
      </Form.Item>
      {onRemove && <Button type="text" icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('tracing.removeRow')} />}
    </Space>
  );
}
